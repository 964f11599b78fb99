using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;

namespace MedLedger.Ledger.Checkpoints;

/// <summary>A trusted public key for checking checkpoint signatures: ECDSA P-256, signed-note signature type 0x02.</summary>
/// <remarks>
/// <para>The key id is the first four bytes (big-endian) of SHA-256 over the DER SubjectPublicKeyInfo. This is what
/// c2sp.org/signed-note prescribes for type 0x02 ("the truncated SHA-256 hash of the DER encoded public key in SPKI
/// format") and what transparency-dev/formats and Sigstore's Rekor use; unlike Ed25519 keys, the name and type byte are
/// not hashed in.</para>
/// <para>A signature line is checked with this key only when both its key name and its key id match; other lines are
/// ignored, as the specification requires.</para>
/// <para>Keys can be written as a PEM public key (plus a name) or as a note verifier key string
/// <c>name+hhhhhhhh+base64(0x02 ‖ SPKI)</c>, the form Go's note verifiers read.</para>
/// </remarks>
/// <threadsafety>Safe for concurrent use.</threadsafety>
public sealed class CheckpointVerifierKey : IDisposable
{
    /// <summary>The signed-note signature type of ECDSA signatures.</summary>
    public const byte SignatureType = 0x02;

    private const string P256Oid = "1.2.840.10045.3.1.7";

    private readonly ECDsa _key;
    private readonly byte[] _publicKeyInfo;
    private readonly Lock _gate = new();

    private CheckpointVerifierKey(string name, ECDsa key, byte[] publicKeyInfo)
    {
        Name = name;
        _key = key;
        _publicKeyInfo = publicKeyInfo;
        KeyId = ComputeKeyId(publicKeyInfo);
    }

    /// <summary>Gets the key name that signature lines must carry.</summary>
    public string Name { get; }

    /// <summary>Gets the key id that signature lines must carry.</summary>
    public uint KeyId { get; }

    /// <summary>Gets the DER SubjectPublicKeyInfo of the key.</summary>
    public ReadOnlyMemory<byte> PublicKeyInfo => _publicKeyInfo;

    /// <summary>Computes the type-0x02 key id: SHA-256(SubjectPublicKeyInfo)[0..4], big-endian.</summary>
    public static uint ComputeKeyId(ReadOnlySpan<byte> publicKeyInfo)
    {
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(publicKeyInfo, digest);
        return BinaryPrimitives.ReadUInt32BigEndian(digest);
    }

    /// <summary>Creates a key from a DER SubjectPublicKeyInfo.</summary>
    /// <exception cref="ArgumentException">The name is invalid, or the bytes are not a canonical P-256 public key.</exception>
    public static CheckpointVerifierKey FromPublicKeyInfo(string name, ReadOnlySpan<byte> publicKeyInfo) =>
        TryFromPublicKeyInfo(name, publicKeyInfo, out var key, out var error) ? key : throw new ArgumentException(error, nameof(publicKeyInfo));

    /// <summary>Creates a key from a PEM <c>PUBLIC KEY</c> block.</summary>
    /// <exception cref="ArgumentException">The name is invalid, or the PEM does not hold a P-256 public key.</exception>
    public static CheckpointVerifierKey FromPublicKeyPem(string name, string pem) =>
        TryFromPublicKeyPem(name, pem, out var key, out var error) ? key : throw new ArgumentException(error, nameof(pem));

    /// <summary>Creates a key from a PEM <c>PUBLIC KEY</c> block; reports a bad file as a value.</summary>
    public static bool TryFromPublicKeyPem(
        string name, string pem, [NotNullWhen(true)] out CheckpointVerifierKey? key, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(pem);
        key = null;
        if (!PemEncoding.TryFind(pem, out var fields)
            || !pem.AsSpan(fields.Label).SequenceEqual("PUBLIC KEY"))
        {
            error = "The text holds no PEM 'PUBLIC KEY' block.";
            return false;
        }

        var der = new byte[fields.DecodedDataLength];
        if (!Convert.TryFromBase64Chars(pem.AsSpan(fields.Base64Data), der, out var written))
        {
            error = "The PEM block is not valid base64.";
            return false;
        }

        return TryFromPublicKeyInfo(name, der.AsSpan(0, written), out key, out error);
    }

