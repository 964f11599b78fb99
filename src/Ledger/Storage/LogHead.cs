using MedLedger.Ledger.Hashing;

namespace MedLedger.Ledger.Storage;

/// <summary>The end of a log as the store last committed it.</summary>
/// <param name="Size">The number of entries; the next entry's index.</param>
/// <param name="RootHash">The Merkle root of the tree of that size.</param>
/// <param name="LastLeafHash">The leaf hash of the last entry (<see cref="LedgerHash.Zero"/> for an empty log): the next entry's <c>prev</c>.</param>
public sealed record LogHead(long Size, LedgerHash RootHash, LedgerHash LastLeafHash)
{
    /// <summary>Gets the head of a log that has no entries.</summary>
    public static LogHead Empty { get; } = new(0, MerkleHash.EmptyRoot, LedgerHash.Zero);
}
