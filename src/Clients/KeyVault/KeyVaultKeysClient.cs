using System.Text;
using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace MedLedger.Clients.KeyVault;

/// <summary>A small Key Vault keys client over REST (api-version 7.6): get key, wrap, unwrap and sign.</summary>
/// <remarks>
/// Requests go through an Azure.Core <see cref="HttpPipeline"/> (client request id, retries honouring
/// <c>Retry-After</c>, logging without bodies) and authenticate with Entra ID bearer tokens through Key Vault's
/// challenge flow. Cryptographic operations always name an exact key version of this client's vault, so a key id read
/// from stored data can never send a token to another host. Every non-success response throws
/// <see cref="RequestFailedException"/> with the HTTP status and Key Vault's error code (for example 404
/// <c>KeyNotFound</c>, 400 <c>BadParameter</c>).
/// </remarks>
/// <threadsafety>Safe for concurrent use; create one per vault and reuse it.</threadsafety>
public class KeyVaultKeysClient
{
    private const string WrapOperation = "wrapkey";
    private const string UnwrapOperation = "unwrapkey";
    private const string SignOperation = "sign";
    private const int MaxInputLength = 8 * 1024;

    private readonly HttpPipeline _pipeline = null!;

    /// <summary>Creates a client for the vault at <paramref name="vaultUri"/>.</summary>
    /// <param name="vaultUri">The vault URI, for example <c>https://contoso.vault.azure.net/</c>; must be HTTPS.</param>
    /// <param name="credential">Where tokens come from (for example <c>DefaultAzureCredential</c> or a managed identity).</param>
    /// <param name="options">Transport, retry and diagnostics options.</param>
    /// <exception cref="ArgumentException">The URI is not HTTPS, or the options enable content logging.</exception>
    public KeyVaultKeysClient(Uri vaultUri, TokenCredential credential, KeyVaultKeysClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(vaultUri);
        ArgumentNullException.ThrowIfNull(credential);
        if (!vaultUri.IsAbsoluteUri || !string.Equals(vaultUri.Scheme, Uri.UriSchemeHttps, StringComparison.Ordinal))
        {
            throw new ArgumentException(KeyVaultErrors.VaultUriNotValid(vaultUri), nameof(vaultUri));
        }

        options ??= new KeyVaultKeysClientOptions();
        if (options.Diagnostics.IsLoggingContentEnabled)
        {
            throw new ArgumentException(KeyVaultErrors.ContentLoggingForbidden, nameof(options));
        }

        VaultUri = new Uri(vaultUri.GetLeftPart(UriPartial.Authority) + "/", UriKind.Absolute);
        _pipeline = HttpPipelineBuilder.Build(
            options,
            perCallPolicies: [],
            perRetryPolicies: [new KeyVaultChallengeAuthenticationPolicy(credential)],
            new ResponseClassifier());
    }

    /// <summary>Creates a client for mocking.</summary>
    protected KeyVaultKeysClient()
    {
        VaultUri = new Uri("https://mock.vault.azure.net/");
    }

    /// <summary>Gets the vault this client talks to.</summary>
    public virtual Uri VaultUri { get; }

    /// <summary>Gets a key's public part: <c>GET /keys/{name}[/{version}]</c>.</summary>
    /// <param name="name">The key name.</param>
    /// <param name="version">The version, or <see langword="null"/> for the latest.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The key, with its versioned id.</returns>
    /// <exception cref="RequestFailedException">The service refused (for example 404 <c>KeyNotFound</c>) or answered malformed data.</exception>
    public virtual async Task<KeyVaultKey> GetKeyAsync(string name, string? version = null, CancellationToken cancellationToken = default)
    {
        var keyId = KeyVaultKeyIdentifier.Create(VaultUri, name, version);
        using var message = CreateMessage(RequestMethod.Get, keyId, operation: null, content: null);
        var response = await SendAsync(message, async: true, cancellationToken).ConfigureAwait(false);
        try
        {
            return KeyVaultKey.FromKeyBundle(response.Content.ToMemory().Span);
        }
        catch (FormatException exception)
        {
            throw MalformedResponse(response, exception);
        }
    }

