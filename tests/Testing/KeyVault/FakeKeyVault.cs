using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Core.Pipeline;
using MedLedger.Clients.KeyVault;

namespace MedLedger.Testing.KeyVault;

/// <summary>
/// An in-process Key Vault (keys data plane, api-version 7.6) for tests: an <see cref="HttpMessageHandler"/> that holds
/// real RSA and EC keys, checks every request against the REST reference (shared reference §5) and answers like the
/// service — including the 401 challenge, 429 throttling with <c>Retry-After</c>, and 404 <c>KeyNotFound</c>.
/// </summary>
/// <remarks>
/// Checked on every request: HTTPS and the vault's host; the query is exactly <c>api-version=7.6</c>; a client request id;
/// the method and path shape (<c>GET /keys/{name}[/{version}]</c>, <c>POST /keys/{name}/{version}/{wrapkey|unwrapkey|sign}</c>);
/// unauthenticated probes carry no body; authenticated requests carry <c>Authorization: Bearer</c> with a token the
/// <see cref="Credential"/> issued for <c>https://vault.azure.net/.default</c> in <see cref="TenantId"/>; POST bodies are
/// <c>application/json</c> objects with exactly <c>alg</c> and <c>value</c> (unpadded base64url). A request that breaks
/// the reference throws <see cref="KeyVaultProtocolViolationException"/> and is recorded in <see cref="Violations"/>.
/// </remarks>
public sealed class FakeKeyVault : HttpMessageHandler
{
    private const string Scope = "https://vault.azure.net/.default";
    private readonly ConcurrentDictionary<string, List<FakeKeyVersion>> _keys = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentQueue<FakeKeyVaultRequest> _requests = new();
    private readonly ConcurrentQueue<string> _violations = new();
    private readonly Lock _gate = new();
    private int _throttleRemaining;
    private int _throttleRetryAfterSeconds;

    /// <summary>Creates a fake vault at <paramref name="vaultUri"/> (default <c>https://fake-vault.vault.azure.net/</c>).</summary>
    public FakeKeyVault(Uri? vaultUri = null, string tenantId = "72f988bf-0000-4000-8000-00000000fa4e")
    {
        VaultUri = vaultUri ?? new Uri("https://fake-vault.vault.azure.net/");
        TenantId = tenantId;
    }

    /// <summary>Gets the vault URI.</summary>
    public Uri VaultUri { get; }

    /// <summary>Gets or sets the tenant the challenge names and tokens must be issued for (set it to simulate a tenant move).</summary>
    public string TenantId { get; set; }

    /// <summary>Gets the credential whose tokens this vault accepts.</summary>
    public FakeTokenCredential Credential { get; } = new();

    /// <summary>Gets or sets a value indicating whether the challenge uses <c>scope=</c> instead of <c>resource=</c>.</summary>
    public bool ChallengeWithScope { get; set; }

    /// <summary>Gets or sets the resource the challenge names (default <c>https://vault.azure.net</c>).</summary>
    public string ChallengeResource { get; set; } = "https://vault.azure.net";

    /// <summary>Gets every request received, in order.</summary>
    public IReadOnlyList<FakeKeyVaultRequest> Requests => [.. _requests];

    /// <summary>Gets every protocol violation seen (each also threw).</summary>
    public IReadOnlyList<string> Violations => [.. _violations];

    /// <summary>Creates a client that talks to this fake through a real <see cref="HttpClient"/> message path.</summary>
    public KeyVaultKeysClient CreateClient(KeyVaultKeysClientOptions? options = null)
    {
        options ??= new KeyVaultKeysClientOptions();
        options.Transport = CreateTransport();
        return new KeyVaultKeysClient(VaultUri, Credential, options);
    }

    /// <summary>Creates an Azure.Core transport that sends to this fake.</summary>
    public HttpPipelineTransport CreateTransport() => new HttpClientTransport(new HttpClient(this, disposeHandler: false));

    /// <summary>Adds a new version of an RSA key (wrapKey/unwrapKey) and returns its versioned id.</summary>
    public KeyVaultKeyIdentifier AddRsaKey(string name, int keySize = 2048) =>
        AddVersion(name, new FakeKeyVersion(NewVersion(), RSA.Create(keySize), null, ["wrapKey", "unwrapKey", "encrypt", "decrypt"]));

    /// <summary>Adds a new version of an EC P-256 key (sign/verify) and returns its versioned id.</summary>
    public KeyVaultKeyIdentifier AddEcKey(string name) =>
        AddVersion(name, new FakeKeyVersion(NewVersion(), null, ECDsa.Create(ECCurve.NamedCurves.nistP256), ["sign", "verify"]));

