using MedLedger.Functions.LedgerLogs;
using MedLedger.Ledger.Hashing;

namespace MedLedger.Functions.Access;

/// <summary>Where an access event landed: its event id (the receipt's name), log, index and leaf hash.</summary>
internal sealed record AccessEventLocation(string EventId, LedgerLog Log, long Index, LedgerHash LeafHash)
{
    /// <summary>Gets the path of the event's status and receipt.</summary>
    public string ReceiptPath => ReceiptPaths.Of(EventId);
}
