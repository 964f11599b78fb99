namespace MedLedger.Ledger.Storage;

/// <summary>An entry as read back from a store.</summary>
/// <param name="Index">The entry's position in the log.</param>
/// <param name="Bytes">The entry's bytes exactly as appended.</param>
public sealed record StoredEntry(long Index, ReadOnlyMemory<byte> Bytes);
