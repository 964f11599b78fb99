using System.Numerics;
using MedLedger.Ledger.Hashing;
using MedLedger.Ledger.Merkle;
using MedLedger.Ledger.Tests.Reference;

namespace MedLedger.Ledger.Tests.Merkle;

public sealed class CompactMerkleTreeTests
{
    [Fact]
    public void RootHash_EmptyTree_IsSha256OfEmptyString()
    {
        var tree = new CompactMerkleTree();

        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", tree.RootHash().ToHex());
    }

    [Fact]
    public void RootHash_EverySizeUpTo300_MatchesReference()
    {
        var entries = Enumerable.Range(0, 300).Select(i => ReferenceMerkleTree.Entry(i)).ToList();
        var reference = ReferenceMerkleTree.FromEntries(entries);
        var tree = new CompactMerkleTree();

        for (var n = 1; n <= entries.Count; n++)
        {
            tree.Append(MerkleHash.Leaf(entries[n - 1]));

            Assert.Equal(n, tree.Size);
            Assert.Equal(BitOperations.PopCount((ulong)n), tree.SubtreeRoots.Count);
            Assert.Equal(reference.Root(n), tree.RootHash().ToArray());
        }
    }

    [Fact]
    public void RootOf_Leaves_EqualsAppendingOneByOne()
    {
        var leaves = Enumerable.Range(0, 77).Select(i => MerkleHash.Leaf(ReferenceMerkleTree.Entry(i))).ToList();
        var tree = new CompactMerkleTree();
        leaves.ForEach(l => tree.Append(l));

        Assert.Equal(tree.RootHash(), CompactMerkleTree.RootOf(leaves));
    }
}
