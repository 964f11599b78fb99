using System.Text;
using MedLedger.Ledger.Checkpoints;

namespace MedLedger.Ledger.Tests.Checkpoints;

public sealed class SignedNoteTests
{
    private const string Valid = "example.com/log\n5\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n\n— example.com/log AQIDBAUG\n";

    [Fact]
    public void TryParse_ValidNote_ReadsTextAndSignatureAndRoundTrips()
    {
        Assert.True(SignedNote.TryParse(Valid, out var note, out var error), error);

        Assert.Equal("example.com/log\n5\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n", note.Text);
        var signature = Assert.Single(note.Signatures);
        Assert.Equal("example.com/log", signature.KeyName);
        Assert.Equal(0x01020304u, signature.KeyId);
        Assert.Equal([5, 6], signature.Signature.ToArray());
        Assert.Equal(Valid, note.ToString());
    }

    [Fact]
    public void TryParse_TextWithBlankLines_SplitsAtTheLastBlankLine()
    {
        const string note = "a\n\nb\n\n— k AQIDBAUG\n— j AQIDBAUH\n";

        Assert.True(SignedNote.TryParse(note, out var parsed, out _));

        Assert.Equal("a\n\nb\n", parsed.Text);
        Assert.Equal(["k", "j"], parsed.Signatures.Select(s => s.KeyName));
    }

    [Fact]
    public void TryParse_HundredSignatures_Accepted_HundredAndOne_Rejected()
    {
        var lines = string.Concat(Enumerable.Repeat("— k AQIDBAUG\n", 100));

        Assert.True(SignedNote.TryParse("t\n\n" + lines, out _, out _));
        Assert.False(SignedNote.TryParse("t\n\n" + lines + "— k AQIDBAUG\n", out _, out var error));
        Assert.Contains("100", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("example.com/log\r\n5\r\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\r\n\r\n— example.com/log AQIDBAUG\r\n", "carriage return")]
    [InlineData("example.com/log\n5\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n\n— example.com/log AQIDBAUG", "newline")]
    [InlineData("example.com/log\n5\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n— example.com/log AQIDBAUG\n", "blank line")]
    [InlineData("example.com/log\n5\n\n- example.com/log AQIDBAUG\n", "em dash")]
    [InlineData("example.com/log\n5\n\n—  example.com/log AQIDBAUG\n", "key name")]
    [InlineData("example.com/log\n5\n\n— example.com/log  AQIDBAUG\n", "base64")]
    [InlineData("example.com/log\n5\n\n— example.com/log AQIDBAUG \n", "base64")]
    [InlineData("example.com/log\n5\n\n— example+log AQIDBAUG\n", "key name")]
    [InlineData("example.com/log\n5\n\n— example.com/log AQIDBA==\n", "base64")]
    [InlineData("example.com/log\n5\n\n— example.com/log AQIDBAUH=\n", "base64")]
    [InlineData("example.com/log\n5\n\n— example.com/log AQIDBAUG!\n", "base64")]
    [InlineData("example.com/log\n5\n\n— example.com/log\n", "space")]
    [InlineData("example.com/log\n5\n\n", "no signature")]
    [InlineData("example.com/log\n5\n\n— k AQIDBAUG\n\n", "no signature")]
    [InlineData("exa\tmple\n5\n\n— k AQIDBAUG\n", "control character")]
    [InlineData("\uFEFFexample\n5\n\n— k AQIDBAUG\n", "U+FEFF")]
    [InlineData("", "newline")]
    public void TryParse_MalformedNote_ReturnsError(string text, string expectedInMessage)
    {
        Assert.False(SignedNote.TryParse(text, out var note, out var error));

        Assert.Null(note);
        Assert.Contains(expectedInMessage, error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void TryParse_UnpairedSurrogate_ReturnsError()
    {
        var text = "ex" + (char)0xD800 + "ample\n5\n\n— k AQIDBAUG\n";

        Assert.False(SignedNote.TryParse(text, out _, out var error));
        Assert.Contains("U+D800", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_InvalidUtf8Bytes_ReturnsError()
    {
        byte[] bytes = [.. Encoding.UTF8.GetBytes("ex"), 0xC3, 0x28, .. Encoding.UTF8.GetBytes("\n\n— k AQIDBAUG\n")];

        Assert.False(SignedNote.TryParse(bytes, out _, out var error));
        Assert.Contains("UTF-8", error, StringComparison.Ordinal);
        Assert.True(SignedNote.TryParse(Encoding.UTF8.GetBytes(Valid), out _, out _));
    }

    [Fact]
    public void Constructor_InvalidParts_Throw()
    {
        var signature = new NoteSignature("k", 1, [1]);

        Assert.Throws<ArgumentException>(() => new SignedNote("no newline", [signature]));
        Assert.Throws<ArgumentException>(() => new SignedNote("text\n", []));
        Assert.Throws<ArgumentException>(() => new NoteSignature("has space", 1, [1]));
        Assert.Throws<ArgumentException>(() => new NoteSignature("k", 1, []));
    }
}
