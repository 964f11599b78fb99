using System.Security.Cryptography;

namespace MedLedger.Ledger.Checkpoints;

/// <summary>Signs checkpoints with an ECDSA P-256 key held in memory (development and tests; Key Vault in Azure).</summary>
/// <remarks>Signatures are ASN.1 DER (RFC 3279 §2.2.3) over SHA-256 of the message, as signed-note type 0x02 requires.</remarks>
/// <threadsafety>Safe for concurrent use.</threadsafety>
public sealed class LocalCheckpointSigner : ICheckpointSigner, IDisposable
{
    private const string P256Oid = "1.2.840.10045.3.1.7";

    private readonly ECDsa _key;
    private readonly byte[] _publicKeyInfo;
    private readonly Lock _gate = new();

    /// <summary>Creates a signer that takes ownership of <paramref name="key"/> (a P-256 private key) and disposes it.</summary>
    /// <param name="keyName">The key name for signature lines; by convention the log's origin.</param>
    /// <param name="key">The private key. When the constructor throws, the caller still owns it.</param>
    /// <exception cref="ArgumentException">The key name is empty or holds spaces or '+', or the key is not a P-256 private key.</exception>
    public LocalCheckpointSigner(string keyName, ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!SignedNote.IsValidKeyName(keyName))
        {
            throw new ArgumentException($"'{keyName}' is not a valid key name (non-empty, no spaces, no '+').", nameof(keyName));
        }

        if (!IsP256PrivateKey(key))
        {
            throw new ArgumentException("The key is not an ECDSA P-256 private key.", nameof(key));
        }

        KeyName = keyName;
        _key = key;
        _publicKeyInfo = key.ExportSubjectPublicKeyInfo();
        KeyId = CheckpointVerifierKey.ComputeKeyId(_publicKeyInfo);
    }

    /// <inheritdoc />
    public string KeyName { get; }

    /// <inheritdoc />
    public ReadOnlyMemory<byte> PublicKeyInfo => _publicKeyInfo;

    /// <summary>Gets the signed-note key id of the key.</summary>
    public uint KeyId { get; }

    /// <summary>Creates a signer with a new random P-256 key.</summary>
    /// <param name="keyName">The key name for signature lines; by convention the log's origin.</param>
    /// <exception cref="ArgumentException">The key name is empty or holds spaces or '+'.</exception>
    public static LocalCheckpointSigner Generate(string keyName) => Own(keyName, ECDsa.Create(ECCurve.NamedCurves.nistP256));

    /// <summary>Creates a signer from a PEM private key (<c>PRIVATE KEY</c> PKCS#8 or <c>EC PRIVATE KEY</c>).</summary>
    /// <exception cref="ArgumentException">The PEM holds no unencrypted private key, the key is not P-256, or the key name is invalid.</exception>
    public static LocalCheckpointSigner FromPrivateKeyPem(string keyName, string privateKeyPem)
    {
        ArgumentNullException.ThrowIfNull(privateKeyPem);
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(privateKeyPem);
        }
        catch (Exception exception) when (exception is CryptographicException or ArgumentException)
        {
            key.Dispose();
            throw new ArgumentException("The PEM holds no usable EC private key: " + exception.Message, nameof(privateKeyPem), exception);
        }

        return Own(keyName, key);
    }

    /// <summary>Returns the private key as an unencrypted PKCS#8 PEM block; keep it out of source control.</summary>
    public string ExportPrivateKeyPem() => _key.ExportPkcs8PrivateKeyPem();

    /// <summary>Returns the public key as a PEM <c>PUBLIC KEY</c> block.</summary>
    public string ExportPublicKeyPem() => new(PemEncoding.Write("PUBLIC KEY", _publicKeyInfo));

    /// <summary>Creates the verifier key that checks this signer's signatures.</summary>
    public CheckpointVerifierKey CreateVerifierKey() => CheckpointVerifierKey.FromPublicKeyInfo(KeyName, _publicKeyInfo);

    /// <inheritdoc />
    public Task<byte[]> SignAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();

        // An ECDsa instance is not documented as safe for concurrent use.
        lock (_gate)
        {
            return Task.FromResult(_key.SignData(message.Span, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
        }
    }

    /// <inheritdoc />
    public void Dispose() => _key.Dispose();

    private static LocalCheckpointSigner Own(string keyName, ECDsa key)
    {
        try
        {
            return new LocalCheckpointSigner(keyName, key);
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    private static bool IsP256PrivateKey(ECDsa key)
    {
        try
        {
            // Some platforms report only the curve's friendly name, so either identifies P-256.
            var curve = key.ExportParameters(includePrivateParameters: false).Curve;
            var isP256 = key.KeySize == 256 && curve.IsNamed
                && (curve.Oid.Value == P256Oid || curve.Oid.FriendlyName == ECCurve.NamedCurves.nistP256.Oid.FriendlyName);
            return isP256 && HasPrivateKey(key);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    private static bool HasPrivateKey(ECDsa key)
    {
        var parameters = key.ExportParameters(includePrivateParameters: true);
        try
        {
            return parameters.D is { Length: > 0 };
        }
        finally
        {
            CryptographicOperations.ZeroMemory(parameters.D);
        }
    }
}
