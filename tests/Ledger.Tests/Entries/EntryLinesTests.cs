using System.Text;
using MedLedger.Ledger.Entries;
using MedLedger.Ledger.Tests.Support;
using MedLedger.Ledger.Verification;

namespace MedLedger.Ledger.Tests.Entries;

public sealed class EntryLinesTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("", new string[0])]
    [InlineData("a\n", new[] { "a" })]
    [InlineData("a\nb", new[] { "a", "b" })]
    [InlineData("a\n\nb\n", new[] { "a", "", "b" })]
    [InlineData("\n", new[] { "" })]
    [InlineData("a\r\nb\n", new[] { "a\r", "b" })]
    public async Task ReadAsync_SplitsOnNewlineOnly(string content, string[] expected)
    {
        var lines = await ReadAllAsync(new MemoryStream(Encoding.UTF8.GetBytes(content)));

        Assert.Equal(expected, lines);
    }

    [Fact]
    public async Task ReadAsync_OneByteAtATime_GivesTheSameLines()
    {
        var content = string.Join("\n", Enumerable.Range(0, 500).Select(i => new string((char)('a' + (i % 26)), i))) + "\n";

        var lines = await ReadAllAsync(new TrickleStream(Encoding.UTF8.GetBytes(content)));

        Assert.Equal(Enumerable.Range(0, 500).Select(i => new string((char)('a' + (i % 26)), i)), lines);
    }

    [Fact]
    public async Task ReadAsync_OverlongLine_IsCutToOneByteOverTheLimitAndTheRestSkipped()
    {
        var content = "first\n" + new string('x', (EntryFormat.MaxEntryBytes * 3) + 7) + "\nlast\n" + new string('y', EntryFormat.MaxEntryBytes * 2);

        var lines = await ReadAllAsync(new MemoryStream(Encoding.UTF8.GetBytes(content)));

        Assert.Equal(4, lines.Count);
        Assert.Equal("first", lines[0]);
        Assert.Equal(EntryFormat.MaxEntryBytes + 1, lines[1].Length);
        Assert.Equal("last", lines[2]);
        Assert.Equal(EntryFormat.MaxEntryBytes + 1, lines[3].Length);
    }

    [Fact]
    public async Task WriteThenRead_ALog_VerifiesFromTheExport()
    {
        var entries = TestLog.Thousand.Copy(700);
        using var export = new MemoryStream();
        await EntryLines.WriteAsync(export, TestLog.Stream(entries, Token), Token);
        export.Position = 0;

        var result = await new LogVerifier([TestLog.Key], new LogVerifierOptions { BatchSize = 100 })
            .VerifyAsync(EntryLines.ReadAsync(export, Token), [TestLog.Thousand.CheckpointAt(700)], cancellationToken: Token);

        Assert.True(result.IsValid, result.ToString());
        Assert.Equal(entries.Sum(e => e.Length + 1), export.Length);
    }

    [Fact]
    public async Task WriteAsync_EntryWithNewline_Throws()
    {
        using var export = new MemoryStream();

        await Assert.ThrowsAsync<ArgumentException>(() => EntryLines.WriteAsync(export, TestLog.Stream([[1, (byte)'\n', 2]], Token), Token));
    }

    private static async Task<List<string>> ReadAllAsync(Stream stream)
    {
        var lines = new List<string>();
        await foreach (var line in EntryLines.ReadAsync(stream, Token))
        {
            lines.Add(Encoding.UTF8.GetString(line.Span));
        }

        return lines;
    }

    /// <summary>A stream that returns one byte per read, to put every line across buffer refills.</summary>
    private sealed class TrickleStream(byte[] content) : MemoryStream(content)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(1, buffer.Length)], cancellationToken);
    }
}
