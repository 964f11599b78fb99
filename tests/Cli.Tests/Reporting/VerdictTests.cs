using MedLedger.Cli.Reporting;

namespace MedLedger.Cli.Tests.Reporting;

public sealed class VerdictTests
{
    [Fact]
    public void Invalid_WithLocation_PrintsTheContractLine()
    {
        using var output = new StringWriter { NewLine = "\n" };

        var code = Verdict.Invalid(output, "entry 41", "broken-link", "prev does not match the leaf hash of entry 40", "second line");

        Assert.Equal(2, code);
        Assert.Equal("invalid: entry 41: broken-link: prev does not match the leaf hash of entry 40\nsecond line\n", output.ToString());
    }

    [Fact]
    public void Valid_PrintsValidFirst()
    {
        using var output = new StringWriter { NewLine = "\n" };

        Assert.Equal(0, Verdict.Valid(output, "10 entries"));
        Assert.Equal("valid: 10 entries\n", output.ToString());
    }

    [Theory]
    [InlineData("a\nvalid: fake", "a valid: fake")]
    [InlineData("\u001b[31mred", "?[31mred")]
    [InlineData("bidi \u202Eevil", "bidi ?evil")]
    [InlineData("c1 \u009b", "c1 ?")]
    [InlineData("plain ünïcode ✓", "plain ünïcode ✓")]
    public void OneLine_ControlCharacters_AreReplaced(string text, string expected)
    {
        Assert.Equal(expected, Verdict.OneLine(text));
    }
}
