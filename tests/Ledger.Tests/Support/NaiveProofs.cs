using MedLedger.Ledger.Hashing;

namespace MedLedger.Ledger.Tests.Support;

/// <summary>
/// RFC 9162 §2.1.3.1 (PATH) and §2.1.4.1 (PROOF/SUBPROOF) written literally and recursively: just enough proof
/// generation to build receipts and consistency checks in these tests.
/// </summary>
internal static class NaiveProofs
{
    public static List<LedgerHash> Inclusion(IReadOnlyList<LedgerHash> leaves, int index)
    {
        if (leaves.Count <= 1)
        {
            return [];
        }

        var k = LargestPowerOfTwoBelow(leaves.Count);
        return index < k
            ? [.. Inclusion(Slice(leaves, 0, k), index), Root(Slice(leaves, k, leaves.Count))]
            : [.. Inclusion(Slice(leaves, k, leaves.Count), index - k), Root(Slice(leaves, 0, k))];
    }

    public static List<LedgerHash> Consistency(IReadOnlyList<LedgerHash> leaves, int oldSize) =>
        oldSize == 0 || oldSize == leaves.Count ? [] : SubProof(oldSize, leaves, true);

    public static LedgerHash Root(IReadOnlyList<LedgerHash> leaves)
    {
        if (leaves.Count == 0)
        {
            return MerkleHash.EmptyRoot;
        }

        if (leaves.Count == 1)
        {
            return leaves[0];
        }

        var k = LargestPowerOfTwoBelow(leaves.Count);
        return MerkleHash.Node(Root(Slice(leaves, 0, k)), Root(Slice(leaves, k, leaves.Count)));
    }

    private static List<LedgerHash> SubProof(int m, IReadOnlyList<LedgerHash> leaves, bool complete)
    {
        var n = leaves.Count;
        if (m == n)
        {
            return complete ? [] : [Root(leaves)];
        }

        var k = LargestPowerOfTwoBelow(n);
        return m <= k
            ? [.. SubProof(m, Slice(leaves, 0, k), complete), Root(Slice(leaves, k, n))]
            : [.. SubProof(m - k, Slice(leaves, k, n), false), Root(Slice(leaves, 0, k))];
    }

    private static int LargestPowerOfTwoBelow(int n)
    {
        var k = 1;
        while (k * 2 < n)
        {
            k *= 2;
        }

        return k;
    }

    private static List<LedgerHash> Slice(IReadOnlyList<LedgerHash> leaves, int start, int end) => leaves.Skip(start).Take(end - start).ToList();
}
