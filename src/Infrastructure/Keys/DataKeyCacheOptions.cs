namespace MedLedger.Infrastructure.Keys;

/// <summary>Options for <see cref="DataKeyCache"/>.</summary>
public sealed class DataKeyCacheOptions
{
    /// <summary>Gets or sets how long an unwrapped data key stays in memory (default 2 minutes; zero disables caching).</summary>
    public TimeSpan TimeToLive { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Gets or sets the most keys held at once (default 10,000); beyond it new keys are not cached.</summary>
    public int MaxEntries { get; set; } = 10_000;
}
