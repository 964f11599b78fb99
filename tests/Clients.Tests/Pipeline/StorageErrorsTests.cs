using MedLedger.Clients.Pipeline;

namespace MedLedger.Clients.Tests.Pipeline;

public sealed class StorageErrorsTests
{
    [Fact]
    public void ParseBody_BlobXml_ReadsCodeAndFirstLineOnly()
    {
        const string xml = "\uFEFF<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>AuthenticationFailed</Code>"
            + "<Message>Server failed to authenticate the request.\nRequestId:1\nTime:2026</Message>"
            + "<AuthenticationErrorDetail>The MAC signature found in the HTTP request 'c2lnbmF0dXJl' is not the same</AuthenticationErrorDetail></Error>";

        var (code, message) = StorageErrors.ParseBody(BinaryData.FromString(xml));

        Assert.Equal("AuthenticationFailed", code);
        Assert.Equal("Server failed to authenticate the request.", message);
    }

    [Fact]
    public void ParseBody_TableOdataJson_ReadsCodeAndMessage()
    {
        const string json = "{\"odata.error\":{\"code\":\"EntityAlreadyExists\",\"message\":{\"lang\":\"en-US\",\"value\":\"2:The specified entity already exists.\\nRequestId:x\"}}}";

        var (code, message) = StorageErrors.ParseBody(BinaryData.FromString(json));

        Assert.Equal("EntityAlreadyExists", code);
        Assert.Equal("2:The specified entity already exists.", message);
    }

    [Fact]
    public void ParseBody_PlainJsonError_ReadsCode()
    {
        var (code, message) = StorageErrors.ParseBody(BinaryData.FromString("{\"error\":{\"code\":\"Throttled\",\"message\":\"slow down\"}}"));

        Assert.Equal("Throttled", code);
        Assert.Equal("slow down", message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not an error body")]
    [InlineData("<Error><Code>unclosed")]
    [InlineData("{\"odata.error\":")]
    [InlineData("[1,2]")]
    [InlineData("<!DOCTYPE x [<!ENTITY e \"boom\">]><Error><Code>&e;</Code></Error>")]
    public void ParseBody_UnreadableOrHostile_ReturnsNothing(string body)
    {
        Assert.Equal((null, null), StorageErrors.ParseBody(BinaryData.FromString(body)));
    }

    [Fact]
    public void Create_LongServiceMessage_IsClipped()
    {
        var error = StorageErrors.Create(400, "Bad Request", "InvalidInput", new string('x', 1000), "Doing a thing", "rid");

        Assert.Equal(400, error.Status);
        Assert.Equal("InvalidInput", error.ErrorCode);
        Assert.StartsWith("Doing a thing failed: 400 (Bad Request), error code InvalidInput: xxx", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("(request id rid)", error.Message, StringComparison.Ordinal);
        Assert.Contains("…", error.Message, StringComparison.Ordinal);
        Assert.True(error.Message.Length < 450);
    }
}
