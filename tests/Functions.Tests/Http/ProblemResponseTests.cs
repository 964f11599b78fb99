using System.Net;
using System.Net.Http.Headers;
using MedLedger.Functions.Http;
using MedLedger.Functions.Tests.Support;

namespace MedLedger.Functions.Tests.Http;

/// <summary>Errors of the real app are problem+json with stable codes, whatever the client accepts.</summary>
public sealed class ProblemResponseTests(AppFixture app) : IClassFixture<AppFixture>
{
    private readonly CancellationToken _cancellation = TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/api/no-such-route")]
    [InlineData("/api/records/r1/extra")]
    [InlineData("/somewhere-else")]
    public async Task UnknownRoute_Is404Problem(string path)
    {
        var response = await app.Client.GetAsync(path, _cancellation);
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound, ErrorCodes.NotFound);
    }

    [Fact]
    public async Task WrongMethod_Is405ProblemWithAllow()
    {
        var response = await app.Client.DeleteAsync("/api/health", _cancellation);
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.MethodNotAllowed, ErrorCodes.MethodNotAllowed);
        Assert.Equal(["GET"], response.Content.Headers.Allow);
    }

    [Fact]
    public async Task ClientAcceptingOnlyHtml_StillGetsProblemJson()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/no-such-route");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        var response = await app.Client.SendAsync(request, _cancellation);
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound, ErrorCodes.NotFound);
    }

    [Fact]
    public async Task DeclaredBodyLargerThanTheCap_Is413BeforeTheBodyIsRead()
    {
        using var content = new ByteArrayContent(new byte[(10 * 1024 * 1024) + 1]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var response = await app.Client.PostAsync("/api/records", content, _cancellation);
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, ErrorCodes.BodyTooLarge);
    }

    [Theory]
    [InlineData("POST", "/api/records")]
    [InlineData("GET", "/api/patients/p-1/records/r0-AAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("GET", "/api/no-such-route")]
    [InlineData("GET", "/api/ledger/public-key")]
    public async Task ApiRoute_WithoutAnIdentity_Is401Problem(string method, string path)
    {
        using var anonymous = app.Factory.CreateClient().As(null);
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        var response = await anonymous.SendAsync(request, _cancellation);
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, ErrorCodes.Unauthenticated);
    }

    [Fact]
    public async Task LedgerEvent_NotIssuedHere_Is404Problem()
    {
        var response = await app.Client.GetAsync("/api/ledger/events/evt-1", _cancellation);
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound, ErrorCodes.EventNotFound);
    }

    [Fact]
    public async Task CorrelationId_DiffersPerRequest()
    {
        var first = await ProblemAssert.IsProblemAsync(await app.Client.GetAsync("/api/x", _cancellation), HttpStatusCode.NotFound, ErrorCodes.NotFound);
        var second = await ProblemAssert.IsProblemAsync(await app.Client.GetAsync("/api/x", _cancellation), HttpStatusCode.NotFound, ErrorCodes.NotFound);
        Assert.NotEqual(first.GetProperty("correlationId").GetString(), second.GetProperty("correlationId").GetString());
    }
}
