using FsCheck;
using FsCheck.Fluent;
using MedLedger.Clients.Tables;
using MedLedger.Infrastructure.Ledger;
using MedLedger.Ledger.Storage;
using MedLedger.Ledger.Tiles;

namespace MedLedger.Infrastructure.Tests.Ledger;

public sealed class TableLogKeysTests
{
    // Strings of characters that stress the escaping: verbatim ones, the escape and separator, key-forbidden ones,
    // controls, non-ASCII and surrogate pairs.
    private static readonly Gen<string> Texts =
        Gen.Elements("a", "Z", "0", ".", "_", "-", ":", "@", "+", "=", "~", "!", "|", "/", "\\", "#", "?", "%", "'", " ", "\u0000", "\u007F", "\u0085", "é", "ß", "€", "😀", "!2F", "!7C")
            .ArrayOf()
            .Select(parts => string.Concat(parts));

    [Theory]
    [InlineData("evt-1", "evt-1")]
    [InlineData("clinic:org-1/user-7", "clinic:org-1!2Fuser-7")]
    [InlineData("a!2Fb", "a!212Fb")]
    [InlineData("x|y", "x!7Cy")]
    [InlineData("é", "!C3!A9")]
    [InlineData("😀", "!F0!9F!98!80")]
    [InlineData("", "")]
    public void EscapeText_KnownAnswers(string text, string escaped)
    {
        Assert.Equal(escaped, TableLogKeys.EscapeText(text));
        Assert.True(TableLogKeys.TryUnescapeText(escaped, out var back));
        Assert.Equal(text, back);
    }

    [Fact]
    public void EscapeText_AnyText_RoundTripsAndIsAValidKeyWithoutSeparators()
    {
        var property = Prop.ForAll(Texts.ToArbitrary(), text =>
        {
            var escaped = TableLogKeys.EscapeText(text);
            return TableLogKeys.TryUnescapeText(escaped, out var back)
                && back == text
                && !escaped.Contains('|', StringComparison.Ordinal)
                && !escaped.Contains('%', StringComparison.Ordinal)
                && (escaped.Length == 0 || TableKeys.Problem(escaped) is null || escaped.Length > TableLimits.MaxKeyLength);
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(2000), property);
    }

    [Theory]
    [InlineData("!2f")]
    [InlineData("!41")]
    [InlineData("!7")]
    [InlineData("!")]
    [InlineData("a|b")]
    [InlineData("a/b")]
    [InlineData("!C3")]
    public void TryUnescapeText_NonCanonicalOrForeignText_IsRefused(string escaped)
    {
        Assert.False(TableLogKeys.TryUnescapeText(escaped, out _));
    }

    [Fact]
    public void EscapeText_UnpairedSurrogate_Throws()
    {
        Assert.Throws<ArgumentException>(() => TableLogKeys.EscapeText("a\uD800b"));
    }

    [Fact]
    public void IndexRange_OtherKeysRows_NeverFallInsideIt()
    {
        var keys = Texts.Zip(Gen.Elements(LogIndexKind.Subject, LogIndexKind.Record), (text, kind) => new LogIndexKey(kind, text));
        var property = Prop.ForAll(keys.ToArbitrary(), keys.ToArbitrary(), Gen.Choose(0, int.MaxValue).ToArbitrary(), (own, other, index) =>
        {
            var row = TableLogKeys.Index(other, index);
            var inside = string.CompareOrdinal(row, TableLogKeys.Index(own, 0)) >= 0 && string.CompareOrdinal(row, TableLogKeys.IndexEnd(own)) < 0;
            return inside == (own == other);
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(2000), property);
    }

    [Fact]
    public void NumberedKeys_SortNumerically()
    {
        long[] values = [0, 1, 9, 10, 255, 256, 1_000_000, long.MaxValue];

        Assert.Equal(values.Select(TableLogKeys.Entry), values.Select(TableLogKeys.Entry).Order(StringComparer.Ordinal));
        Assert.Equal(values.Select(TableLogKeys.Checkpoint), values.Select(TableLogKeys.Checkpoint).Order(StringComparer.Ordinal));
        Assert.Equal(values.Reverse().Select(TableLogKeys.NewestCheckpoint), values.Select(TableLogKeys.NewestCheckpoint).Order(StringComparer.Ordinal));
        Assert.True(string.CompareOrdinal(TableLogKeys.Entry(long.MaxValue), TableLogKeys.EntriesEnd) < 0);
        Assert.Equal("tile|07|0000000000000000003", TableLogKeys.Tile(new TileCoordinate(7, 3)));
        Assert.True(TableLogKeys.TryParseEntry("entry|0000000000000000042", out var index) && index == 42);
        Assert.False(TableLogKeys.TryParseEntry("entry|+000000000000000042", out _));
        Assert.False(TableLogKeys.TryParseEntry("entry|42", out _));
    }
}
