using MedLedger.Ledger.Hashing;
using MedLedger.Ledger.Tests.Reference;
using MedLedger.Ledger.Tests.TestVectors;

namespace MedLedger.Ledger.Tests.Hashing;

public sealed class MerkleHashTests
{
    private static readonly HashVectors Vectors = VectorFiles.Load<HashVectors>("rfc6962-hashes.json");

    [Fact]
    public void EmptyRoot_Always_IsPublishedSha256OfEmptyString()
    {
        Assert.Equal(Vectors.EmptyRoot, MerkleHash.EmptyRoot.ToHex());
    }

    [Fact]
    public void Leaf_PublishedVectors_MatchKnownAnswers()
    {
        Assert.NotEmpty(Vectors.Leaves);
        foreach (var vector in Vectors.Leaves)
        {
            Assert.True(
                vector.LeafHash == MerkleHash.Leaf(Convert.FromHexString(vector.DataHex)).ToHex(),
                $"leaf vector '{vector.Desc}'");
        }
    }

    [Fact]
    public void Leaf_EmptyEntry_DiffersFromEmptyRoot()
    {
        // RFC 9162 §2.1.1: the empty tree and a tree holding one empty entry must not share a root.
        Assert.NotEqual(MerkleHash.EmptyRoot, MerkleHash.Leaf([]));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(1023)]
    [InlineData(1024)]
    [InlineData(5000)]
    public void Leaf_EntriesAroundTheStackBufferSize_MatchReference(int length)
    {
        var entry = new byte[length];
        new Random(length).NextBytes(entry);

        Assert.Equal(ReferenceMerkleTree.LeafHash(entry), MerkleHash.Leaf(entry).ToArray());
    }

    [Fact]
    public void Node_TwoHashes_MatchesReference()
    {
        var left = MerkleHash.Leaf([1]);
        var right = MerkleHash.Leaf([2]);

        Assert.Equal(ReferenceMerkleTree.NodeHash(left.ToArray(), right.ToArray()), MerkleHash.Node(left, right).ToArray());
    }

    [Fact]
    public void Node_SwappedChildren_Differs()
    {
        var left = MerkleHash.Leaf([1]);
        var right = MerkleHash.Leaf([2]);

        Assert.NotEqual(MerkleHash.Node(left, right), MerkleHash.Node(right, left));
    }

    [Fact]
    public void Node_SameBytesAsLeaf_DiffersFromLeafOfConcatenation()
    {
        // Domain separation: a node can never be passed off as a leaf whose entry is the two child hashes.
        var left = MerkleHash.Leaf([1]);
        var right = MerkleHash.Leaf([2]);

        Assert.NotEqual(MerkleHash.Node(left, right), MerkleHash.Leaf([.. left.ToArray(), .. right.ToArray()]));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(8)]
    [InlineData(256)]
    [InlineData(512)]
    public void PerfectRoot_PowerOfTwoHashes_MatchesReference(int count)
    {
        var leaves = Enumerable.Range(0, count).Select(i => ReferenceMerkleTree.Entry(i)).ToList();
        var reference = ReferenceMerkleTree.FromEntries(leaves);

        var root = MerkleHash.PerfectRoot([.. leaves.Select(e => MerkleHash.Leaf(e))]);

        Assert.Equal(reference.Root(count), root.ToArray());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(255)]
    [InlineData(257)]
    public void PerfectRoot_NotAPowerOfTwo_Throws(int count)
    {
        var hashes = new LedgerHash[count];

        Assert.Throws<ArgumentException>(() => MerkleHash.PerfectRoot(hashes));
    }
}