    /// <summary>Creates a key from a DER SubjectPublicKeyInfo; reports bad input as a value.</summary>
    public static bool TryFromPublicKeyInfo(
        string name, ReadOnlySpan<byte> publicKeyInfo, [NotNullWhen(true)] out CheckpointVerifierKey? key, [NotNullWhen(false)] out string? error)
    {
        key = null;
        if (!SignedNote.IsValidKeyName(name))
        {
            error = $"'{name}' is not a valid key name (non-empty, no spaces, no '+').";
            return false;
        }

        var ecdsa = ECDsa.Create();
        try
        {
            ecdsa.ImportSubjectPublicKeyInfo(publicKeyInfo, out var read);
            var parameters = ecdsa.ExportParameters(includePrivateParameters: false);
            var canonical = ecdsa.ExportSubjectPublicKeyInfo();
            if (read != publicKeyInfo.Length || parameters.Curve.Oid?.Value != P256Oid)
            {
                error = "The public key is not an ECDSA P-256 key.";
                ecdsa.Dispose();
                return false;
            }

            // The key id hashes these bytes, so only the one DER form (uncompressed point, named curve) is accepted.
            if (!publicKeyInfo.SequenceEqual(canonical))
            {
                error = "The public key is not in canonical DER SubjectPublicKeyInfo form (named curve, uncompressed point).";
                ecdsa.Dispose();
                return false;
            }

            key = new CheckpointVerifierKey(name, ecdsa, canonical);
            error = null;
            return true;
        }
        catch (CryptographicException exception)
        {
            ecdsa.Dispose();
            error = "The public key cannot be read: " + exception.Message;
            return false;
        }
    }

    /// <summary>Parses a note verifier key string <c>name+hhhhhhhh+base64(0x02 ‖ SPKI)</c>.</summary>
    public static bool TryParse(
        string verifierKey, [NotNullWhen(true)] out CheckpointVerifierKey? key, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(verifierKey);
        key = null;
        var parts = verifierKey.Trim().Split('+', 3);
        if (parts.Length != 3 || parts[1].Length != 8
            || !uint.TryParse(parts[1], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var claimedId))
        {
            error = "A verifier key has the form name+hhhhhhhh+base64.";
            return false;
        }

        byte[] material;
        try
        {
            material = Convert.FromBase64String(parts[2]);
        }
        catch (FormatException)
        {
            error = "The verifier key's key material is not base64.";
            return false;
        }

        if (material.Length < 2 || material[0] != SignatureType)
        {
            error = "The verifier key is not of signature type 0x02 (ECDSA).";
            return false;
        }

        if (!TryFromPublicKeyInfo(parts[0], material.AsSpan(1), out key, out error))
        {
            return false;
        }

        if (key.KeyId != claimedId)
        {
            error = string.Create(CultureInfo.InvariantCulture, $"The verifier key claims id {claimedId:x8} but its public key has id {key.KeyId:x8}.");
            key.Dispose();
            key = null;
            return false;
        }

        return true;
    }

    /// <summary>Checks an ASN.1 DER ECDSA signature over SHA-256(<paramref name="message"/>).</summary>
    /// <returns><see langword="false"/> for a wrong or malformed signature; never throws for bad input.</returns>
    public bool Verify(ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        try
        {
            lock (_gate)
            {
                return _key.VerifyData(message, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
            }
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    /// <summary>Returns the public key as a PEM <c>PUBLIC KEY</c> block.</summary>
    public string ExportPublicKeyPem() => new(PemEncoding.Write("PUBLIC KEY", _publicKeyInfo));

    /// <summary>Returns the note verifier key string <c>name+hhhhhhhh+base64(0x02 ‖ SPKI)</c>.</summary>
    public override string ToString()
    {
        var material = new byte[1 + _publicKeyInfo.Length];
        material[0] = SignatureType;
        _publicKeyInfo.CopyTo(material, 1);
        return string.Create(CultureInfo.InvariantCulture, $"{Name}+{KeyId:x8}+{Convert.ToBase64String(material)}");
    }

    /// <inheritdoc />
    public void Dispose() => _key.Dispose();
}
