using System.Diagnostics.Tracing;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Core;
using Azure.Core.Diagnostics;
using Azure.Core.Pipeline;
using MedLedger.Clients.KeyVault;
using MedLedger.Testing.KeyVault;

namespace MedLedger.Clients.Tests.KeyVault;

public sealed class KeyVaultKeysClientTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetKeyAsync_RsaKey_ReturnsPublicJwkWithVersionedKid()
    {
        var vault = new FakeKeyVault();
        var kid = vault.AddRsaKey("wrap", 3072);
        var client = vault.CreateClient();

        var key = await client.GetKeyAsync("wrap", kid.Version, Ct);

        Assert.Equal(kid, key.Id);
        Assert.True(key.IsRsa);
        Assert.True(key.Enabled);
        Assert.Contains("wrapKey", key.KeyOperations);
        using var rsa = key.CreateRsaPublicKey();
        Assert.Equal(vault.GetRsaKey(kid).ExportParameters(false).Modulus, rsa.ExportParameters(false).Modulus);
        Assert.Empty(vault.Violations);
    }

    [Fact]
    public async Task GetKeyAsync_NoVersion_ReturnsLatestVersion()
    {
        var vault = new FakeKeyVault();
        vault.AddRsaKey("wrap");
        var latest = vault.AddRsaKey("wrap");

        var key = await vault.CreateClient().GetKeyAsync("wrap", cancellationToken: Ct);

        Assert.Equal(latest, key.Id);
        Assert.Equal("/keys/wrap", vault.Requests[^1].Path);
    }

    [Fact]
    public async Task GetKeyAsync_EcKey_ReturnsP256PointThatVerifiesTheVaultsSignatures()
    {
        var vault = new FakeKeyVault();
        var kid = vault.AddEcKey("checkpoints");
        var key = await vault.CreateClient().GetKeyAsync("checkpoints", cancellationToken: Ct);
        var digest = SHA256.HashData("note"u8);

        using var ecdsa = key.CreateECDsaPublicKey();

        Assert.Equal("P-256", key.CurveName);
        Assert.True(ecdsa.VerifyHash(digest, vault.GetEcKey(kid).SignHash(digest)));
        Assert.Throws<InvalidOperationException>(() => key.CreateRsaPublicKey());
    }

    [Fact]
    public async Task GetKeyAsync_MissingKey_ThrowsRequestFailed404KeyNotFound()
    {
        var vault = new FakeKeyVault();

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => vault.CreateClient().GetKeyAsync("absent", cancellationToken: Ct));

        Assert.Equal(404, error.Status);
        Assert.Equal("KeyNotFound", error.ErrorCode);
    }

    [Fact]
    public async Task FirstRequest_ChallengeFlow_ProbesWithoutBodyThenSendsTokenForChallengedTenant()
    {
        var vault = new FakeKeyVault();
        var kid = vault.AddRsaKey("wrap");
        var client = vault.CreateClient();

        await client.WrapKeyAsync(kid, KeyVaultAlgorithms.RsaOaep256, new byte[32], Ct);

        var requests = vault.Requests;
        Assert.Equal(2, requests.Count);
        Assert.Equal((false, false, HttpStatusCode.Unauthorized), (requests[0].Authenticated, requests[0].HadBody, requests[0].Status));
        Assert.Equal((true, true, HttpStatusCode.OK), (requests[1].Authenticated, requests[1].HadBody, requests[1].Status));
        var tokenRequest = Assert.Single(vault.Credential.Requests);
        Assert.Equal(["https://vault.azure.net/.default"], tokenRequest.Scopes);
        Assert.Equal(vault.TenantId, tokenRequest.TenantId);
        Assert.Empty(vault.Violations);
    }

    [Fact]
    public async Task LaterRequests_ChallengeCachedForHost_SendTokenWithoutProbe()
    {
        var vault = new FakeKeyVault();
        var kid = vault.AddRsaKey("wrap");
        var client = vault.CreateClient();

        for (var i = 0; i < 5; i++)
        {
            await client.WrapKeyAsync(kid, KeyVaultAlgorithms.RsaOaep256, new byte[32], Ct);
        }

        Assert.Equal(6, vault.Requests.Count);
        Assert.Single(vault.Requests, r => !r.Authenticated);
    }

    [Fact]
    public async Task TenantMoved_NewChallengeOnCachedHost_ReauthenticatesForTheNewTenant()
    {
        var vault = new FakeKeyVault();
        var kid = vault.AddRsaKey("wrap");
        var client = vault.CreateClient();
        await client.WrapKeyAsync(kid, KeyVaultAlgorithms.RsaOaep256, new byte[32], Ct);
        vault.TenantId = "11111111-2222-4333-8444-555555555555";

        await client.WrapKeyAsync(kid, KeyVaultAlgorithms.RsaOaep256, new byte[32], Ct);

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.OK, HttpStatusCode.Unauthorized, HttpStatusCode.OK], vault.Requests.Select(r => r.Status));
        Assert.Equal(vault.TenantId, vault.Credential.Requests[^1].TenantId);
    }

    [Fact]
    public async Task ChallengeWithScopeParameter_UsesThatScope()
    {
        var vault = new FakeKeyVault { ChallengeWithScope = true };
        var kid = vault.AddRsaKey("wrap");

        await vault.CreateClient().WrapKeyAsync(kid, KeyVaultAlgorithms.RsaOaep256, new byte[32], Ct);

        Assert.Equal(["https://vault.azure.net/.default"], Assert.Single(vault.Credential.Requests).Scopes);
    }

    [Fact]
    public async Task ChallengeForAnotherService_IsRefusedWithoutRequestingAToken()
    {
        var vault = new FakeKeyVault { ChallengeResource = "https://storage.azure.com" };
        var kid = vault.AddRsaKey("wrap");

        await Assert.ThrowsAsync<InvalidOperationException>(
            () => vault.CreateClient().WrapKeyAsync(kid, KeyVaultAlgorithms.RsaOaep256, new byte[32], Ct));

        Assert.Empty(vault.Credential.Requests);
        Assert.DoesNotContain(vault.Requests, r => r.HadBody);
    }

    [Fact]
    public async Task WrapThenUnwrap_RsaOaep256_RoundTripsAndMatchesTheVaultsKey()
    {
        var vault = new FakeKeyVault();
        var kid = vault.AddRsaKey("wrap", 3072);
        var client = vault.CreateClient();
        var dek = RandomNumberGenerator.GetBytes(32);

        var wrapped = await client.WrapKeyAsync(kid, KeyVaultAlgorithms.RsaOaep256, dek, Ct);
        var unwrapped = await client.UnwrapKeyAsync(wrapped.KeyId, KeyVaultAlgorithms.RsaOaep256, wrapped.EncryptedKey, Ct);

        Assert.Equal(kid, wrapped.KeyId);
        Assert.Equal(384, wrapped.EncryptedKey.Length);
        Assert.Equal(dek, unwrapped.Key);
        Assert.Equal(dek, vault.GetRsaKey(kid).Decrypt(wrapped.EncryptedKey, RSAEncryptionPadding.OaepSHA256));
    }

    [Fact]
    public void WrapKeyAndUnwrapKey_SynchronousPath_RoundTrips()
    {
        var vault = new FakeKeyVault();
        var kid = vault.AddRsaKey("wrap");
        var client = vault.CreateClient();
        var dek = RandomNumberGenerator.GetBytes(32);

        var wrapped = client.WrapKey(kid, KeyVaultAlgorithms.RsaOaep256, dek, Ct);
        var unwrapped = client.UnwrapKey(kid, KeyVaultAlgorithms.RsaOaep256, wrapped.EncryptedKey, Ct);

        Assert.Equal(dek, unwrapped.Key);
        Assert.Empty(vault.Violations);
    }

    [Fact]
    public async Task UnwrapKeyAsync_ValueWrappedByAnotherKey_ThrowsRequestFailed400BadParameter()
    {
        var vault = new FakeKeyVault();
        var kid = vault.AddRsaKey("wrap");
        var other = vault.AddRsaKey("other");
        var client = vault.CreateClient();
        var wrapped = await client.WrapKeyAsync(other, KeyVaultAlgorithms.RsaOaep256, new byte[32], Ct);

        var error = await Assert.ThrowsAsync<RequestFailedException>(
            () => client.UnwrapKeyAsync(kid, KeyVaultAlgorithms.RsaOaep256, wrapped.EncryptedKey, Ct));

        Assert.Equal(400, error.Status);
        Assert.Equal("BadParameter", error.ErrorCode);
    }

    [Fact]
    public async Task UnwrapKeyAsync_MissingKeyVersion_ThrowsRequestFailed404KeyNotFound()
    {
        var vault = new FakeKeyVault();
        var kid = vault.AddRsaKey("wrap");
        vault.AddRsaKey("wrap");
        var client = vault.CreateClient();
        var wrapped = await client.WrapKeyAsync(kid, KeyVaultAlgorithms.RsaOaep256, new byte[32], Ct);
        vault.DeleteVersion(kid);

        var error = await Assert.ThrowsAsync<RequestFailedException>(
            () => client.UnwrapKeyAsync(kid, KeyVaultAlgorithms.RsaOaep256, wrapped.EncryptedKey, Ct));

        Assert.Equal(404, error.Status);
        Assert.Equal("KeyNotFound", error.ErrorCode);
    }

    [Fact]
    public async Task Throttled429_WithRetryAfter_WaitsAtLeastRetryAfterThenSucceeds()
    {
        var vault = new FakeKeyVault();
        var kid = vault.AddRsaKey("wrap");
        var delays = new RecordingDelayStrategy(DelayStrategy.CreateFixedDelayStrategy(TimeSpan.FromMilliseconds(1)));
        var client = vault.CreateClient(new KeyVaultKeysClientOptions { RetryPolicy = new RetryPolicy(3, delays) });
        await client.GetKeyAsync("wrap", cancellationToken: Ct);
        vault.ThrottleNext(1, retryAfterSeconds: 1);

        var wrapped = await client.WrapKeyAsync(kid, KeyVaultAlgorithms.RsaOaep256, new byte[32], Ct);

        Assert.Equal(kid, wrapped.KeyId);
        Assert.Equal([HttpStatusCode.TooManyRequests, HttpStatusCode.OK], vault.Requests.Skip(2).Select(r => r.Status));
        Assert.True(Assert.Single(delays.Delays) >= TimeSpan.FromSeconds(1), "Retry-After was not honoured.");
    }

    [Fact]
    public async Task Throttled429_BeyondMaxRetries_ThrowsRequestFailed429()
    {
        var vault = new FakeKeyVault();
        var kid = vault.AddRsaKey("wrap");
        var options = new KeyVaultKeysClientOptions { RetryPolicy = new RetryPolicy(2, DelayStrategy.CreateFixedDelayStrategy(TimeSpan.Zero)) };
        var client = vault.CreateClient(options);
        await client.GetKeyAsync("wrap", cancellationToken: Ct);
        vault.ThrottleNext(10, retryAfterSeconds: 0);

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => client.WrapKeyAsync(kid, KeyVaultAlgorithms.RsaOaep256, new byte[32], Ct));

        Assert.Equal(429, error.Status);
        Assert.Equal("Throttled", error.ErrorCode);
    }

    [Fact]
    public async Task SignAsync_Es256_ReturnsRawSignatureThatVerifies()
    {
        var vault = new FakeKeyVault();
        var kid = vault.AddEcKey("checkpoints");
        var digest = SHA256.HashData("checkpoint body"u8);

        var result = await vault.CreateClient().SignAsync(kid, KeyVaultAlgorithms.Es256, digest, Ct);

        Assert.Equal(64, result.Signature.Length);
        Assert.True(vault.GetEcKey(kid).VerifyHash(digest, result.Signature, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
    }

    [Fact]
    public async Task KeyOperations_UnversionedOrForeignKeyId_ThrowArgumentExceptionWithoutSending()
    {
        var vault = new FakeKeyVault();
        var kid = vault.AddRsaKey("wrap");
        var client = vault.CreateClient();
        var unversioned = KeyVaultKeyIdentifier.Create(vault.VaultUri, "wrap");
        var foreign = KeyVaultKeyIdentifier.Parse($"https://attacker.vault.azure.net/keys/wrap/{kid.Version}");

        await Assert.ThrowsAsync<ArgumentException>(() => client.WrapKeyAsync(unversioned, KeyVaultAlgorithms.RsaOaep256, new byte[32], Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => client.UnwrapKeyAsync(foreign, KeyVaultAlgorithms.RsaOaep256, new byte[32], Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => client.SignAsync(kid, "ES256\"}", new byte[32], Ct));

        Assert.Empty(vault.Requests);
    }

    [Fact]
    public void Constructor_PlainHttpOrContentLogging_Throws()
    {
        var credential = new FakeTokenCredential();
        var logging = new KeyVaultKeysClientOptions();
        logging.Diagnostics.IsLoggingContentEnabled = true;

        Assert.Throws<ArgumentException>(() => new KeyVaultKeysClient(new Uri("http://fake-vault.vault.azure.net/"), credential));
        Assert.Throws<ArgumentException>(() => new KeyVaultKeysClient(new Uri("https://fake-vault.vault.azure.net/"), credential, logging));
    }

    [Fact]
    public async Task ResponseForAnotherKey_ThrowsRequestFailedMalformedResponse()
    {
        var vault = new FakeKeyVault();
        var kid = vault.AddRsaKey("wrap");
        var options = new KeyVaultKeysClientOptions
        {
            Transport = new HttpClientTransport(new HttpClient(new RewritingHandler(vault, body => body.Replace("/keys/wrap/", "/keys/swapped/", StringComparison.Ordinal)))),
        };
        var client = new KeyVaultKeysClient(vault.VaultUri, vault.Credential, options);

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => client.WrapKeyAsync(kid, KeyVaultAlgorithms.RsaOaep256, new byte[32], Ct));

        Assert.Equal("MalformedResponse", error.ErrorCode);
    }

    [Fact]
    public async Task ResponseValueInStandardBase64WithPadding_IsDecodedTolerantly()
    {
        var vault = new FakeKeyVault();
        var kid = vault.AddRsaKey("wrap");
        var options = new KeyVaultKeysClientOptions
        {
            Transport = new HttpClientTransport(new HttpClient(new RewritingHandler(vault, ToStandardBase64Value))),
        };
        var client = new KeyVaultKeysClient(vault.VaultUri, vault.Credential, options);
        var dek = RandomNumberGenerator.GetBytes(32);
        var wrapped = await client.WrapKeyAsync(kid, KeyVaultAlgorithms.RsaOaep256, dek, Ct);

        var unwrapped = await client.UnwrapKeyAsync(kid, KeyVaultAlgorithms.RsaOaep256, wrapped.EncryptedKey, Ct);

        Assert.Equal(dek, unwrapped.Key);
    }

    [Fact]
    public async Task Logging_AtVerbose_NeverContainsTokensOrKeyMaterial()
    {
        var vault = new FakeKeyVault();
        var kid = vault.AddRsaKey("wrap");
        var client = vault.CreateClient();
        var dek = RandomNumberGenerator.GetBytes(32);
        var log = new StringBuilder();
        using (new AzureEventSourceListener((e, message) => { lock (log) { log.AppendLine(message); } }, EventLevel.Verbose))
        {
            var wrapped = await client.WrapKeyAsync(kid, KeyVaultAlgorithms.RsaOaep256, dek, Ct);
            await client.UnwrapKeyAsync(kid, KeyVaultAlgorithms.RsaOaep256, wrapped.EncryptedKey, Ct);
        }

        var text = log.ToString();
        Assert.Contains("/keys/wrap/", text, StringComparison.Ordinal);
        Assert.DoesNotContain("fake-token-", text, StringComparison.Ordinal);
        Assert.DoesNotContain(System.Buffers.Text.Base64Url.EncodeToString(dek), text, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToHexString(dek), text, StringComparison.OrdinalIgnoreCase);
    }

    private static string ToStandardBase64Value(string body)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(body)!.AsObject();
        if (node["value"] is { } value)
        {
            var bytes = System.Buffers.Text.Base64Url.DecodeFromChars(value.GetValue<string>());
            node["value"] = Convert.ToBase64String(bytes);
        }

        return node.ToJsonString();
    }

    /// <summary>Passes requests to the fake and rewrites successful response bodies (simulates odd service answers).</summary>
    private sealed class RewritingHandler(FakeKeyVault vault, Func<string, string> rewrite) : DelegatingHandler(vault)
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                response.Content = new StringContent(rewrite(body), Encoding.UTF8, "application/json");
            }

            return response;
        }
    }

    /// <summary>Records every delay the retry policy chose.</summary>
    private sealed class RecordingDelayStrategy(DelayStrategy inner) : DelayStrategy
    {
        private readonly List<TimeSpan> _delays = [];

        public IReadOnlyList<TimeSpan> Delays
        {
            get
            {
                lock (_delays)
                {
                    return [.. _delays];
                }
            }
        }

        protected override TimeSpan GetNextDelayCore(Response? response, int retryNumber)
        {
            // inner.GetNextDelay applies Retry-After, exactly as the pipeline does with the default strategy.
            var delay = inner.GetNextDelay(response, retryNumber);
            lock (_delays)
            {
                _delays.Add(delay);
            }

            return delay;
        }
    }
}
