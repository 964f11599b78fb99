using MedLedger.Ledger.Hashing;

namespace MedLedger.Ledger.Merkle;

/// <summary>
/// The right edge of a Merkle tree: the roots of its perfect subtrees, enough to append leaves and compute the
/// root at any size in O(log n) memory.
/// </summary>
/// <remarks>
/// A tree of size n (RFC 9162 §2.1.1) splits into one perfect subtree per set bit of n, largest first; the root
/// folds those subtree roots from the right. Streaming verification keeps one of these instead of the log.
/// </remarks>
/// <threadsafety>Not thread-safe; one writer at a time.</threadsafety>
public sealed class CompactMerkleTree
{
    private readonly List<LedgerHash> _subtreeRoots = [];

    /// <summary>Gets the number of leaves appended so far.</summary>
    public long Size { get; private set; }

    /// <summary>Gets the roots of the perfect subtrees of the current tree, largest (leftmost) first.</summary>
    public IReadOnlyList<LedgerHash> SubtreeRoots => _subtreeRoots;

    /// <summary>Appends one leaf hash (already computed with <see cref="MerkleHash.Leaf"/>).</summary>
    public void Append(in LedgerHash leafHash)
    {
        var merged = leafHash;
        // Each trailing one bit of the old size is a perfect subtree that the new leaf completes.
        for (var size = Size; (size & 1) == 1; size >>= 1)
        {
            merged = MerkleHash.Node(_subtreeRoots[^1], merged);
            _subtreeRoots.RemoveAt(_subtreeRoots.Count - 1);
        }

        _subtreeRoots.Add(merged);
        Size++;
    }

    /// <summary>Computes the root hash of the tree at its current size.</summary>
    public LedgerHash RootHash()
    {
        if (_subtreeRoots.Count == 0)
        {
            return MerkleHash.EmptyRoot;
        }

        var root = _subtreeRoots[^1];
        for (var i = _subtreeRoots.Count - 2; i >= 0; i--)
        {
            root = MerkleHash.Node(_subtreeRoots[i], root);
        }

        return root;
    }

    /// <summary>Computes the root of the tree over <paramref name="leafHashes"/>, in order.</summary>
    public static LedgerHash RootOf(IEnumerable<LedgerHash> leafHashes)
    {
        ArgumentNullException.ThrowIfNull(leafHashes);
        var tree = new CompactMerkleTree();
        foreach (var leaf in leafHashes)
        {
            tree.Append(leaf);
        }

        return tree.RootHash();
    }
}
