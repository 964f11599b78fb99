namespace MedLedger.Functions.LedgerEvents;

/// <summary>Appends ledger events to their log: the port the <c>LedgerAppend</c> function calls.</summary>
/// <remarks>
/// The contract: idempotent on <see cref="LedgerEventMessage.EventId"/> (a redelivered message returns
/// <see cref="LedgerAppendStatus.AlreadyAppended"/> and adds nothing); before appending a record event, re-read the
/// blob and compare its SHA-256 with <see cref="LedgerEventMessage.CiphertextSha256"/>, returning
/// <see cref="LedgerAppendStatus.Rejected"/> on a mismatch with the log untouched; a storage failure throws
/// (Azure.Core <c>RequestFailedException</c>), which the handler reports as a failure so the message is retried.
/// </remarks>
/// <threadsafety>Implementations are safe for concurrent use (the host invokes concurrently).</threadsafety>
public interface ILedgerEventAppender
{
    /// <summary>Appends one event, returning once it is durably in the log (or known to be already there, or rejected).</summary>
    Task<LedgerAppendResult> AppendAsync(LedgerEventMessage message, CancellationToken cancellationToken = default);
}
