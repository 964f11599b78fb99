namespace MedLedger.Ledger.Appending;

/// <summary>Options for <see cref="LogAppender"/>.</summary>
public sealed class LogAppenderOptions
{
    /// <summary>Gets or sets the most drafts one store append carries (the store's operation budget may allow fewer).</summary>
    /// <value>Defaults to 512.</value>
    public int MaxBatchEntries { get; set; } = 512;

    /// <summary>Gets or sets how many failed attempts one batch gets: store failures, and conflicts after which the log has not grown.</summary>
    /// <remarks>
    /// A conflict lost to another appender's commit is not counted: it means the log progressed, and appenders in
    /// several processes lose such races routinely. Counting them would fail callers merely for being busy. A caller
    /// that must bound its wait uses its cancellation token.
    /// </remarks>
    /// <value>Defaults to 16.</value>
    public int MaxAttempts { get; set; } = 16;
}
