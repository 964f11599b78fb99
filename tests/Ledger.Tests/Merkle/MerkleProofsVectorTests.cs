using MedLedger.Ledger.Hashing;
using MedLedger.Ledger.Merkle;
using MedLedger.Ledger.Tests.TestVectors;

namespace MedLedger.Ledger.Tests.Merkle;

/// <summary>Verification against the published RFC 6962/9162 reference tree and its mutation probes.</summary>
public sealed class MerkleProofsVectorTests
{
    private static readonly ReferenceTreeVectors Vectors = VectorFiles.Load<ReferenceTreeVectors>("reference-tree-8.json");

    [Fact]
    public void VerifyInclusion_PublishedProofs_Verify()
    {
        Assert.Equal(5, Vectors.Inclusion.Length);
        foreach (var vector in Vectors.Inclusion)
        {
            var leaf = MerkleHash.Leaf(Vectors.Entry(vector.LeafIndex));
            var proof = VectorFiles.Hashes(vector.Proof);
            var root = Vectors.Root(vector.TreeSize);

            Assert.True(MerkleProofs.VerifyInclusion(vector.LeafIndex, vector.TreeSize, leaf, proof, root), $"leaf {vector.LeafIndex} of {vector.TreeSize}");
            Assert.Equal(root, MerkleProofs.RootFromInclusion(vector.LeafIndex, vector.TreeSize, leaf, proof));
        }
    }

    [Fact]
    public void VerifyConsistency_PublishedProofs_Verify()
    {
        Assert.Equal(5, Vectors.Consistency.Length);
        foreach (var vector in Vectors.Consistency)
        {
            Assert.True(
                MerkleProofs.VerifyConsistency(
                    vector.FirstSize, vector.SecondSize, Vectors.Root(vector.FirstSize), Vectors.Root(vector.SecondSize), VectorFiles.Hashes(vector.Proof)),
                $"{vector.FirstSize} to {vector.SecondSize}");
        }
    }

    [Fact]
    public void VerifyInclusion_PublishedMutationProbes_OnlyHappyPathsVerify()
    {
        var file = VectorFiles.Load<InclusionProbeFile>("inclusion-probes.json");
        Assert.True(file.Probes.Count(p => !p.WantValid) > 50);

        var wrong = file.Probes
            .Where(p => p.WantValid != MerkleProofs.VerifyInclusion(
                p.LeafIndex, p.TreeSize, VectorFiles.Hash(p.LeafHash), VectorFiles.Hashes(p.Proof), VectorFiles.Hash(p.Root)))
            .Select(p => $"{p.Case}: {p.Desc}")
            .ToList();

        Assert.Empty(wrong);
    }

    [Fact]
    public void VerifyConsistency_PublishedMutationProbes_OnlyHappyPathsVerify()
    {
        var file = VectorFiles.Load<ConsistencyProbeFile>("consistency-probes.json");
        Assert.True(file.Probes.Count(p => !p.WantValid) > 50);

        var wrong = file.Probes
            .Where(p => p.WantValid != MerkleProofs.VerifyConsistency(
                p.FirstSize, p.SecondSize, VectorFiles.Hash(p.FirstRoot), VectorFiles.Hash(p.SecondRoot), VectorFiles.Hashes(p.Proof)))
            .Select(p => $"{p.Case}: {p.Desc}")
            .ToList();

        Assert.Empty(wrong);
    }

    [Fact]
    public void RootHash_PublishedTree_MatchesEveryPublishedRoot()
    {
        var tree = new CompactMerkleTree();
        for (var i = 0; i < Vectors.Leaves.Length; i++)
        {
            tree.Append(MerkleHash.Leaf(Vectors.Entry(i)));

            Assert.Equal(Vectors.Root(i + 1), tree.RootHash());
        }
    }
}
