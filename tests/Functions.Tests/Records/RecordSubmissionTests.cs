using System.Text.Json;
using MedLedger.Functions.Records;
using Microsoft.Extensions.Primitives;

namespace MedLedger.Functions.Tests.Records;

public sealed class RecordSubmissionTests
{
    [Fact]
    public void TryCreate_JsonContent_KeepsTheExactTextSent()
    {
        const string Content = """{ "b":1,  "a" : [1, 2.50] }""";
        using var document = JsonDocument.Parse($$"""{"content":{{Content}}}""");
        var request = new CreateRecordRequest("p1", "general", "application/json", document.RootElement.GetProperty("content").Clone());

        Assert.True(RecordSubmission.TryCreate(request, out var submission, out _));
        Assert.Equal(Content, System.Text.Encoding.UTF8.GetString(submission.Plaintext.Span));
    }

    [Fact]
    public void TryCreate_Base64Content_DecodesIt()
    {
        var request = new CreateRecordRequest("p1", "genetic", "application/octet-stream", ContentBase64: "AAEC/w==");

        Assert.True(RecordSubmission.TryCreate(request, out var submission, out _));
        Assert.Equal(new byte[] { 0, 1, 2, 255 }, submission.Plaintext.ToArray());
    }

    [Theory]
    [InlineData("application/json", true, true)]
    [InlineData("application/fhir+json", true, true)]
    [InlineData("application/fhir+json; fhirVersion=4.0", true, true)]
    [InlineData("text/plain", true, false)]
    [InlineData("text/plain", false, true)]
    [InlineData("text/plain; charset=utf-8", false, true)]
    [InlineData("application/pdf", false, true)]
    [InlineData("*/*", false, false)]
    [InlineData("text/*", false, false)]
    [InlineData("text", false, false)]
    [InlineData("text/plain;", false, false)]
    [InlineData(" text/plain", false, false)]
    [InlineData("text/pl\u00e4in", false, false)]
    [InlineData("", false, false)]
    public void ContentTypes_Validation(string contentType, bool json, bool valid) =>
        Assert.Equal(valid, RecordContentTypes.IsValid(contentType, json));

    [Theory]
    [InlineData("abc", "abc")]
    [InlineData("\"abc\"", "abc")]
    [InlineData("8e03978e-40d5-43e8-bc93-6894a57f9324", "8e03978e-40d5-43e8-bc93-6894a57f9324")]
    public void IdempotencyKey_Accepted(string header, string key)
    {
        Assert.True(IdempotencyKeyHeader.TryRead(new StringValues(header), out var read, out _));
        Assert.Equal(key, read);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\"\"")]
    [InlineData("a b")]
    [InlineData("a\\b")]
    [InlineData("\"a\"b\"")]
    [InlineData("caf\u00e9")]
    public void IdempotencyKey_Refused(string header) =>
        Assert.False(IdempotencyKeyHeader.TryRead(new StringValues(header), out _, out _));

    [Fact]
    public void IdempotencyKey_TooLong_Refused()
    {
        Assert.True(IdempotencyKeyHeader.TryRead(new StringValues(new string('k', 255)), out _, out _));
        Assert.False(IdempotencyKeyHeader.TryRead(new StringValues(new string('k', 256)), out _, out _));
    }

    [Fact]
    public void IdempotencyKey_Absent_IsNoKey()
    {
        Assert.True(IdempotencyKeyHeader.TryRead(StringValues.Empty, out var key, out _));
        Assert.Null(key);
    }
}
