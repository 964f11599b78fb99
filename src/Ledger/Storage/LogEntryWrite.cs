using MedLedger.Ledger.Hashing;

namespace MedLedger.Ledger.Storage;

/// <summary>One entry of an append, with everything the store must write for it in the same transaction.</summary>
/// <param name="Index">The entry's position in the log.</param>
/// <param name="Bytes">The entry's bytes, stored and later returned verbatim.</param>
/// <param name="LeafHash">The entry's leaf hash, kept with the event index so an ambiguous commit can be checked.</param>
/// <param name="EventId">The entry's idempotency key; unique within the log.</param>
/// <param name="IndexKeys">The secondary index keys that must point at this entry.</param>
public sealed record LogEntryWrite(
    long Index,
    ReadOnlyMemory<byte> Bytes,
    LedgerHash LeafHash,
    string EventId,
    IReadOnlyList<LogIndexKey> IndexKeys);
