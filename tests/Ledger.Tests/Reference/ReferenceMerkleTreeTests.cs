using MedLedger.Ledger.Tests.TestVectors;

namespace MedLedger.Ledger.Tests.Reference;

/// <summary>The reference itself must reproduce the published vectors before it may judge the real code.</summary>
public sealed class ReferenceMerkleTreeTests
{
    private static readonly ReferenceTreeVectors Vectors = VectorFiles.Load<ReferenceTreeVectors>("reference-tree-8.json");
    private static readonly ReferenceMerkleTree Tree =
        ReferenceMerkleTree.FromEntries(Enumerable.Range(0, Vectors.Leaves.Length).Select(i => Vectors.Entry(i)));

    [Fact]
    public void Root_PublishedTree_MatchesEveryPublishedRoot()
    {
        Assert.Equal(8, Vectors.Roots.Length);
        foreach (var root in Vectors.Roots)
        {
            Assert.Equal(root.Root, Convert.ToHexStringLower(Tree.Root(root.TreeSize)));
        }

        Assert.Equal(Vectors.EmptyRoot, Convert.ToHexStringLower(Tree.Root(0)));
    }

    [Fact]
    public void Path_PublishedTree_MatchesEveryPublishedInclusionProof()
    {
        foreach (var vector in Vectors.Inclusion)
        {
            Assert.Equal(vector.Proof, Tree.Path(vector.LeafIndex, vector.TreeSize).Select(Convert.ToHexStringLower));
        }
    }

    [Fact]
    public void Proof_PublishedTree_MatchesEveryPublishedConsistencyProof()
    {
        foreach (var vector in Vectors.Consistency.Where(v => v.FirstSize < v.SecondSize))
        {
            Assert.Equal(vector.Proof, Tree.Proof(vector.FirstSize, vector.SecondSize).Select(Convert.ToHexStringLower));
        }
    }

    [Theory]
    [InlineData(0, 1, "")]
    [InlineData(0, 5, "RRR")]
    [InlineData(0, 8, "RRR")]
    [InlineData(4, 5, "L")]
    [InlineData(5, 8, "LRL")]
    [InlineData(2, 3, "L")]
    public void InclusionShape_SmallTrees_NamesSiblingSides(long index, long size, string expected)
    {
        Assert.Equal(expected, ReferenceMerkleTree.InclusionShape(index, size));
    }

    [Theory]
    [InlineData(4, 5, "PR")]
    [InlineData(4, 6, "PR")]
    [InlineData(6, 8, "SRL")]
    [InlineData(1, 8, "PRRR")]
    [InlineData(3, 4, "SRL")]
    public void ConsistencyShape_SmallTrees_NamesSeedAndSiblingSides(long first, long second, string expected)
    {
        Assert.Equal(expected, ReferenceMerkleTree.ConsistencyShape(first, second));
    }
}