    /// <summary>Wraps (encrypts) a key: <c>POST /keys/{name}/{version}/wrapkey</c>.</summary>
    /// <param name="keyId">The exact key version to wrap with; must be in this client's vault.</param>
    /// <param name="algorithm">The wrap algorithm, normally <see cref="KeyVaultAlgorithms.RsaOaep256"/>.</param>
    /// <param name="key">The key to wrap.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The wrapped key and the versioned key id to store with it.</returns>
    /// <exception cref="ArgumentException">The key id has no version or belongs to another vault.</exception>
    /// <exception cref="RequestFailedException">The service refused or answered malformed data.</exception>
    public virtual async Task<WrapResult> WrapKeyAsync(KeyVaultKeyIdentifier keyId, string algorithm, ReadOnlyMemory<byte> key, CancellationToken cancellationToken = default)
    {
        var (responseKeyId, value) = await KeyOperationAsync(WrapOperation, keyId, algorithm, key, async: true, cancellationToken).ConfigureAwait(false);
        return new WrapResult(responseKeyId, algorithm, value);
    }

    /// <summary>Synchronous form of <see cref="WrapKeyAsync"/>, for <c>IKeyEncryptionKey.WrapKey</c> callers.</summary>
    /// <inheritdoc cref="WrapKeyAsync" />
    public virtual WrapResult WrapKey(KeyVaultKeyIdentifier keyId, string algorithm, ReadOnlyMemory<byte> key, CancellationToken cancellationToken = default)
    {
        var (responseKeyId, value) = KeyOperationAsync(WrapOperation, keyId, algorithm, key, async: false, cancellationToken).AsTask().GetAwaiter().GetResult();
        return new WrapResult(responseKeyId, algorithm, value);
    }

    /// <summary>Unwraps (decrypts) a key: <c>POST /keys/{name}/{version}/unwrapkey</c>.</summary>
    /// <param name="keyId">The exact key version the key was wrapped with; must be in this client's vault.</param>
    /// <param name="algorithm">The wrap algorithm used, normally <see cref="KeyVaultAlgorithms.RsaOaep256"/>.</param>
    /// <param name="encryptedKey">The wrapped key.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The unwrapped key; the caller should clear it when done.</returns>
    /// <exception cref="ArgumentException">The key id has no version or belongs to another vault.</exception>
    /// <exception cref="RequestFailedException">The service refused (400 <c>BadParameter</c> for a value this key did not wrap, 404 <c>KeyNotFound</c>) or answered malformed data.</exception>
    public virtual async Task<UnwrapResult> UnwrapKeyAsync(KeyVaultKeyIdentifier keyId, string algorithm, ReadOnlyMemory<byte> encryptedKey, CancellationToken cancellationToken = default)
    {
        var (responseKeyId, value) = await KeyOperationAsync(UnwrapOperation, keyId, algorithm, encryptedKey, async: true, cancellationToken).ConfigureAwait(false);
        return new UnwrapResult(responseKeyId, algorithm, value);
    }

    /// <summary>Synchronous form of <see cref="UnwrapKeyAsync"/>, for <c>IKeyEncryptionKey.UnwrapKey</c> callers.</summary>
    /// <inheritdoc cref="UnwrapKeyAsync" />
    public virtual UnwrapResult UnwrapKey(KeyVaultKeyIdentifier keyId, string algorithm, ReadOnlyMemory<byte> encryptedKey, CancellationToken cancellationToken = default)
    {
        var (responseKeyId, value) = KeyOperationAsync(UnwrapOperation, keyId, algorithm, encryptedKey, async: false, cancellationToken).AsTask().GetAwaiter().GetResult();
        return new UnwrapResult(responseKeyId, algorithm, value);
    }

