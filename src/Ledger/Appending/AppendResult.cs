using MedLedger.Ledger.Hashing;

namespace MedLedger.Ledger.Appending;

/// <summary>Where a draft ended up in the log.</summary>
/// <param name="EventId">The draft's event id.</param>
/// <param name="Index">The entry's index in the log.</param>
/// <param name="LeafHash">The entry's leaf hash.</param>
/// <param name="AlreadyPresent">
/// True when the event id was already in the log (or earlier in the same batch) and the existing entry is returned
/// instead of a new one; its content may differ from this draft.
/// </param>
public sealed record AppendResult(string EventId, long Index, LedgerHash LeafHash, bool AlreadyPresent);
