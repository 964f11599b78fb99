using MedLedger.Ledger.Hashing;
using MedLedger.Ledger.Tests.Reference;
using MedLedger.Testing.Tiles;

namespace MedLedger.Ledger.Tests.Support;

/// <summary>
/// One tiled tree of real leaf hashes shared by the property tests: 70,000 leaves, so random sizes reach level-2
/// tiles (65,536 leaves) while the tree is built once per test run.
/// </summary>
internal static class PropertyTree
{
    public const int MaxSize = 70_000;

    private static readonly Lazy<InMemoryTiles> LazyTiles = new(() =>
        InMemoryTiles.Build([.. Enumerable.Range(0, MaxSize).Select(i => MerkleHash.Leaf(ReferenceMerkleTree.Entry(i)))]));

    public static InMemoryTiles Tiles => LazyTiles.Value;

    public static LedgerHash Leaf(long index) => MerkleHash.Leaf(ReferenceMerkleTree.Entry(index));

    public static SynchronousProver Prover => new(Tiles);
}
