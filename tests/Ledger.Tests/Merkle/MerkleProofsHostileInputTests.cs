using MedLedger.Ledger.Hashing;
using MedLedger.Ledger.Merkle;
using MedLedger.Ledger.Tests.Reference;

namespace MedLedger.Ledger.Tests.Merkle;

/// <summary>Proof inputs an attacker controls: none of them may verify, and none may throw.</summary>
public sealed class MerkleProofsHostileInputTests
{
    private const long Size = 1000;
    private static readonly LedgerHash[] Leaves = [.. Enumerable.Range(0, (int)Size).Select(i => MerkleHash.Leaf(ReferenceMerkleTree.Entry(i)))];
    private static readonly LedgerHash Root = CompactMerkleTree.RootOf(Leaves);
    private static readonly LedgerHash Other = MerkleHash.Leaf("other"u8);

    private static readonly ReferenceMerkleTree Reference = ReferenceMerkleTree.FromLeafHashes(Leaves.Select(l => l.ToArray()));

    private static List<LedgerHash> ValidProof(long index) => [.. Reference.Path(index, Size).Select(h => new LedgerHash(h))];

    private static LedgerHash[] RandomHashes(int count, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ =>
        {
            var bytes = new byte[LedgerHash.Size];
            random.NextBytes(bytes);
            return new LedgerHash(bytes);
        })];
    }

    [Fact]
    public void VerifyInclusion_ValidProofAsControl_Verifies()
    {
        Assert.True(MerkleProofs.VerifyInclusion(123, Size, Leaves[123], ValidProof(123), Root));
    }

    [Theory]
    [InlineData(Size)]
    [InlineData(Size + 1)]
    [InlineData(long.MaxValue)]
    [InlineData(-1)]
    [InlineData(long.MinValue)]
    public void VerifyInclusion_IndexOutsideTree_ReturnsFalse(long index)
    {
        var proof = ValidProof(Size - 1);

        Assert.False(MerkleProofs.VerifyInclusion(index, Size, Leaves[^1], proof, Root));
        Assert.Null(MerkleProofs.RootFromInclusion(index, Size, Leaves[^1], proof));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(long.MinValue)]
    public void VerifyInclusion_EmptyOrNegativeSize_ReturnsFalse(long size)
    {
        Assert.False(MerkleProofs.VerifyInclusion(0, size, Leaves[0], [], Leaves[0]));
        Assert.False(MerkleProofs.VerifyInclusion(0, size, Leaves[0], ValidProof(0), Root));
    }

    [Fact]
    public void VerifyInclusion_ProofOneHashTooShortOrTooLong_ReturnsFalse()
    {
        var proof = ValidProof(500);

        Assert.False(MerkleProofs.VerifyInclusion(500, Size, Leaves[500], proof.SkipLast(1).ToList(), Root));
        Assert.False(MerkleProofs.VerifyInclusion(500, Size, Leaves[500], proof.Skip(1).ToList(), Root));
        Assert.False(MerkleProofs.VerifyInclusion(500, Size, Leaves[500], [.. proof, Root], Root));
        Assert.False(MerkleProofs.VerifyInclusion(500, Size, Leaves[500], [Other, .. proof], Root));
    }

    [Fact]
    public void VerifyInclusion_EmptyProofForLargerTree_ReturnsFalse()
    {
        Assert.False(MerkleProofs.VerifyInclusion(0, Size, Leaves[0], [], Root));
        Assert.False(MerkleProofs.VerifyInclusion(0, 2, Leaves[0], [], Leaves[0]));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(62)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(1000)]
    public void VerifyInclusion_MaximalSizes_ReturnFalseWithoutThrowing(int proofLength)
    {
        var proof = RandomHashes(proofLength, proofLength);

        Assert.False(MerkleProofs.VerifyInclusion(long.MaxValue - 1, long.MaxValue, Leaves[0], proof, Root));
        Assert.False(MerkleProofs.VerifyInclusion(0, long.MaxValue, Leaves[0], proof, Root));
        Assert.False(MerkleProofs.VerifyInclusion(long.MaxValue >> 1, long.MaxValue, Leaves[0], proof, Root));
    }

    [Fact]
    public void VerifyInclusion_NullProof_ThrowsBecauseThatIsAProgrammingError()
    {
        Assert.Throws<ArgumentNullException>(() => MerkleProofs.VerifyInclusion(0, 1, Leaves[0], null!, Leaves[0]));
    }

    [Fact]
    public void VerifyConsistency_FirstSizeAboveSecond_ReturnsFalse()
    {
        Assert.False(MerkleProofs.VerifyConsistency(Size, 10, Root, CompactMerkleTree.RootOf(Leaves.Take(10)), []));
        Assert.False(MerkleProofs.VerifyConsistency(2, 1, Root, Root, [Other]));
        Assert.False(MerkleProofs.VerifyConsistency(long.MaxValue, 0, MerkleHash.EmptyRoot, MerkleHash.EmptyRoot, []));
    }

    [Theory]
    [InlineData(-1, 5)]
    [InlineData(1, -5)]
    [InlineData(-1, -1)]
    [InlineData(long.MinValue, long.MaxValue)]
    public void VerifyConsistency_NegativeSizes_ReturnFalse(long first, long second)
    {
        Assert.False(MerkleProofs.VerifyConsistency(first, second, MerkleHash.EmptyRoot, MerkleHash.EmptyRoot, []));
        Assert.False(MerkleProofs.VerifyConsistency(first, second, Root, Root, [Root]));
    }

    [Fact]
    public void VerifyConsistency_EmptyProofBetweenDifferentNonEmptySizes_ReturnsFalse()
    {
        var root10 = CompactMerkleTree.RootOf(Leaves.Take(10));

        Assert.False(MerkleProofs.VerifyConsistency(10, Size, root10, Root, []));
        Assert.False(MerkleProofs.VerifyConsistency(1, 2, Leaves[0], CompactMerkleTree.RootOf(Leaves.Take(2)), []));
    }

    [Fact]
    public void VerifyConsistency_EqualSizes_NeedEqualRootsAndEmptyProof()
    {
        Assert.True(MerkleProofs.VerifyConsistency(Size, Size, Root, Root, []));
        Assert.False(MerkleProofs.VerifyConsistency(Size, Size, Root, Other, []));
        Assert.False(MerkleProofs.VerifyConsistency(Size, Size, Root, Root, [Root]));
    }

    [Fact]
    public void VerifyConsistency_EmptyFirstTree_NeedsEmptyRootAndEmptyProof()
    {
        Assert.True(MerkleProofs.VerifyConsistency(0, Size, MerkleHash.EmptyRoot, Root, []));
        Assert.True(MerkleProofs.VerifyConsistency(0, 0, MerkleHash.EmptyRoot, MerkleHash.EmptyRoot, []));
        Assert.False(MerkleProofs.VerifyConsistency(0, Size, Other, Root, []));
        Assert.False(MerkleProofs.VerifyConsistency(0, Size, MerkleHash.EmptyRoot, Root, [MerkleHash.EmptyRoot]));
        Assert.False(MerkleProofs.VerifyConsistency(0, 0, Other, Other, []));
        Assert.False(MerkleProofs.VerifyConsistency(0, 0, MerkleHash.EmptyRoot, Other, []));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(127)]
    [InlineData(128)]
    [InlineData(129)]
    [InlineData(5000)]
    public void VerifyConsistency_MaximalSizes_ReturnFalseWithoutThrowing(int proofLength)
    {
        var proof = RandomHashes(proofLength, proofLength);

        Assert.False(MerkleProofs.VerifyConsistency(long.MaxValue - 1, long.MaxValue, Root, Other, proof));
        Assert.False(MerkleProofs.VerifyConsistency(1, long.MaxValue, Leaves[0], Other, proof));
        Assert.False(MerkleProofs.VerifyConsistency(1L << 62, long.MaxValue, Root, Other, proof));
        Assert.False(MerkleProofs.VerifyConsistency((1L << 62) + 1, long.MaxValue, Root, Other, proof));
    }

    [Fact]
    public void VerifyConsistency_NullProof_ThrowsBecauseThatIsAProgrammingError()
    {
        Assert.Throws<ArgumentNullException>(() => MerkleProofs.VerifyConsistency(1, 2, Root, Root, null!));
    }
}
