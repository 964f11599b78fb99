using FsCheck;
using FsCheck.Fluent;
using MedLedger.Ledger.Hashing;
using MedLedger.Ledger.Merkle;
using MedLedger.Ledger.Tests.Reference;
using MedLedger.Ledger.Tests.Support;

namespace MedLedger.Ledger.Tests.Merkle;

/// <summary>
/// For random trees: valid proofs verify, and a single flipped bit anywhere makes them fail. The one exception is
/// the tree size, which RFC 9162 proofs do not bind (see <see cref="MerkleProofs"/>): a changed size is rejected
/// exactly when RFC 9162's proof for that size has a different shape, which the reference decides independently.
/// </summary>
public sealed class MerkleProofsPropertyTests
{
    private static readonly Config Quick = Config.QuickThrowOnFailure.WithMaxTest(300);

    private static Gen<int> Sizes(int min) =>
        Gen.Frequency((1, Gen.Choose(min, 300)), (1, Gen.Choose(min, 1000)), (2, Gen.Choose(min, PropertyTree.MaxSize)));

    private static LedgerHash FlipBit(LedgerHash hash, int bit)
    {
        var bytes = hash.ToArray();
        bytes[bit / 8] ^= (byte)(1 << (bit % 8));
        return new LedgerHash(bytes);
    }

    private static List<LedgerHash> FlipBit(IReadOnlyList<LedgerHash> proof, int element, int bit)
    {
        var changed = proof.ToList();
        changed[element] = FlipBit(changed[element], bit);
        return changed;
    }

