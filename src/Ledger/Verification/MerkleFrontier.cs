using MedLedger.Ledger.Hashing;

namespace MedLedger.Ledger.Verification;

/// <summary>
/// The right edge of the verifier's Merkle tree: the roots of its perfect subtrees, largest first, growing by single
/// leaves or by whole aligned subtrees.
/// </summary>
/// <remarks>
/// Like <see cref="Merkle.CompactMerkleTree"/>, plus two things verification needs: appending the root of an aligned
/// perfect subtree computed elsewhere (a 256-leaf chunk hashed in parallel), and copying the state cheaply.
/// </remarks>
internal sealed class MerkleFrontier
{
    private readonly List<LedgerHash> _roots = new(64);
    private readonly List<int> _heights = new(64);

    /// <summary>Gets the number of leaves.</summary>
    public long Size { get; private set; }

    /// <summary>Appends one leaf hash.</summary>
    public void Append(in LedgerHash leaf) => AppendSubtree(leaf, 0);

    /// <summary>Appends the root of a perfect subtree of 2^<paramref name="height"/> leaves; the size must be a multiple of that.</summary>
    public void AppendSubtree(in LedgerHash root, int height)
    {
        if ((Size & ((1L << height) - 1)) != 0)
        {
            throw new InvalidOperationException("A subtree can only be appended at a multiple of its size.");
        }

        var merged = root;
        var mergedHeight = height;
        // Equal-height neighbours merge, exactly as appending the subtree's leaves one by one would (RFC 9162 §2.1.1).
        while (_heights.Count > 0 && _heights[^1] == mergedHeight)
        {
            merged = MerkleHash.Node(_roots[^1], merged);
            _roots.RemoveAt(_roots.Count - 1);
            _heights.RemoveAt(_heights.Count - 1);
            mergedHeight++;
        }

        _roots.Add(merged);
        _heights.Add(mergedHeight);
        Size += 1L << height;
    }

    /// <summary>Computes the root of the tree as it would be after appending <paramref name="extraLeaves"/>, without changing it.</summary>
    public LedgerHash RootWith(ReadOnlySpan<LedgerHash> extraLeaves)
    {
        var copy = new MerkleFrontier();
        copy.CopyFrom(this);
        foreach (var leaf in extraLeaves)
        {
            copy.Append(leaf);
        }

        return copy.Root();
    }

    /// <summary>Computes the root hash (the empty tree's root for size 0).</summary>
    public LedgerHash Root()
    {
        if (_roots.Count == 0)
        {
            return MerkleHash.EmptyRoot;
        }

        var root = _roots[^1];
        for (var i = _roots.Count - 2; i >= 0; i--)
        {
            root = MerkleHash.Node(_roots[i], root);
        }

        return root;
    }

    /// <summary>Makes this frontier equal to <paramref name="other"/>.</summary>
    public void CopyFrom(MerkleFrontier other)
    {
        _roots.Clear();
        _roots.AddRange(other._roots);
        _heights.Clear();
        _heights.AddRange(other._heights);
        Size = other.Size;
    }
}
