namespace MedLedger.Ledger.Appending;

/// <summary>Options for <see cref="LogAppender"/>.</summary>
public sealed class LogAppenderOptions
{
    /// <summary>Gets or sets the most drafts one store append carries (the store's operation budget may allow fewer).</summary>
    /// <value>Defaults to 512.</value>
    public int MaxBatchEntries { get; set; } = 512;

    /// <summary>Gets or sets how many times one batch is retried after a conflict or an ambiguous store failure.</summary>
    /// <value>Defaults to 16.</value>
    public int MaxAttempts { get; set; } = 16;
}
