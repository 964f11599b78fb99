using System.Text.Json;
using MedLedger.Functions.CustomHandler;

namespace MedLedger.Functions.Tests.CustomHandler;

public sealed class HostValueDecoderTests
{
    [Theory]
    [InlineData("\"plain text\"", "plain text")]
    [InlineData("\"{ message: \\\"Message sent\\\" }\"", "{ message: \"Message sent\" }")]
    [InlineData("\"\\\"{\\\\\\\"recordId\\\\\\\":\\\\\\\"abc\\\\\\\",\\\\\\\"n\\\\\\\":2}\\\"\"", "{\"recordId\":\"abc\",\"n\":2}")]
    [InlineData("\"\\\"800ae4b3-bdd2-4c08-badd-f08e5a34b865\\\"\"", "800ae4b3-bdd2-4c08-badd-f08e5a34b865")]
    [InlineData("\"\\\"a\\\" \\\"b\\\"\"", "\"a\" \"b\"")]
    [InlineData("\"\\\"\"", "\"")]
    [InlineData("\"\\\"\\\"\"", "")]
    [InlineData("{\"a\":1}", "{\"a\":1}")]
    [InlineData("[1,2]", "[1,2]")]
    [InlineData("42", "42")]
    public void ReadText_UnwrapsOneLayerOfEncodingOnly(string json, string expected)
    {
        Assert.Equal(expected, HostValueDecoder.ReadText(Element(json)));
    }

    [Fact]
    public void ReadText_TwiceWrappedText_IsUnwrappedOnce()
    {
        var twice = JsonSerializer.Serialize(JsonSerializer.Serialize("x"));
        Assert.Equal("\"x\"", HostValueDecoder.ReadText(Element(JsonSerializer.Serialize(twice))));
    }

    [Fact]
    public void ReadText_Null_IsNull()
    {
        Assert.Null(HostValueDecoder.ReadText(Element("null")));
    }

    [Theory]
    [InlineData("1", 1)]
    [InlineData("\"1\"", 1)]
    [InlineData("\"\\\"5\\\"\"", 5)]
    [InlineData("9007199254740993", 9007199254740993)]
    public void TryReadInt64_NumberOrString_Reads(string json, long expected)
    {
        Assert.True(HostValueDecoder.TryReadInt64(Element(json), out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("\"one\"")]
    [InlineData("1.5")]
    [InlineData("true")]
    [InlineData("{}")]
    public void TryReadInt64_NotAnInteger_Fails(string json)
    {
        Assert.False(HostValueDecoder.TryReadInt64(Element(json), out _));
    }

    [Theory]
    [InlineData("\"2019-10-09T17:58:31+00:00\"")]
    [InlineData("\"\\\"2019-10-09T17:58:31+00:00\\\"\"")]
    [InlineData("\"2019-10-09T17:58:31Z\"")]
    public void TryReadTimestamp_BothForms_Read(string json)
    {
        Assert.True(HostValueDecoder.TryReadTimestamp(Element(json), out var value));
        Assert.Equal(new DateTimeOffset(2019, 10, 9, 17, 58, 31, TimeSpan.Zero), value);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    [InlineData("\"True\"", true)]
    [InlineData("\"\\\"false\\\"\"", false)]
    public void TryReadBoolean_LiteralOrString_Reads(string json, bool expected)
    {
        Assert.True(HostValueDecoder.TryReadBoolean(Element(json), out var value));
        Assert.Equal(expected, value);
    }

    private static JsonElement Element(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
