using System.Net;
using MedLedger.Access.Identity;
using MedLedger.Functions.Http;
using MedLedger.Functions.Tests.Support;

namespace MedLedger.Functions.Tests.Access;

/// <summary>
/// Who is believed: the Easy Auth principal only when the platform runs authentication (or in explicit local
/// development away from App Service), and only as the directory also knows the user. Health and the signed webhook
/// are the only open routes.
/// </summary>
public sealed class AuthenticationTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    // The Azure-like app: idle storage, the demo directory in memory. An authenticated caller reaches routing (404 for an
    // unknown route); anybody else is stopped before it.
    private static FunctionsAppFactory App(Action<Dictionary<string, string?>>? change = null)
    {
        var settings = TestSettings.Azure();
        change?.Invoke(settings);
        return new FunctionsAppFactory(settings);
    }

    private static async Task<HttpResponseMessage> GetAsync(FunctionsAppFactory app, string? principal, string path = "/api/no-such-route")
    {
        using var client = app.CreateClient().As(null);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (principal is not null)
        {
            request.Headers.TryAddWithoutValidation(ClientPrincipalHeader.Name, principal);
        }

        return await client.SendAsync(request, Token);
    }

    [Fact]
    public async Task PlatformAuthentication_KnownUser_IsAuthenticated()
    {
        await using var app = App();

        var response = await GetAsync(app, TestPrincipals.Header("aud-1"));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound, ErrorCodes.NotFound);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not base64!")]
    [InlineData("e30=")] // {} — no claims at all
    public async Task PlatformAuthentication_MissingOrUnusablePrincipal_Is401(string? principal)
    {
        await using var app = App();

        var response = await GetAsync(app, principal);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, ErrorCodes.Unauthenticated);
    }

    [Fact]
    public async Task PlatformAuthentication_RepeatedHeader_Is401()
    {
        await using var app = App();
        using var client = app.CreateClient().As(null);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/no-such-route");
        request.Headers.TryAddWithoutValidation(ClientPrincipalHeader.Name, [TestPrincipals.Header("aud-1"), TestPrincipals.Header("admin-1")]);

        var response = await client.SendAsync(request, Token);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, ErrorCodes.Unauthenticated);
    }

    [Theory]
    [InlineData("stranger", Role.Admin)] // unknown to the directory
    [InlineData("dr-ada", Role.Admin)] // the token says admin, the directory says clinician
    public async Task PlatformAuthentication_NoRoleTheDirectoryAlsoGives_Is403(string userKey, Role role)
    {
        await using var app = App();

        var response = await GetAsync(app, ClientPrincipalHeader.Build(userKey, [role]));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden, ErrorCodes.UnknownCaller);
    }

    [Fact]
    public async Task NoPlatformAuthentication_OutsideDevelopment_EvenAValidHeaderIs401()
    {
        await using var app = App(settings => settings.Remove("WEBSITE_AUTH_ENABLED"));

        var response = await GetAsync(app, TestPrincipals.Header("admin-1"));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, ErrorCodes.Unauthenticated);
        Assert.Contains(app.Logs.Lines, line => line.Contains("Unauthenticated request: HeaderNotTrusted", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DevelopmentModeOnAppService_DoesNotMakeTheHeaderBelievable()
    {
        var settings = TestSettings.Development().With("WEBSITE_SITE_NAME", "medledger-prod");
        await using var app = new FunctionsAppFactory(settings);

        var response = await GetAsync(app, TestPrincipals.Header("admin-1"));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, ErrorCodes.Unauthenticated);
    }

    [Fact]
    public async Task OpenRoutes_HealthAndTheSignedWebhook_NeedNoPrincipal()
    {
        await using var app = App();

        var health = await GetAsync(app, null, "/api/health");
        using var client = app.CreateClient().As(null);
        var webhook = await client.PostAsync("/api/claims/verify", new StringContent("{}"), Token);

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        var problem = await ProblemAssert.IsProblemAsync(webhook, HttpStatusCode.Unauthorized, ErrorCodes.WebhookRefused);
        Assert.Equal("missing-insurer", problem.GetProperty("reason").GetString());
    }
}