    /// <summary>Signs a digest: <c>POST /keys/{name}/{version}/sign</c>.</summary>
    /// <param name="keyId">The exact key version to sign with; must be in this client's vault.</param>
    /// <param name="algorithm">The signature algorithm, for example <see cref="KeyVaultAlgorithms.Es256"/>.</param>
    /// <param name="digest">The digest to sign (for ES256: the 32-byte SHA-256 of the message).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The signature in the service's form (ES256: raw r‖s, 64 bytes).</returns>
    /// <exception cref="ArgumentException">The key id has no version or belongs to another vault.</exception>
    /// <exception cref="RequestFailedException">The service refused or answered malformed data.</exception>
    public virtual async Task<SignResult> SignAsync(KeyVaultKeyIdentifier keyId, string algorithm, ReadOnlyMemory<byte> digest, CancellationToken cancellationToken = default)
    {
        var (responseKeyId, value) = await KeyOperationAsync(SignOperation, keyId, algorithm, digest, async: true, cancellationToken).ConfigureAwait(false);
        return new SignResult(responseKeyId, algorithm, value);
    }

    // One request shape for wrapkey, unwrapkey and sign: {"alg":"…","value":"<base64url>"} → {"kid":"…","value":"<base64url>"}.
    private async ValueTask<(KeyVaultKeyIdentifier KeyId, byte[] Value)> KeyOperationAsync(
        string operation, KeyVaultKeyIdentifier keyId, string algorithm, ReadOnlyMemory<byte> input, bool async, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keyId);
        ArgumentNullException.ThrowIfNull(algorithm);
        if (!keyId.IsVersioned)
        {
            throw new ArgumentException(KeyVaultErrors.VersionRequired(keyId), nameof(keyId));
        }

        if (!keyId.IsInVault(VaultUri))
        {
            throw new ArgumentException(KeyVaultErrors.ForeignVault(keyId, VaultUri), nameof(keyId));
        }

        if (algorithm.Length is 0 or > 32 || !algorithm.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new ArgumentException(KeyVaultErrors.AlgorithmNotValid(algorithm), nameof(algorithm));
        }

        ArgumentOutOfRangeException.ThrowIfGreaterThan(input.Length, MaxInputLength, nameof(input));

