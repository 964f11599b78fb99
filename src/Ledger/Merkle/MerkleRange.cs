using System.Numerics;

namespace MedLedger.Ledger.Merkle;

/// <summary>The leaves [<see cref="Start"/>, <see cref="End"/>) of a subtree as RFC 9162 §2.1 splits a tree.</summary>
/// <remarks>
/// The RFC splits a range at the largest power of two smaller than its size, so every range it produces starts at a
/// multiple of a power of two at least as large as the range. Such a range is its perfect subtrees, largest first,
/// and its hash MTH is their roots folded from the right. Proofs are computed here as ranges first, so the hashes
/// they need can be read in one batch.
/// </remarks>
/// <param name="Start">The first leaf.</param>
/// <param name="End">One past the last leaf.</param>
internal readonly record struct MerkleRange(long Start, long End)
{
    /// <summary>
    /// Returns the ranges whose hashes form the inclusion proof PATH(<paramref name="index"/>, D[<paramref name="treeSize"/>])
    /// of RFC 9162 §2.1.3.1, in proof order (nearest the leaf first).
    /// </summary>
    /// <remarks>Requires 0 ≤ index &lt; treeSize.</remarks>
    public static List<MerkleRange> InclusionPath(long index, long treeSize)
    {
        var path = new List<MerkleRange>(64);
        long start = 0;
        var end = treeSize;
        // The RFC recursion appends the sibling after the sub-path, so walking down collects the proof back to front.
        while (end - start > 1)
        {
            var split = LargestPowerOfTwoBelow(end - start);
            if (index - start < split)
            {
                path.Add(new MerkleRange(start + split, end));
                end = start + split;
            }
            else
            {
                path.Add(new MerkleRange(start, start + split));
                start += split;
            }
        }

        path.Reverse();
        return path;
    }

    /// <summary>
    /// Returns the ranges whose hashes form the consistency proof PROOF(<paramref name="firstSize"/>,
    /// D[<paramref name="secondSize"/>]) = SUBPROOF(m, D[n], true) of RFC 9162 §2.1.4.1, in proof order.
    /// </summary>
    /// <remarks>Requires 0 &lt; firstSize &lt; secondSize.</remarks>
    public static List<MerkleRange> ConsistencyPath(long firstSize, long secondSize)
    {
        var path = new List<MerkleRange>(64);
        long start = 0;
        var end = secondSize;
        // SUBPROOF's flag b: still true while the first tree's root is a node of the second tree on the left edge.
        var firstRootIsANode = true;
        while (end != firstSize)
        {
            var split = LargestPowerOfTwoBelow(end - start);
            if (firstSize - start <= split)
            {
                path.Add(new MerkleRange(start + split, end));
                end = start + split;
            }
            else
            {
                path.Add(new MerkleRange(start, start + split));
                start += split;
                firstRootIsANode = false;
            }
        }

        // SUBPROOF(m, D[m], false) = {MTH(D[m])}: the subtree where the first tree ends is only sent when the
        // verifier cannot take it from the first root itself.
        if (!firstRootIsANode)
        {
            path.Add(new MerkleRange(start, end));
        }

        path.Reverse();
        return path;
    }

    /// <summary>Appends this range's perfect subtrees, largest (leftmost) first.</summary>
    /// <exception cref="InvalidOperationException">The range is not one the RFC split produces (a bug in the caller).</exception>
    public void AddPerfectSubtrees(List<PerfectSubtree> destination)
    {
        var start = Start;
        while (start < End)
        {
            var height = BitOperations.Log2((ulong)(End - start));
            var size = 1L << height;
            if ((start & (size - 1)) != 0)
            {
                throw new InvalidOperationException(
                    FormattableString.Invariant($"Bad index math: [{Start}, {End}) is not an RFC 9162 subtree range."));
            }

            destination.Add(new PerfectSubtree(height, start >> height));
            start += size;
        }
    }

    /// <summary>The largest power of two strictly smaller than <paramref name="size"/> (RFC 9162 §2.1.1's k), for size ≥ 2.</summary>
    internal static long LargestPowerOfTwoBelow(long size) => 1L << BitOperations.Log2((ulong)(size - 1));
}
