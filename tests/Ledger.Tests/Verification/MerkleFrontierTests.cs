using MedLedger.Ledger.Hashing;
using MedLedger.Ledger.Merkle;
using MedLedger.Ledger.Verification;

namespace MedLedger.Ledger.Tests.Verification;

public sealed class MerkleFrontierTests
{
    [Fact]
    public void AppendAndAppendSubtree_AnyMix_GiveTheSameRootsAsLeafByLeaf()
    {
        var random = new Random(5);
        var reference = new CompactMerkleTree();
        var frontier = new MerkleFrontier();
        var leaves = new List<LedgerHash>();
        while (frontier.Size < 5000)
        {
            var height = random.Next(0, 9);
            if ((frontier.Size & ((1L << height) - 1)) != 0)
            {
                height = 0;
            }

            var chunk = Enumerable.Range(0, 1 << height).Select(i => LedgerHash.Sha256(BitConverter.GetBytes(leaves.Count + i))).ToList();
            leaves.AddRange(chunk);
            chunk.ForEach(leaf => reference.Append(leaf));
            frontier.AppendSubtree(MerkleHash.PerfectRoot(chunk.ToArray()), height);

            Assert.Equal(reference.Size, frontier.Size);
            Assert.Equal(reference.RootHash(), frontier.Root());
        }

        var extra = LedgerHash.Sha256("x"u8);
        Assert.Equal(CompactMerkleTree.RootOf([.. leaves, extra]), frontier.RootWith([extra]));
        Assert.Equal(reference.RootHash(), frontier.Root());
    }

    [Fact]
    public void AppendSubtree_Misaligned_Throws()
    {
        var frontier = new MerkleFrontier();
        frontier.Append(LedgerHash.Zero);

        Assert.Throws<InvalidOperationException>(() => frontier.AppendSubtree(LedgerHash.Zero, 1));
        Assert.Equal(MerkleHash.EmptyRoot, new MerkleFrontier().Root());
    }
}
