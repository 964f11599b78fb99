using System.Net;
using System.Net.Http.Headers;
using System.Text;
using MedLedger.Functions.Hosting;
using MedLedger.Functions.Http;
using MedLedger.Functions.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;

namespace MedLedger.Functions.Tests.Http;

/// <summary>
/// The HTTP rules through a real pipeline: the app's own composition (<c>AddFunctionsHosting</c>,
/// <c>AddHttpHygiene</c>, <c>UseHttpHygiene</c>) around a probe endpoint that reads a strict JSON body, as the
/// records intake will. Body cap lowered to 2 KiB.
/// </summary>
public sealed class HttpHygienePipelineTests : IAsyncLifetime
{
    private const int Cap = 2048;
    private WebApplication _app = null!;
    private HttpClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(TestSettings.Azure().With("MedLedger:MaxRequestBodyBytes", Cap.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        builder.AddFunctionsHosting();
        builder.AddHttpHygiene();
        _app = builder.Build();
        _app.UseHttpHygiene();
        _app.MapPost("/api/probe", async (HttpRequest request, StrictJsonReader reader, CancellationToken cancellationToken) =>
        {
            var body = await reader.ReadAsync<StrictJsonReaderTests.Probe>(request, cancellationToken);
            return body.Succeeded ? Results.Ok(body.Value) : body.Problem;
        });
        await _app.StartAsync(TestContext.Current.CancellationToken);
        _client = _app.GetTestClient();
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task ValidBody_IsAccepted()
    {
        var response = await PostAsync("""{"name":"a"}""", "application/json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task DuplicateProperty_Is400Problem()
    {
        var problem = await ProblemAssert.IsProblemAsync(await PostAsync("""{"name":"a","name":"b"}""", "application/json"), HttpStatusCode.BadRequest, ErrorCodes.MalformedJson);
        Assert.Equal("$.name", problem.GetProperty("path").GetString());
    }

    [Fact]
    public async Task UnknownMember_Is400ProblemWithPath()
    {
        var problem = await ProblemAssert.IsProblemAsync(await PostAsync("""{"name":"a","extra":1}""", "application/json"), HttpStatusCode.BadRequest, ErrorCodes.InvalidBody);
        Assert.Equal("$.extra", problem.GetProperty("path").GetString());
    }

    [Fact]
    public async Task TrailingComma_Is400Problem()
    {
        await ProblemAssert.IsProblemAsync(await PostAsync("""{"name":"a",}""", "application/json"), HttpStatusCode.BadRequest, ErrorCodes.MalformedJson);
    }

    [Fact]
    public async Task Depth65_Is400Problem()
    {
        var json = """{"name":"a","content":""" + new string('[', 64) + new string(']', 64) + "}";
        await ProblemAssert.IsProblemAsync(await PostAsync(json, "application/json"), HttpStatusCode.BadRequest, ErrorCodes.MalformedJson);
    }

    [Fact]
    public async Task InvalidUtf8_Is400Problem()
    {
        using var content = new ByteArrayContent([.. "{\"name\":\""u8, 0xFF, .. "\"}"u8]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var response = await _client.PostAsync("/api/probe", content, TestContext.Current.CancellationToken);
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, ErrorCodes.MalformedJson);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData("application/json; charset=iso-8859-1")]
    public async Task WrongContentType_Is415Problem(string contentType)
    {
        await ProblemAssert.IsProblemAsync(await PostAsync("""{"name":"a"}""", contentType), HttpStatusCode.UnsupportedMediaType, ErrorCodes.UnsupportedMediaType);
    }

    [Fact]
    public async Task MissingContentType_Is415Problem()
    {
        using var content = new ByteArrayContent("""{"name":"a"}"""u8.ToArray());
        var response = await _client.PostAsync("/api/probe", content, TestContext.Current.CancellationToken);
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnsupportedMediaType, ErrorCodes.UnsupportedMediaType);
    }

    [Fact]
    public async Task DeclaredLengthOverTheCap_Is413Problem()
    {
        var json = "{\"name\":\"" + new string('a', Cap) + "\"}";
        await ProblemAssert.IsProblemAsync(await PostAsync(json, "application/json"), HttpStatusCode.RequestEntityTooLarge, ErrorCodes.BodyTooLarge);
    }

    [Fact]
    public async Task ChunkedBodyOverTheCap_Is413Problem()
    {
        // No Content-Length: the cap must hold while the body is read.
        var bytes = Encoding.UTF8.GetBytes("{\"name\":\"" + new string('a', Cap) + "\"}");
        using var content = new StreamContent(new NonSeekableStream(bytes));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var response = await _client.PostAsync("/api/probe", content, TestContext.Current.CancellationToken);
        Assert.Null(content.Headers.ContentLength);
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, ErrorCodes.BodyTooLarge);
    }

    [Fact]
    public async Task BodyExactlyAtTheCap_IsRead()
    {
        var prefix = "{\"name\":\"";
        var json = prefix + new string('a', Cap - prefix.Length - 2) + "\"}";
        Assert.Equal(Cap, Encoding.UTF8.GetByteCount(json));
        var response = await PostAsync(json, "application/json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<HttpResponseMessage> PostAsync(string body, string contentType)
    {
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return await _client.PostAsync("/api/probe", content, TestContext.Current.CancellationToken);
    }

    /// <summary>A stream whose length is unknown, so the client sends the body chunked.</summary>
    private sealed class NonSeekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
