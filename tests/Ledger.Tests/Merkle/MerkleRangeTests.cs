using MedLedger.Ledger.Merkle;
using MedLedger.Ledger.Tests.Reference;

namespace MedLedger.Ledger.Tests.Merkle;

public sealed class MerkleRangeTests
{
    [Fact]
    public void InclusionPath_EveryLeafOfAMillionLeafTree_HasAtMost20Hashes()
    {
        const long Size = 1_000_000;
        var longest = 0;
        for (long index = 0; index < Size; index++)
        {
            longest = Math.Max(longest, MerkleRange.InclusionPath(index, Size).Count);
        }

        Assert.Equal(20, longest);
    }

    [Fact]
    public void ConsistencyPath_EveryOlderSizeOfAMillionLeafTree_HasAtMost21Hashes()
    {
        // RFC 9162 §2.1.4.1: one hash per level plus, when the old size is not a power of two, the subtree it ends
        // in. At 2^19 < n < 2^20 that reaches ⌈log2 n⌉ + 1 = 21 hashes for some sizes.
        const long Size = 1_000_000;
        var longest = 0;
        for (long first = 1; first < Size; first++)
        {
            longest = Math.Max(longest, MerkleRange.ConsistencyPath(first, Size).Count);
        }

        Assert.Equal(21, longest);
        Assert.Equal(21, MerkleRange.ConsistencyPath((1 << 19) - 1, Size).Count);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(0, 1_000_000)]
    [InlineData(999_999, 1_000_000)]
    [InlineData(long.MaxValue - 1, long.MaxValue)]
    [InlineData(0, long.MaxValue)]
    [InlineData(1L << 62, long.MaxValue)]
    public void InclusionPath_AnySize_HasTheReferenceShapeLength(long index, long size)
    {
        Assert.Equal(ReferenceMerkleTree.InclusionShape(index, size).Length, MerkleRange.InclusionPath(index, size).Count);
    }

    [Theory]
    [InlineData(1, 2)]
    [InlineData(3, 1_000_000)]
    [InlineData((1 << 19) - 1, 1_000_000)]
    [InlineData(1L << 62, long.MaxValue)]
    [InlineData(long.MaxValue - 1, long.MaxValue)]
    public void ConsistencyPath_AnySize_HasTheReferenceShapeLength(long first, long second)
    {
        var shape = ReferenceMerkleTree.ConsistencyShape(first, second);
        // A "P" seed is the first root itself, which the proof leaves out.
        var expected = shape[0] == 'P' ? shape.Length - 1 : shape.Length;

        Assert.Equal(expected, MerkleRange.ConsistencyPath(first, second).Count);
    }

    [Theory]
    [InlineData(0, 7, "0:2 4:1 6:0")]
    [InlineData(256, 300, "256:5 288:3 296:2")]
    [InlineData(5, 6, "5:0")]
    [InlineData(0, 0, "")]
    public void AddPerfectSubtrees_RfcRanges_SplitLargestFirst(long start, long end, string expected)
    {
        var subtrees = new List<PerfectSubtree>();

        new MerkleRange(start, end).AddPerfectSubtrees(subtrees);

        Assert.Equal(expected, string.Join(' ', subtrees.Select(s => $"{s.Start}:{s.Height}")));
    }

    [Theory]
    [InlineData(1, 3)]
    [InlineData(2, 6)]
    [InlineData(6, 10)]
    public void AddPerfectSubtrees_RangeTheRfcNeverProduces_ThrowsAsABug(long start, long end)
    {
        Assert.Throws<InvalidOperationException>(() => new MerkleRange(start, end).AddPerfectSubtrees([]));
    }

    [Theory]
    [InlineData(2, 1)]
    [InlineData(3, 2)]
    [InlineData(4, 2)]
    [InlineData(5, 4)]
    [InlineData(1_000_000, 524_288)]
    [InlineData(long.MaxValue, 1L << 62)]
    public void LargestPowerOfTwoBelow_Sizes_MatchesTheRfcK(long size, long expected)
    {
        Assert.Equal(expected, MerkleRange.LargestPowerOfTwoBelow(size));
        Assert.Equal(ReferenceMerkleTree.K(size), MerkleRange.LargestPowerOfTwoBelow(size));
    }
}
