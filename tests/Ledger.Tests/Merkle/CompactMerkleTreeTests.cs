using MedLedger.Ledger.Hashing;
using MedLedger.Ledger.Merkle;

namespace MedLedger.Ledger.Tests.Merkle;

public sealed class CompactMerkleTreeTests
{
    [Fact]
    public void RootHash_EmptyTree_IsSha256OfEmptyString()
    {
        var tree = new CompactMerkleTree();

        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", tree.RootHash().ToHex());
    }
}
