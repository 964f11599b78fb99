using MedLedger.Ledger.Checkpoints;
using MedLedger.Ledger.Hashing;

namespace MedLedger.Ledger.Tests.Checkpoints;

public sealed class CheckpointTests
{
    private const string Root = "q1QFy3uEDwRk+2jk0g2Iz0Hi9u8Y/zTBOq7yMFtMR6E=";

    [Fact]
    public void ToNoteText_WritesOriginSizeAndRootLines()
    {
        Assert.True(LedgerHash.TryParseBase64(Root, out var root));

        var checkpoint = new Checkpoint("medledger.local/log-0", 1234, root);

        Assert.Equal("medledger.local/log-0\n1234\n" + Root + "\n", checkpoint.ToNoteText());
        Assert.Empty(checkpoint.Extensions);
    }

    [Fact]
    public void TryParse_CanonicalText_RoundTrips()
    {
        const string text = "medledger.local/log-0\n0\n" + Root + "\n";

        Assert.True(Checkpoint.TryParse(text, out var checkpoint, out var error), error);

        Assert.Equal("medledger.local/log-0", checkpoint.Origin);
        Assert.Equal(0, checkpoint.TreeSize);
        Assert.Equal(Root, checkpoint.RootHash.ToBase64());
        Assert.Equal(text, checkpoint.ToNoteText());
    }

    [Fact]
    public void TryParse_ExtensionLines_ArePreservedVerbatim()
    {
        const string text = "origin with spaces - 42\n9223372036854775807\n" + Root + "\nTimestamp: 1688058656037355364\nanother  line \n";

        Assert.True(Checkpoint.TryParse(text, out var checkpoint, out _));

        Assert.Equal(long.MaxValue, checkpoint.TreeSize);
        Assert.Equal(["Timestamp: 1688058656037355364", "another  line "], checkpoint.Extensions);
        Assert.Equal(text, checkpoint.ToNoteText());
    }

    [Theory]
    [InlineData("o\n05\n" + Root + "\n", "tree size")]
    [InlineData("o\n+5\n" + Root + "\n", "tree size")]
    [InlineData("o\n-5\n" + Root + "\n", "tree size")]
    [InlineData("o\n 5\n" + Root + "\n", "tree size")]
    [InlineData("o\n5 \n" + Root + "\n", "tree size")]
    [InlineData("o\n5.0\n" + Root + "\n", "tree size")]
    [InlineData("o\n9223372036854775808\n" + Root + "\n", "tree size")]
    [InlineData("o\n\n" + Root + "\n", "empty")]
    [InlineData("\n5\n" + Root + "\n", "empty")]
    [InlineData(" o\n5\n" + Root + "\n", "origin")]
    [InlineData("o \n5\n" + Root + "\n", "origin")]
    [InlineData("o\n5\n" + Root + " \n", "root")]
    [InlineData("o\n5\nq1QFy3uEDwRk+2jk0g2Iz0Hi9u8Y/zTBOq7yMFtMR6F=\n", "root")]
    [InlineData("o\n5\nq1QFy3uEDwRk+2jk0g2Iz0Hi9u8Y/zTBOq7yMFtMR6E\n", "root")]
    [InlineData("o\n5\nAAAA\n", "root")]
    [InlineData("o\n5\n" + Root + "\n\next\n", "empty")]
    [InlineData("o\n5\n" + Root + "\n\n", "empty")]
    [InlineData("o\n5\n", "three lines")]
    [InlineData("o\n5\n" + Root, "newline")]
    public void TryParse_NonCanonicalText_ReturnsError(string text, string expectedInMessage)
    {
        Assert.False(Checkpoint.TryParse(text, out var checkpoint, out var error));

        Assert.Null(checkpoint);
        Assert.Contains(expectedInMessage, error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Constructor_InvalidArguments_Throw()
    {
        Assert.Throws<ArgumentException>(() => new Checkpoint("", 1, LedgerHash.Zero));
        Assert.Throws<ArgumentException>(() => new Checkpoint("a\nb", 1, LedgerHash.Zero));
        Assert.Throws<ArgumentException>(() => new Checkpoint("trailing ", 1, LedgerHash.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Checkpoint("o", -1, LedgerHash.Zero));
    }
}
