using MedLedger.Ledger.Hashing;

namespace MedLedger.Ledger.Storage;

/// <summary>Where an event id was appended.</summary>
/// <param name="Index">The entry's position in the log.</param>
/// <param name="LeafHash">The entry's leaf hash.</param>
public sealed record EventLocation(long Index, LedgerHash LeafHash);
