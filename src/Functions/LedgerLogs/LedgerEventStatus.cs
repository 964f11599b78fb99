namespace MedLedger.Functions.LedgerLogs;

/// <summary>Where a ledger event stands.</summary>
/// <param name="EventId">The event id.</param>
/// <param name="Log">The log the event belongs to.</param>
/// <param name="Index">The entry's index once appended; <see langword="null"/> while pending.</param>
/// <param name="Receipt">The receipt JSON (<see cref="MedLedger.Ledger.Receipts.Receipt.ToJson"/>) once a signed checkpoint covers the entry.</param>
/// <param name="IntegrityFault">Set when the stored log cannot prove the entry against its own signed checkpoint (the
/// table was changed): what does not fit, for the server log. No receipt is handed out then.</param>
internal sealed record LedgerEventStatus(string EventId, string Log, long? Index, byte[]? Receipt, string? IntegrityFault = null)
{
    /// <summary>Gets <c>appended</c> once the entry is in the log, <c>pending</c> before.</summary>
    public string Status => Index is null ? "pending" : "appended";
}
