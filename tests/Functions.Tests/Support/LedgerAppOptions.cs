using Microsoft.Extensions.DependencyInjection;

namespace MedLedger.Functions.Tests.Support;

/// <summary>How a <see cref="LedgerAppFactory"/> app differs from the default.</summary>
public sealed class LedgerAppOptions
{
    /// <summary>Gets or sets whether the embedded queue listener and checkpoint timer run (default: yes).</summary>
    public bool LocalHost { get; set; } = true;

    /// <summary>Gets or sets how long a failed message stays hidden before its retry (host.json says 10 s; tests need no wait).</summary>
    public TimeSpan RetryVisibilityTimeout { get; set; } = TimeSpan.Zero;

    /// <summary>Gets or sets the attempts before a message is poisoned (host.json says 5).</summary>
    public int MaxDequeueCount { get; set; } = 5;

    /// <summary>Gets extra settings (configuration keys; null removes one).</summary>
    public Dictionary<string, string?> Settings { get; } = [];

    /// <summary>Gets or sets extra service registrations, applied last.</summary>
    public Action<IServiceCollection>? ConfigureServices { get; set; }
}