        var body = BuildKeyOperationBody(algorithm, input.Span);
        try
        {
            using var message = CreateMessage(RequestMethod.Post, keyId, operation, RequestContent.Create(body));
            var response = await SendAsync(message, async, cancellationToken).ConfigureAwait(false);
            try
            {
                var (responseKeyId, value) = ReadKeyOperationResult(response, operation);
                if (!responseKeyId.Equals(keyId))
                {
                    Array.Clear(value);
                    throw new RequestFailedException(response.Status, KeyVaultErrors.ResponseKeyIdMismatch(operation, keyId), "MalformedResponse", null);
                }

                return (responseKeyId, value);
            }
            finally
            {
                ClearResponseBuffer(response);
            }
        }
        finally
        {
            // The wrapkey body holds a data key in base64url: clear our copy once the pipeline is done with it.
            Array.Clear(body);
        }
    }

    private static byte[] BuildKeyOperationBody(string algorithm, ReadOnlySpan<byte> input)
    {
        // Written by hand so the exact buffer that holds the key can be cleared afterwards (a JSON writer may reallocate).
        ReadOnlySpan<byte> head = "{\"alg\":\""u8;
        ReadOnlySpan<byte> middle = "\",\"value\":\""u8;
        ReadOnlySpan<byte> tail = "\"}"u8;
        var encoded = JsonWebKeyEncoding.EncodeToUtf8(input);
        try
        {
            var body = new byte[head.Length + algorithm.Length + middle.Length + encoded.Length + tail.Length];
            var span = body.AsSpan();
            head.CopyTo(span);
            span = span[head.Length..];
            span = span[Encoding.ASCII.GetBytes(algorithm, span)..];
            middle.CopyTo(span);
            span = span[middle.Length..];
            encoded.CopyTo(span);
            span = span[encoded.Length..];
            tail.CopyTo(span);
            return body;
        }
        finally
        {
            Array.Clear(encoded);
        }
    }

    private static (KeyVaultKeyIdentifier KeyId, byte[] Value) ReadKeyOperationResult(Response response, string operation)
    {
        // Utf8JsonReader reads the value in place; a JsonDocument string would leave an unclearable copy of a data key.
        var reader = new Utf8JsonReader(response.Content.ToMemory().Span);
        string? kid = null;
        byte[]? value = null;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw MalformedResponse(response, operation, "not a JSON object");
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("kid"u8))
                {
                    reader.Read();
                    kid = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }
                else if (reader.ValueTextEquals("value"u8))
                {
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.String)
                    {
                        throw MalformedResponse(response, operation, "'value' is not a string");
                    }

                    var raw = new byte[reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length];
                    try
                    {
                        var written = reader.CopyString(raw);
                        value = JsonWebKeyEncoding.DecodeTolerant(raw.AsSpan(0, written))
                            ?? throw MalformedResponse(response, operation, "'value' is not base64url");
                    }
                    finally
                    {
                        Array.Clear(raw);
                    }
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
        }
        catch (JsonException exception)
        {
            if (value is not null)
            {
                Array.Clear(value);
            }

            throw MalformedResponse(response, new FormatException(KeyVaultErrors.MalformedResponse(operation, "not JSON"), exception));
        }

        if (kid is null || !KeyVaultKeyIdentifier.TryParse(kid, out var keyId) || value is null)
        {
            if (value is not null)
            {
                Array.Clear(value);
            }

            throw MalformedResponse(response, operation, "'kid' or 'value' is missing");
        }

        return (keyId, value);
    }

    private HttpMessage CreateMessage(RequestMethod method, KeyVaultKeyIdentifier keyId, string? operation, RequestContent? content)
    {
        var message = _pipeline.CreateMessage();
        var request = message.Request;
        request.Method = method;
        var uri = new RequestUriBuilder();
        uri.Reset(VaultUri);
        uri.AppendPath("/keys/", escape: false);
        uri.AppendPath(keyId.Name, escape: true);
        if (keyId.Version is not null)
        {
            uri.AppendPath("/", escape: false);
            uri.AppendPath(keyId.Version, escape: true);
        }

        if (operation is not null)
        {
            uri.AppendPath("/", escape: false);
            uri.AppendPath(operation, escape: false);
        }

        uri.AppendQuery("api-version", KeyVaultKeysClientOptions.ApiVersion, escapeValue: true);
        request.Uri = uri;
        request.Headers.Add(HttpHeader.Common.JsonAccept);
        if (content is not null)
        {
            request.Headers.Add(HttpHeader.Common.JsonContentType);
            request.Content = content;
        }

        return message;
    }

    private async ValueTask<Response> SendAsync(HttpMessage message, bool async, CancellationToken cancellationToken)
    {
        if (async)
        {
            await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            _pipeline.Send(message, cancellationToken);
        }

        var response = message.Response;
        if (response.Status != 200)
        {
            // Azure.Core reads Key Vault's {"error":{"code","message"}} body into ErrorCode.
            throw new RequestFailedException(response);
        }

        return response;
    }

    private static void ClearResponseBuffer(Response response)
    {
        // The buffered response of an unwrap holds the data key in base64url: clear it as soon as it has been read.
        if (response.ContentStream is MemoryStream stream && stream.TryGetBuffer(out var buffer))
        {
            buffer.AsSpan().Clear();
        }
    }

    private static RequestFailedException MalformedResponse(Response response, string operation, string reason) =>
        MalformedResponse(response, new FormatException(KeyVaultErrors.MalformedResponse(operation, reason)));

    private static RequestFailedException MalformedResponse(Response response, FormatException exception) =>
        new(response.Status, exception.Message, "MalformedResponse", exception);
}