    [Fact]
    public void VerifyInclusion_RandomTreesWithOneBitFlipped_OnlyTheUnchangedProofVerifies()
    {
        var cases =
            from size in Sizes(1)
            from index in Gen.Choose(0, size - 1)
            from bit in Gen.Choose(0, (LedgerHash.Size * 8) - 1)
            select (Size: (long)size, Index: (long)index, Bit: bit);
        var prover = PropertyTree.Prover;

        Check.One(Quick, Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var proof = prover.ProveInclusion(c.Index, c.Size);
            var leaf = PropertyTree.Leaf(c.Index);
            var root = prover.RootHash(c.Size);
            Assert.True(MerkleProofs.VerifyInclusion(c.Index, c.Size, leaf, proof, root), "valid proof");

            for (var element = 0; element < proof.Count; element++)
            {
                Assert.False(MerkleProofs.VerifyInclusion(c.Index, c.Size, leaf, FlipBit(proof, element, c.Bit), root), $"proof[{element}] bit {c.Bit}");
            }

            Assert.False(MerkleProofs.VerifyInclusion(c.Index, c.Size, FlipBit(leaf, c.Bit), proof, root), $"leaf bit {c.Bit}");
            Assert.False(MerkleProofs.VerifyInclusion(c.Index, c.Size, leaf, proof, FlipBit(root, c.Bit)), $"root bit {c.Bit}");
            var shape = ReferenceMerkleTree.InclusionShape(c.Index, c.Size);
            for (var bit = 0; bit < 64; bit++)
            {
                var index = c.Index ^ (1L << bit);
                Assert.False(MerkleProofs.VerifyInclusion(index, c.Size, leaf, proof, root), $"index bit {bit}");

                var size = c.Size ^ (1L << bit);
                var sameShape = size > c.Index && ReferenceMerkleTree.InclusionShape(c.Index, size) == shape;
                Assert.True(sameShape == MerkleProofs.VerifyInclusion(c.Index, size, leaf, proof, root), $"size bit {bit}");
            }

            return true;
        }));
    }

    [Fact]
    public void VerifyConsistency_RandomTreesWithOneBitFlipped_OnlyTheUnchangedProofVerifies()
    {
        var cases =
            from second in Sizes(2)
            from first in Gen.Choose(1, second - 1)
            from bit in Gen.Choose(0, (LedgerHash.Size * 8) - 1)
            select (First: (long)first, Second: (long)second, Bit: bit);
        var prover = PropertyTree.Prover;

        Check.One(Quick, Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var proof = prover.ProveConsistency(c.First, c.Second);
            var firstRoot = prover.RootHash(c.First);
            var secondRoot = prover.RootHash(c.Second);
            Assert.True(MerkleProofs.VerifyConsistency(c.First, c.Second, firstRoot, secondRoot, proof), "valid proof");

            for (var element = 0; element < proof.Count; element++)
            {
                Assert.False(MerkleProofs.VerifyConsistency(c.First, c.Second, firstRoot, secondRoot, FlipBit(proof, element, c.Bit)), $"proof[{element}] bit {c.Bit}");
            }

            Assert.False(MerkleProofs.VerifyConsistency(c.First, c.Second, FlipBit(firstRoot, c.Bit), secondRoot, proof), $"first root bit {c.Bit}");
            Assert.False(MerkleProofs.VerifyConsistency(c.First, c.Second, firstRoot, FlipBit(secondRoot, c.Bit), proof), $"second root bit {c.Bit}");
            var shape = ReferenceMerkleTree.ConsistencyShape(c.First, c.Second);
            for (var bit = 0; bit < 64; bit++)
            {
                var first = c.First ^ (1L << bit);
                var second = c.Second ^ (1L << bit);
                Assert.True(
                    SameShape(first, c.Second, shape) == MerkleProofs.VerifyConsistency(first, c.Second, firstRoot, secondRoot, proof), $"first size bit {bit}");
                Assert.True(
                    SameShape(c.First, second, shape) == MerkleProofs.VerifyConsistency(c.First, second, firstRoot, secondRoot, proof), $"second size bit {bit}");
            }

            return true;
        }));

        static bool SameShape(long first, long second, string shape) =>
            first > 0 && first < second && ReferenceMerkleTree.ConsistencyShape(first, second) == shape;
    }

    [Fact]
    public void VerifyInclusion_RandomGarbage_NeverVerifiesNorThrows()
    {
        var longs = Gen.OneOf(
            Gen.Elements(0L, 1L, 2L, -1L, long.MaxValue, long.MaxValue - 1, long.MinValue, 1L << 62, (1L << 62) + 1),
            from high in Gen.Choose(int.MinValue, int.MaxValue)
            from low in Gen.Choose(int.MinValue, int.MaxValue)
            select unchecked(((long)high << 32) | (uint)low));
        var hashes = Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), LedgerHash.Size).Select(b => new LedgerHash(b));
        var cases =
            from index in longs
            from size in longs
            from length in Gen.Choose(0, 70)
            from proof in Gen.ArrayOf(hashes, length)
            from leaf in hashes
            from root in hashes
            select (Index: index, Size: size, Proof: proof, Leaf: leaf, Root: root);

        Check.One(Quick, Prop.ForAll(cases.ToArbitrary(), c =>
            !MerkleProofs.VerifyInclusion(c.Index, c.Size, c.Leaf, c.Proof, c.Root)
            && !MerkleProofs.VerifyConsistency(c.Index, c.Size, c.Leaf, c.Root, c.Proof)));
    }

    [Fact]
    public void VerifyInclusion_SizeWithTheSameProofShape_VerifiesSoTheSizeMustComeFromTheCheckpoint()
    {
        // Leaf 0 has three right siblings in every tree of 5 to 8 leaves; the proof cannot tell these sizes apart.
        var prover = PropertyTree.Prover;
        var proof = prover.ProveInclusion(0, 5);
        var root = prover.RootHash(5);

        Assert.True(MerkleProofs.VerifyInclusion(0, 7, PropertyTree.Leaf(0), proof, root));
        Assert.False(MerkleProofs.VerifyInclusion(0, 4, PropertyTree.Leaf(0), proof, root));
        Assert.False(MerkleProofs.VerifyInclusion(0, 9, PropertyTree.Leaf(0), proof, root));
    }
}
