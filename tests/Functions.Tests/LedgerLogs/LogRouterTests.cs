using FsCheck;
using FsCheck.Fluent;
using MedLedger.Functions.LedgerLogs;

namespace MedLedger.Functions.Tests.LedgerLogs;

public sealed class LogRouterTests
{
    [Fact]
    public void LogNames_LogZeroIsTheOrigin_OthersAppendTheirNumber()
    {
        var router = new LogRouter("ledger.example.org/medledger", 3);

        Assert.Equal(["ledger.example.org/medledger", "ledger.example.org/medledger/1", "ledger.example.org/medledger/2"], router.LogNames);
        Assert.Equal(2, router.LogNumberOf("ledger.example.org/medledger/2"));
        Assert.Equal(-1, router.LogNumberOf("ledger.example.org/medledger/3"));
    }

    [Fact]
    public void LogNumberFor_OneLog_IsAlwaysZero()
    {
        var router = new LogRouter("o", 1);
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(200), Prop.ForAll(ArbMap.Default.ArbFor<NonNull<string>>(), p => router.LogNumberFor(p.Get) == 0));
    }

    [Fact]
    public void JumpConsistentHash_GrowingByOneBucket_MovesKeysOnlyIntoTheNewBucket()
    {
        // The defining property of jump consistent hashing: with n+1 buckets a key stays where it was or moves to bucket n.
        var property = Prop.ForAll(ArbMap.Default.ArbFor<ulong>(), Gen.Choose(1, 63).ToArbitrary(), (key, buckets) =>
        {
            var before = LogRouter.JumpConsistentHash(key, buckets);
            var after = LogRouter.JumpConsistentHash(key, buckets + 1);
            return before >= 0 && before < buckets && (after == before || after == buckets);
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(5000), property);
    }

    [Fact]
    public void JumpConsistentHash_SpreadsKeysEvenly()
    {
        var counts = new int[8];
        for (ulong key = 0; key < 80_000; key++)
        {
            counts[LogRouter.JumpConsistentHash(unchecked(key * 0x9E3779B97F4A7C15UL), 8)]++;
        }

        Assert.All(counts, count => Assert.InRange(count, 9_000, 11_000));
    }

    [Fact]
    public void LogNumberFor_IsPinned()
    {
        // The mapping is part of the ledger's state: changing it would move patients. These values pin it.
        var router = new LogRouter("o", 8);

        Assert.Equal(
            [7, 1, 5, 6],
            new[] { "qVHYeS5t577TLDA6vEC3bOPPeVuNiZ2O0QpnDpcMnLg", "a", "b", "patient" }.Select(router.LogNumberFor));
    }

    [Theory]
    [InlineData("")]
    [InlineData("-leading")]
    [InlineData("has space")]
    [InlineData("plus+sign")]
    [InlineData("tilde~")]
    public void IsValidOrigin_Refuses(string origin) => Assert.False(LogRouter.IsValidOrigin(origin));

    [Theory]
    [InlineData(0)]
    [InlineData(65)]
    public void Constructor_CountOutOfRange_Throws(int count) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new LogRouter("o", count));
}
