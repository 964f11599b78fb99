using MedLedger.Ledger.Hashing;

namespace MedLedger.Ledger.Merkle;

/// <summary>Verification of RFC 9162 inclusion and consistency proofs.</summary>
/// <remarks>
/// Both checks are written for hostile input: an index at or past the size, negative sizes, proofs that are too
/// long or too short and sizes near <see cref="long.MaxValue"/> all return <see langword="false"/>; nothing throws
/// (except for a <see langword="null"/> proof list, a programming error).
/// <para>A proof binds the leaf and the roots, not the tree size: RFC 9162 verification only uses the size to decide
/// which side each proof hash goes on, and different sizes can share that shape (leaf 0 has the same proof shape in
/// trees of 5 to 8 leaves). Sizes must therefore come from the signed checkpoint that carries the root, never from
/// the party presenting the proof.</para>
/// </remarks>
public static class MerkleProofs
{
    /// <summary>
    /// Checks that the leaf with hash <paramref name="leafHash"/> is at <paramref name="index"/> in the tree of
    /// <paramref name="treeSize"/> leaves whose root is <paramref name="rootHash"/> (RFC 9162 §2.1.3.2).
    /// </summary>
    public static bool VerifyInclusion(
        long index, long treeSize, in LedgerHash leafHash, IReadOnlyList<LedgerHash> proof, in LedgerHash rootHash)
    {
        ArgumentNullException.ThrowIfNull(proof);
        return RootFromInclusion(index, treeSize, leafHash, proof) is { } computed && computed == rootHash;
    }

    /// <summary>
    /// Computes the root implied by an inclusion proof, or <see langword="null"/> when the proof cannot be valid for
    /// any root (wrong length, index out of range).
    /// </summary>
    public static LedgerHash? RootFromInclusion(long index, long treeSize, in LedgerHash leafHash, IReadOnlyList<LedgerHash> proof)
    {
        ArgumentNullException.ThrowIfNull(proof);
        if (index < 0 || treeSize <= 0 || index >= treeSize || proof.Count > 64)
        {
            return null;
        }

        var fn = (ulong)index;
        var sn = (ulong)(treeSize - 1);
        var r = leafHash;
        foreach (var p in proof)
        {
            if (sn == 0)
            {
                return null;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                r = MerkleHash.Node(p, r);
                if ((fn & 1) == 0)
                {
                    while ((fn & 1) == 0 && fn != 0)
                    {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            }
            else
            {
                r = MerkleHash.Node(r, p);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0 ? r : null;
    }

    /// <summary>
    /// Checks that the tree of <paramref name="firstSize"/> leaves with root <paramref name="firstRoot"/> is a prefix
    /// of the tree of <paramref name="secondSize"/> leaves with root <paramref name="secondRoot"/> (RFC 9162 §2.1.4.2).
    /// </summary>
    /// <remarks>
    /// Equal sizes need an empty proof and equal roots; an empty first tree is a prefix of every tree and needs an
    /// empty proof and the empty root (<see cref="MerkleHash.EmptyRoot"/>). The proof binds the roots, not the sizes:
    /// sizes must come from the signed checkpoints the roots were taken from.
    /// </remarks>
    public static bool VerifyConsistency(
        long firstSize, long secondSize, in LedgerHash firstRoot, in LedgerHash secondRoot, IReadOnlyList<LedgerHash> proof)
    {
        ArgumentNullException.ThrowIfNull(proof);
        if (firstSize < 0 || secondSize < 0 || firstSize > secondSize || proof.Count > 128)
        {
            return false;
        }

        if (firstSize == 0)
        {
            // The empty tree has exactly one root; accepting any other would let a forged "empty" checkpoint pass.
            return proof.Count == 0 && firstRoot == MerkleHash.EmptyRoot && (secondSize > 0 || secondRoot == MerkleHash.EmptyRoot);
        }

        if (firstSize == secondSize)
        {
            return proof.Count == 0 && firstRoot == secondRoot;
        }

        if (proof.Count == 0)
        {
            return false;
        }

        var path = new List<LedgerHash>(proof.Count + 1);
        if ((firstSize & (firstSize - 1)) == 0)
        {
            // A power-of-two first tree is itself a node of the second tree, so the proof omits it.
            path.Add(firstRoot);
        }

        path.AddRange(proof);

        var fn = (ulong)(firstSize - 1);
        var sn = (ulong)(secondSize - 1);
        while ((fn & 1) == 1)
        {
            fn >>= 1;
            sn >>= 1;
        }

        var fr = path[0];
        var sr = path[0];
        for (var i = 1; i < path.Count; i++)
        {
            var c = path[i];
            if (sn == 0)
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                fr = MerkleHash.Node(c, fr);
                sr = MerkleHash.Node(c, sr);
                if ((fn & 1) == 0)
                {
                    while ((fn & 1) == 0 && fn != 0)
                    {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            }
            else
            {
                sr = MerkleHash.Node(sr, c);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0 && fr == firstRoot && sr == secondRoot;
    }
}
