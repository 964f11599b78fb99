using MedLedger.Cli.Records;

namespace MedLedger.Cli.Tests.Records;

public sealed class RecordIdPrefixTests
{
    [Theory]
    [InlineData("localhost/medledger", 0)]
    [InlineData("localhost/medledger/1", 1)]
    [InlineData("localhost/medledger/63", 63)]
    [InlineData("localhost/medledger/64", 0)]
    [InlineData("localhost/medledger/01", 0)]
    [InlineData("localhost/medledger/0", 0)]
    [InlineData("localhost/medledger/5x", 0)]
    [InlineData("medledger", 0)]
    [InlineData("a/", 0)]
    public void LogNumberOf_FollowsTheAppsNaming(string logName, int expected) =>
        Assert.Equal(expected, RecordIdPrefix.LogNumberOf(logName));

    [Fact]
    public void Of_NamesThePrefixWithItsHyphen_SoLogOneDoesNotMatchLogTen()
    {
        Assert.Equal("r1-", RecordIdPrefix.Of(1));
        Assert.False("r10-abc".StartsWith(RecordIdPrefix.Of(1), StringComparison.Ordinal));
        Assert.Throws<ArgumentOutOfRangeException>(() => RecordIdPrefix.Of(64));
        Assert.Throws<ArgumentOutOfRangeException>(() => RecordIdPrefix.Of(-1));
    }
}
