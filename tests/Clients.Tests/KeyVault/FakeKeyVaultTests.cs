using System.Net;
using System.Text;
using MedLedger.Testing.KeyVault;

namespace MedLedger.Clients.Tests.KeyVault;

/// <summary>The fake must reject what the real service would, or the client tests prove nothing.</summary>
public sealed class FakeKeyVaultTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("https://fake-vault.vault.azure.net/keys/k?api-version=7.5")]
    [InlineData("https://fake-vault.vault.azure.net/keys/k")]
    [InlineData("https://other.vault.azure.net/keys/k?api-version=7.6")]
    [InlineData("http://fake-vault.vault.azure.net/keys/k?api-version=7.6")]
    public async Task Request_WrongUrl_IsAViolation(string url)
    {
        using var vault = new FakeKeyVault();
        using var http = new HttpClient(vault);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("x-ms-client-request-id", "1");

        await Assert.ThrowsAsync<KeyVaultProtocolViolationException>(() => http.SendAsync(request, Ct));

        Assert.Single(vault.Violations);
    }

    [Fact]
    public async Task UnauthenticatedRequest_WithoutBody_Gets401Challenge()
    {
        using var vault = new FakeKeyVault();
        using var http = new HttpClient(vault);
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://fake-vault.vault.azure.net/keys/k?api-version=7.6");
        request.Headers.Add("x-ms-client-request-id", "1");

        using var response = await http.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.StartsWith("Bearer authorization=\"https://login.microsoftonline.com/", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnauthenticatedRequest_WithBody_IsAViolation()
    {
        using var vault = new FakeKeyVault();
        var kid = vault.AddRsaKey("k");
        using var http = new HttpClient(vault);
        using var request = Post(kid + "/wrapkey?api-version=7.6", "{\"alg\":\"RSA-OAEP-256\",\"value\":\"AAAA\"}", token: null);

        await Assert.ThrowsAsync<KeyVaultProtocolViolationException>(() => http.SendAsync(request, Ct));
    }

    [Theory]
    [InlineData("{\"alg\":\"RSA-OAEP-256\",\"value\":\"AAAA\",\"extra\":1}")]
    [InlineData("{\"alg\":\"RSA-OAEP-256\"}")]
    [InlineData("{\"alg\":\"RSA-OAEP-256\",\"value\":\"AA==\"}")]
    [InlineData("{\"alg\":\"RSA-OAEP-256\",\"value\":\"A+/A\"}")]
    [InlineData("{\"alg\":1,\"value\":\"AAAA\"}")]
    [InlineData("[]")]
    public async Task AuthenticatedPost_BodyOffReference_IsAViolation(string body)
    {
        using var vault = new FakeKeyVault();
        var kid = vault.AddRsaKey("k");
        var token = vault.Credential.GetToken(new Azure.Core.TokenRequestContext(["https://vault.azure.net/.default"], tenantId: vault.TenantId), Ct).Token;
        using var http = new HttpClient(vault);
        using var request = Post(kid + "/wrapkey?api-version=7.6", body, token);

        await Assert.ThrowsAsync<KeyVaultProtocolViolationException>(() => http.SendAsync(request, Ct));
    }

    [Fact]
    public async Task TokenForWrongTenant_Gets401()
    {
        using var vault = new FakeKeyVault();
        var kid = vault.AddRsaKey("k");
        var token = vault.Credential.GetToken(new Azure.Core.TokenRequestContext(["https://vault.azure.net/.default"], tenantId: "other"), Ct).Token;
        using var http = new HttpClient(vault);
        using var request = Post(kid + "/wrapkey?api-version=7.6", "{\"alg\":\"RSA-OAEP-256\",\"value\":\"AAAA\"}", token);

        using var response = await http.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static HttpRequestMessage Post(string url, string body, string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("x-ms-client-request-id", "1");
        if (token is not null)
        {
            request.Headers.Add("Authorization", "Bearer " + token);
        }

        return request;
    }
}
