namespace MedLedger.Functions.Hosting;

/// <summary>Environment variables the process reads to decide where it runs; set by the Functions host or the developer, not by the deployment template.</summary>
internal static class HostEnvironmentVariables
{
    /// <summary>The loopback port the Functions host assigns to its custom handler (azure-protocols.md §1.3); present only under the host.</summary>
    public const string CustomHandlerPort = "FUNCTIONS_CUSTOMHANDLER_PORT";

    /// <summary>The local port when the app runs without the Functions host; default <see cref="HostingOptions.DefaultLocalPort"/>.</summary>
    public const string LocalPort = "MEDLEDGER_PORT";
}