    /// <summary>Gets the public EC key of a version (to verify signatures independently).</summary>
    public ECDsa GetEcKey(KeyVaultKeyIdentifier keyId) => Find(keyId.Name, keyId.Version)?.Ec ?? throw new ArgumentException("No such EC key.", nameof(keyId));

    /// <summary>Gets the RSA key of a version (to wrap or unwrap independently).</summary>
    public RSA GetRsaKey(KeyVaultKeyIdentifier keyId) => Find(keyId.Name, keyId.Version)?.Rsa ?? throw new ArgumentException("No such RSA key.", nameof(keyId));

    /// <summary>Removes one key version, so requests for it get 404 <c>KeyNotFound</c>.</summary>
    public void DeleteVersion(KeyVaultKeyIdentifier keyId)
    {
        lock (_gate)
        {
            _keys[keyId.Name].RemoveAll(k => k.Version == keyId.Version);
        }
    }

    /// <summary>Answers the next <paramref name="count"/> authenticated requests with 429 and <c>Retry-After</c>.</summary>
    public void ThrottleNext(int count, int retryAfterSeconds)
    {
        lock (_gate)
        {
            _throttleRemaining = count;
            _throttleRetryAfterSeconds = retryAfterSeconds;
        }
    }

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Handle(request, request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(cancellationToken));

    /// <inheritdoc />
    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        byte[]? body = null;
        if (request.Content is not null)
        {
            using var buffer = new MemoryStream();
            request.Content.ReadAsStream(cancellationToken).CopyTo(buffer);
            body = buffer.ToArray();
        }

