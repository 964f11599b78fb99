using System.Security.Cryptography;
using System.Text.Json;

namespace MedLedger.Clients.KeyVault;

/// <summary>A Key Vault key's public part, as returned by <c>GET /keys/{name}/{version}</c> (a JWK, RFC 7517).</summary>
/// <remarks>Only the public parameters are read: RSA <c>n</c>/<c>e</c>, EC <c>crv</c>/<c>x</c>/<c>y</c>.</remarks>
/// <threadsafety>Immutable; safe for concurrent use.</threadsafety>
public sealed class KeyVaultKey
{
    private readonly byte[]? _modulus;
    private readonly byte[]? _exponent;
    private readonly byte[]? _x;
    private readonly byte[]? _y;

    /// <summary>Creates a key description; the client builds these from service responses.</summary>
    /// <param name="id">The versioned key id.</param>
    /// <param name="keyType">The JWK key type (<c>RSA</c>, <c>RSA-HSM</c>, <c>EC</c>, <c>EC-HSM</c>, …).</param>
    /// <param name="keyOperations">The permitted operations (<c>wrapKey</c>, <c>sign</c>, …).</param>
    /// <param name="enabled">Whether the key version is enabled.</param>
    /// <param name="modulus">RSA modulus <c>n</c>.</param>
    /// <param name="exponent">RSA public exponent <c>e</c>.</param>
    /// <param name="curveName">EC curve name <c>crv</c>.</param>
    /// <param name="x">EC point x coordinate.</param>
    /// <param name="y">EC point y coordinate.</param>
    public KeyVaultKey(
        KeyVaultKeyIdentifier id,
        string keyType,
        IReadOnlyList<string> keyOperations,
        bool enabled,
        byte[]? modulus = null,
        byte[]? exponent = null,
        string? curveName = null,
        byte[]? x = null,
        byte[]? y = null)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(keyType);
        ArgumentNullException.ThrowIfNull(keyOperations);
        Id = id;
        KeyType = keyType;
        KeyOperations = keyOperations;
        Enabled = enabled;
        CurveName = curveName;
        _modulus = modulus;
        _exponent = exponent;
        _x = x;
        _y = y;
    }

    /// <summary>Gets the versioned key id.</summary>
    public KeyVaultKeyIdentifier Id { get; }

    /// <summary>Gets the JWK key type (<c>kty</c>).</summary>
    public string KeyType { get; }

    /// <summary>Gets the permitted operations (<c>key_ops</c>).</summary>
    public IReadOnlyList<string> KeyOperations { get; }

    /// <summary>Gets a value indicating whether the key version is enabled (<c>attributes.enabled</c>).</summary>
    public bool Enabled { get; }

    /// <summary>Gets the EC curve name (<c>crv</c>), or <see langword="null"/> for non-EC keys.</summary>
    public string? CurveName { get; }

    /// <summary>Gets a value indicating whether this is an RSA key (software or HSM).</summary>
    public bool IsRsa => KeyType is "RSA" or "RSA-HSM";

    /// <summary>Gets a value indicating whether this is an elliptic-curve key (software or HSM).</summary>
    public bool IsEllipticCurve => KeyType is "EC" or "EC-HSM";

    /// <summary>Creates an <see cref="RSA"/> object holding this key's public part.</summary>
    /// <exception cref="InvalidOperationException">This is not an RSA key, or its parameters are missing.</exception>
    public RSA CreateRsaPublicKey()
    {
        if (!IsRsa || _modulus is null || _exponent is null)
        {
            throw new InvalidOperationException(KeyVaultErrors.NotAnRsaKey(Id, KeyType));
        }

        return RSA.Create(new RSAParameters { Modulus = _modulus, Exponent = _exponent });
    }

    /// <summary>Creates an <see cref="ECDsa"/> object holding this key's public part (P-256 only).</summary>
    /// <exception cref="InvalidOperationException">This is not a P-256 EC key, or its parameters are missing.</exception>
    public ECDsa CreateECDsaPublicKey()
    {
        if (!IsEllipticCurve || _x is null || _y is null)
        {
            throw new InvalidOperationException(KeyVaultErrors.NotAnEcKey(Id, KeyType));
        }

        if (!string.Equals(CurveName, "P-256", StringComparison.Ordinal) || _x.Length != 32 || _y.Length != 32)
        {
            throw new InvalidOperationException(KeyVaultErrors.UnsupportedCurve(Id, CurveName));
        }

        return ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = _x, Y = _y },
        });
    }

    /// <summary>Reads a KeyBundle JSON document.</summary>
    internal static KeyVaultKey FromKeyBundle(ReadOnlySpan<byte> json)
    {
        const string Operation = "get key";
        try
        {
            using var document = JsonDocument.Parse(json.ToArray());
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("key", out var key) || key.ValueKind != JsonValueKind.Object)
            {
                throw Malformed("no 'key' object");
            }

            var kid = RequiredString(key, "kid");
            if (!KeyVaultKeyIdentifier.TryParse(kid, out var id) || !id.IsVersioned)
            {
                throw Malformed("'kid' is not a versioned key id");
            }

            var keyType = RequiredString(key, "kty");
            var operations = new List<string>();
            if (key.TryGetProperty("key_ops", out var ops) && ops.ValueKind == JsonValueKind.Array)
            {
                foreach (var op in ops.EnumerateArray())
                {
                    operations.Add(op.GetString() ?? throw Malformed("'key_ops' holds a non-string"));
                }
            }

            var enabled = true;
            if (root.TryGetProperty("attributes", out var attributes) && attributes.ValueKind == JsonValueKind.Object
                && attributes.TryGetProperty("enabled", out var enabledElement))
            {
                enabled = enabledElement.ValueKind == JsonValueKind.True;
            }

            return new KeyVaultKey(
                id,
                keyType,
                operations,
                enabled,
                OptionalBytes(key, "n"),
                OptionalBytes(key, "e"),
                key.TryGetProperty("crv", out var crv) ? crv.GetString() : null,
                OptionalBytes(key, "x"),
                OptionalBytes(key, "y"));
        }
        catch (JsonException)
        {
            throw Malformed("not JSON");
        }
        catch (InvalidOperationException)
        {
            throw Malformed("a field has the wrong JSON type");
        }

        static string RequiredString(JsonElement element, string name) =>
            element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()!
                : throw Malformed($"'{name}' is missing");

        static byte[]? OptionalBytes(JsonElement element, string name)
        {
            if (!element.TryGetProperty(name, out var value))
            {
                return null;
            }

            if (value.ValueKind != JsonValueKind.String)
            {
                throw Malformed($"'{name}' is not a string");
            }

            return JsonWebKeyEncoding.DecodeTolerant(System.Text.Encoding.UTF8.GetBytes(value.GetString()!))
                ?? throw Malformed($"'{name}' is not base64url");
        }

        static FormatException Malformed(string reason) => new(KeyVaultErrors.MalformedResponse(Operation, reason));
    }
}
