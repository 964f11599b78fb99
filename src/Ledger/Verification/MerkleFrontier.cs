using MedLedger.Ledger.Hashing;

namespace MedLedger.Ledger.Verification;

/// <summary>Root computations on a copy of a compact tree's right edge, without changing the tree.</summary>
internal static class MerkleFrontier
{
    /// <summary>
    /// Computes the root of the tree whose perfect-subtree roots are <paramref name="subtreeRoots"/> (a tree of
    /// <paramref name="size"/> leaves) after appending <paramref name="extraLeaves"/>.
    /// </summary>
    /// <remarks>
    /// Folding the subtree roots from the right with the extra leaf last gives the root of size + 1 directly: the
    /// merges an append would do are exactly that fold (RFC 9162 §2.1.1 splits at the largest power of two).
    /// </remarks>
    public static LedgerHash RootAfter(IReadOnlyList<LedgerHash> subtreeRoots, long size, ReadOnlySpan<LedgerHash> extraLeaves)
    {
        var roots = new List<LedgerHash>(subtreeRoots.Count + extraLeaves.Length);
        roots.AddRange(subtreeRoots);
        foreach (var leaf in extraLeaves)
        {
            var merged = leaf;
            for (var s = size; (s & 1) == 1; s >>= 1)
            {
                merged = MerkleHash.Node(roots[^1], merged);
                roots.RemoveAt(roots.Count - 1);
            }

            roots.Add(merged);
            size++;
        }

        if (roots.Count == 0)
        {
            return MerkleHash.EmptyRoot;
        }

        var root = roots[^1];
        for (var i = roots.Count - 2; i >= 0; i--)
        {
            root = MerkleHash.Node(roots[i], root);
        }

        return root;
    }
}