        return Handle(request, body);
    }

    private HttpResponseMessage Handle(HttpRequestMessage request, byte[]? body)
    {
        var hadBody = body is { Length: > 0 };
        var uri = request.RequestUri ?? throw Violation("request without a URI");
        var authenticated = false;
        HttpResponseMessage response;
        try
        {
            CheckEnvelope(request, uri);
            var token = BearerToken(request);
            if (token is null)
            {
                // The challenge flow probes without a body so key material never travels before authentication.
                if (hadBody)
                {
                    throw Violation($"unauthenticated {request.Method} {uri.AbsolutePath} carried a body");
                }

                response = Challenge("Unauthorized", "AKV10000: Request is missing a Bearer or PoP token.");
            }
            else if (Credential.Lookup(token) is not { } issued || issued.Scope != Scope || issued.TenantId != TenantId)
            {
                response = Challenge("Unauthorized", "AKV10022: Invalid audience or tenant.");
            }
            else
            {
                authenticated = true;
                response = TryThrottle() ?? Route(request.Method, uri, request, body);
            }
        }
        catch (KeyVaultProtocolViolationException)
        {
            _requests.Enqueue(new FakeKeyVaultRequest(request.Method.Method, uri.AbsolutePath, authenticated, hadBody, HttpStatusCode.BadRequest));
            throw;
        }

        _requests.Enqueue(new FakeKeyVaultRequest(request.Method.Method, uri.AbsolutePath, authenticated, hadBody, response.StatusCode));
        response.Headers.Add("x-ms-request-id", Guid.NewGuid().ToString());
        response.Headers.Add("x-ms-keyvault-service-version", "1.9.0.0");
        return response;
    }

    private void CheckEnvelope(HttpRequestMessage request, Uri uri)
    {
        if (uri.Scheme != Uri.UriSchemeHttps)
        {
            throw Violation($"scheme {uri.Scheme}: Key Vault is HTTPS only");
        }

        if (!string.Equals(uri.Authority, VaultUri.Authority, StringComparison.OrdinalIgnoreCase))
        {
            throw Violation($"request to {uri.Authority}, not this vault");
        }

        if (uri.Query != "?api-version=7.6")
        {
            throw Violation($"query '{uri.Query}': expected exactly ?api-version=7.6");
        }

        if (!request.Headers.Contains("x-ms-client-request-id"))
        {
            throw Violation("no x-ms-client-request-id header");
        }
    }

    private string? BearerToken(HttpRequestMessage request)
    {
        if (!request.Headers.TryGetValues("Authorization", out var values))
        {
            return null;
        }

        var value = values.Single();
        return value.StartsWith("Bearer ", StringComparison.Ordinal) && value.Length > 7
            ? value[7..]
            : throw Violation("Authorization header is not 'Bearer <token>'");
    }

    private HttpResponseMessage? TryThrottle()
    {
        lock (_gate)
        {
            if (_throttleRemaining <= 0)
            {
                return null;
            }

            _throttleRemaining--;
            var response = Error(HttpStatusCode.TooManyRequests, "Throttled", "Request was not processed because too many requests were received.");
            response.Headers.Add("Retry-After", _throttleRetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return response;
        }
    }

    private HttpResponseMessage Route(HttpMethod method, Uri uri, HttpRequestMessage request, byte[]? body)
    {
        var segments = uri.AbsolutePath.Split('/');
        if (segments.Length < 3 || segments[0].Length != 0 || segments[1] != "keys")
        {
            throw Violation($"path '{uri.AbsolutePath}' is not a keys path");
        }

        if (method == HttpMethod.Get && segments.Length is 3 or 4)
        {
            if (body is { Length: > 0 })
            {
                throw Violation("GET with a body");
            }

            var key = Find(segments[2], segments.Length == 4 ? segments[3] : null);
            return key is null ? NotFound(segments[2], segments.Length == 4 ? segments[3] : null) : Json(HttpStatusCode.OK, KeyBundle(segments[2], key));
        }

        if (method == HttpMethod.Post && segments.Length == 5 && segments[4] is "wrapkey" or "unwrapkey" or "sign")
        {
            var (alg, value) = ReadOperationBody(request, body);
            var key = Find(segments[2], segments[3]);
            if (key is null)
            {
                return NotFound(segments[2], segments[3]);
            }

            return segments[4] switch
            {
                "wrapkey" => Wrap(segments[2], key, alg, value),
                "unwrapkey" => Unwrap(segments[2], key, alg, value),
                _ => Sign(segments[2], key, alg, value),
            };
        }

        throw Violation($"{method} {uri.AbsolutePath} is not a Key Vault keys operation this project uses");
    }

    private (string Alg, byte[] Value) ReadOperationBody(HttpRequestMessage request, byte[]? body)
    {
        if (request.Content?.Headers.ContentType?.MediaType != "application/json")
        {
            throw Violation("POST without Content-Type: application/json");
        }

        if (body is null || body.Length == 0)
        {
            throw Violation("authenticated POST without a body");
        }

        JsonObject json;
        try
        {
            json = JsonNode.Parse(body) as JsonObject ?? throw Violation("body is not a JSON object");
        }
        catch (JsonException)
        {
            throw Violation("body is not JSON");
        }

        var names = json.Select(p => p.Key).Order(StringComparer.Ordinal).ToArray();
        if (!names.SequenceEqual(["alg", "value"]))
        {
            throw Violation($"body properties [{string.Join(",", names)}]: expected exactly alg and value");
        }

        if (json["alg"] is not JsonValue algNode || !algNode.TryGetValue<string>(out var alg)
            || json["value"] is not JsonValue valueNode || !valueNode.TryGetValue<string>(out var text))
        {
            throw Violation("alg and value must be strings");
        }

        // Requests must use the JWK form: base64url without padding (RFC 7515 §2).
        var utf8 = Encoding.ASCII.GetBytes(text);
        if (text.Contains('=', StringComparison.Ordinal) || text.Contains('+', StringComparison.Ordinal)
            || text.Contains('/', StringComparison.Ordinal) || !Base64Url.IsValid(utf8))
        {
            throw Violation("value is not unpadded base64url");
        }

        return (alg, Base64Url.DecodeFromUtf8(utf8));
    }

    private HttpResponseMessage Wrap(string name, FakeKeyVersion key, string alg, byte[] value)
    {
        if (key.Rsa is null || !key.Operations.Contains("wrapKey"))
        {
            return Error(HttpStatusCode.BadRequest, "BadParameter", "Operation wrapKey is not allowed on this key.");
        }

        if (alg != KeyVaultAlgorithms.RsaOaep256)
        {
            return Error(HttpStatusCode.BadRequest, "BadParameter", $"Invalid algorithm '{alg}' for this operation.");
        }

        return OperationResult(name, key, key.Rsa.Encrypt(value, RSAEncryptionPadding.OaepSHA256));
    }

    private HttpResponseMessage Unwrap(string name, FakeKeyVersion key, string alg, byte[] value)
    {
        if (key.Rsa is null || !key.Operations.Contains("unwrapKey"))
        {
            return Error(HttpStatusCode.BadRequest, "BadParameter", "Operation unwrapKey is not allowed on this key.");
        }

        if (alg != KeyVaultAlgorithms.RsaOaep256)
        {
            return Error(HttpStatusCode.BadRequest, "BadParameter", $"Invalid algorithm '{alg}' for this operation.");
        }

        try
        {
            return OperationResult(name, key, key.Rsa.Decrypt(value, RSAEncryptionPadding.OaepSHA256));
        }
        catch (CryptographicException)
        {
            return Error(HttpStatusCode.BadRequest, "BadParameter", "Error occurred while decoding OAEP padding.");
        }
    }

    private HttpResponseMessage Sign(string name, FakeKeyVersion key, string alg, byte[] digest)
    {
        if (key.Ec is null || !key.Operations.Contains("sign"))
        {
            return Error(HttpStatusCode.BadRequest, "BadParameter", "Operation sign is not allowed on this key.");
        }

        if (alg != KeyVaultAlgorithms.Es256)
        {
            return Error(HttpStatusCode.BadRequest, "BadParameter", $"Invalid algorithm '{alg}' for this key.");
        }

        if (digest.Length != 32)
        {
            return Error(HttpStatusCode.BadRequest, "BadParameter", "Invalid digest length for ES256.");
        }

        return OperationResult(name, key, key.Ec.SignHash(digest, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
    }

    private HttpResponseMessage OperationResult(string name, FakeKeyVersion key, byte[] value) =>
        Json(HttpStatusCode.OK, new JsonObject
        {
            ["kid"] = Kid(name, key),
            ["value"] = Base64Url.EncodeToString(value),
        });

    private JsonObject KeyBundle(string name, FakeKeyVersion key)
    {
        var jwk = new JsonObject
        {
            ["kid"] = Kid(name, key),
            ["kty"] = key.Rsa is not null ? "RSA" : "EC",
            ["key_ops"] = new JsonArray([.. key.Operations.Select(o => (JsonNode)o)]),
        };
        if (key.Rsa is not null)
        {
            var p = key.Rsa.ExportParameters(false);
            jwk["n"] = Base64Url.EncodeToString(p.Modulus);
            jwk["e"] = Base64Url.EncodeToString(p.Exponent);
        }
        else
        {
            var p = key.Ec!.ExportParameters(false);
            jwk["crv"] = "P-256";
            jwk["x"] = Base64Url.EncodeToString(p.Q.X);
            jwk["y"] = Base64Url.EncodeToString(p.Q.Y);
        }

        return new JsonObject
        {
            ["key"] = jwk,
            ["attributes"] = new JsonObject { ["enabled"] = true, ["created"] = 1767225600, ["updated"] = 1767225600, ["recoveryLevel"] = "Recoverable" },
            ["tags"] = new JsonObject(),
        };
    }

    private HttpResponseMessage Challenge(string code, string message)
    {
        var response = Error(HttpStatusCode.Unauthorized, code, message);
        var resource = ChallengeWithScope ? $"scope=\"{ChallengeResource}/.default\"" : $"resource=\"{ChallengeResource}\"";
        response.Headers.TryAddWithoutValidation("WWW-Authenticate", $"Bearer authorization=\"https://login.microsoftonline.com/{TenantId}\", {resource}");
        return response;
    }

    private static HttpResponseMessage NotFound(string name, string? version) =>
        Error(HttpStatusCode.NotFound, "KeyNotFound", $"A key with (name/id) {name}/{version} was not found in this key vault.");

    private static HttpResponseMessage Error(HttpStatusCode status, string code, string message) =>
        Json(status, new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } });

    private static HttpResponseMessage Json(HttpStatusCode status, JsonObject json) =>
        new(status) { Content = new StringContent(json.ToJsonString(), Encoding.UTF8, "application/json") };

    private string Kid(string name, FakeKeyVersion key) => $"{VaultUri.GetLeftPart(UriPartial.Authority)}/keys/{name}/{key.Version}";

    private FakeKeyVersion? Find(string name, string? version)
    {
        lock (_gate)
        {
            if (!_keys.TryGetValue(name, out var versions) || versions.Count == 0)
            {
                return null;
            }

            return version is null ? versions[^1] : versions.FirstOrDefault(v => v.Version == version);
        }
    }

    private KeyVaultKeyIdentifier AddVersion(string name, FakeKeyVersion version)
    {
        lock (_gate)
        {
            _keys.GetOrAdd(name, _ => []).Add(version);
        }

        return KeyVaultKeyIdentifier.Parse(Kid(name, version));
    }

    private static string NewVersion() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    private KeyVaultProtocolViolationException Violation(string what)
    {
        _violations.Enqueue(what);
        return new KeyVaultProtocolViolationException($"Key Vault protocol violation: {what}.");
    }

    private sealed record FakeKeyVersion(string Version, RSA? Rsa, ECDsa? Ec, string[] Operations);
}
