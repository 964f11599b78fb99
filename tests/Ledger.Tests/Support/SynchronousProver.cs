using MedLedger.Ledger.Hashing;
using MedLedger.Ledger.Tiles;

namespace MedLedger.Ledger.Tests.Support;

/// <summary>
/// Blocking calls into <see cref="TiledMerkleTree"/> for FsCheck properties, which are synchronous. Only used over
/// in-memory tiles, whose reads complete synchronously, so nothing actually waits.
/// </summary>
internal sealed class SynchronousProver(ITileReader tiles)
{
    private readonly TiledMerkleTree _tree = new(tiles);

    public IReadOnlyList<LedgerHash> ProveInclusion(long index, long treeSize) =>
        _tree.ProveInclusionAsync(index, treeSize).GetAwaiter().GetResult();

    public IReadOnlyList<LedgerHash> ProveConsistency(long firstSize, long secondSize) =>
        _tree.ProveConsistencyAsync(firstSize, secondSize).GetAwaiter().GetResult();

    public LedgerHash RootHash(long treeSize) => _tree.ReadRootHashAsync(treeSize).GetAwaiter().GetResult();
}
