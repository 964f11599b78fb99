namespace MedLedger.Functions.LedgerEvents;

/// <summary>The outcome of <see cref="ILedgerEventAppender.AppendAsync"/>.</summary>
/// <param name="Status">How the append ended.</param>
/// <param name="Index">The entry's index in its log, unless <see cref="LedgerAppendStatus.Rejected"/>.</param>
/// <param name="Reason">Why it was rejected: a short code-like phrase with no patient data, for logs.</param>
public sealed record LedgerAppendResult(LedgerAppendStatus Status, long? Index, string? Reason)
{
    /// <summary>The event was appended at <paramref name="index"/>.</summary>
    public static LedgerAppendResult Appended(long index) => new(LedgerAppendStatus.Appended, index, null);

    /// <summary>The event was already in the log at <paramref name="index"/>.</summary>
    public static LedgerAppendResult AlreadyAppended(long index) => new(LedgerAppendStatus.AlreadyAppended, index, null);

    /// <summary>The event was refused for <paramref name="reason"/>.</summary>
    public static LedgerAppendResult Rejected(string reason) => new(LedgerAppendStatus.Rejected, null, reason);
}
