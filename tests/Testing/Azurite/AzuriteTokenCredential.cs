using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Azure.Core;

namespace MedLedger.Testing.Azurite;

/// <summary>Issues JWTs that Azurite's <c>--oauth basic</c> accepts: issuer <c>https://sts.windows.net/…/</c>,
/// audience <c>https://storage.azure.com</c>, valid lifetime. Azurite does not check signatures, so the signature
/// is random bytes — these tokens are worthless anywhere else.</summary>
/// <remarks>Every token handed out is remembered, so tests can prove none of them reached a log.</remarks>
public sealed class AzuriteTokenCredential(TimeProvider clock, TimeSpan? lifetime = null, string audience = "https://storage.azure.com") : TokenCredential
{
    private readonly ConcurrentQueue<string> _issued = new();

    /// <summary>Gets every token issued so far.</summary>
    public IReadOnlyCollection<string> IssuedTokens => _issued;

    /// <summary>Gets the scopes of every request, in order.</summary>
    public ConcurrentQueue<string> RequestedScopes { get; } = new();

    /// <inheritdoc />
    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        foreach (var scope in requestContext.Scopes)
        {
            RequestedScopes.Enqueue(scope);
        }

        var now = clock.GetUtcNow();
        var expires = now + (lifetime ?? TimeSpan.FromHours(1));
        var header = Encode(new Dictionary<string, object> { ["alg"] = "RS256", ["typ"] = "JWT" });
        var payload = Encode(new Dictionary<string, object>
        {
            ["aud"] = audience,
            ["iss"] = "https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/",
            ["iat"] = now.AddMinutes(-5).ToUnixTimeSeconds(),
            ["nbf"] = now.AddMinutes(-5).ToUnixTimeSeconds(),
            ["exp"] = expires.ToUnixTimeSeconds(),
            ["oid"] = Guid.NewGuid().ToString(),
            ["tid"] = "72f988bf-86f1-41af-91ab-2d7cd011db47",
        });
        var signature = Base64Url(Guid.NewGuid().ToByteArray().Concat(Guid.NewGuid().ToByteArray()).ToArray());
        var token = $"{header}.{payload}.{signature}";
        _issued.Enqueue(token);
        return new AccessToken(token, expires);
    }

    /// <inheritdoc />
    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));

    private static string Encode(Dictionary<string, object> value) => Base64Url(JsonSerializer.SerializeToUtf8Bytes(value));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
