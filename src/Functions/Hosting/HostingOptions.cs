namespace MedLedger.Functions.Hosting;

/// <summary>Where the process runs and listens: under the Functions host, or as the local host of shared/design.md D2.</summary>
internal sealed class HostingOptions
{
    /// <summary>The local port when <see cref="HostEnvironmentVariables.LocalPort"/> is not set: 7071, as <c>func start</c> uses.</summary>
    public const int DefaultLocalPort = 7071;

    /// <summary>Gets or sets the port assigned by the Functions host, or <see langword="null"/> when the app runs on its own.</summary>
    public int? CustomHandlerPort { get; set; }

    /// <summary>Gets or sets the port used when the app runs on its own.</summary>
    public int LocalPort { get; set; } = DefaultLocalPort;

    /// <summary>Gets the settings whose values could not be parsed.</summary>
    public IList<string> SettingErrors { get; } = [];

    /// <summary>Gets a value indicating whether the Functions host started this process (it then owns triggers and timers).</summary>
    public bool UnderFunctionsHost => CustomHandlerPort is not null;

    /// <summary>Gets the loopback port to listen on.</summary>
    public int ListenPort => CustomHandlerPort ?? LocalPort;
}
