using MedLedger.Clients.Pipeline;

namespace MedLedger.Cli;

/// <summary>What the command line takes from its process; tests replace it to run verbs in-process.</summary>
internal sealed class CliEnvironment
{
    /// <summary>Gets the clock used to throttle progress lines and to tell pending blobs from orphans.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Gets whether stderr is a terminal; progress lines are shown by default only then.</summary>
    public bool IsErrorInteractive { get; init; }

    /// <summary>Gets whether Ctrl+C and SIGTERM cancel the running verb (the real process only, never in tests).</summary>
    public bool HandlesTerminationSignals { get; init; }

    /// <summary>Gets the factory of storage client options (retries, transport) for <c>--connection</c> verbs.</summary>
    public Func<StorageClientOptions> CreateStorageOptions { get; init; } = static () => new StorageClientOptions();

    /// <summary>Gets how many threads parse and hash entries during verification.</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Creates the environment of the real console process.</summary>
    public static CliEnvironment ForConsole() => new()
    {
        IsErrorInteractive = !System.Console.IsErrorRedirected,
        HandlesTerminationSignals = true,
    };
}
