using System.Security.Cryptography;

namespace MedLedger.Ledger.Checkpoints;

/// <summary>Signs checkpoints with an ECDSA P-256 key held in memory (development and tests; Key Vault in Azure).</summary>
/// <threadsafety>Safe for concurrent use.</threadsafety>
public sealed class LocalCheckpointSigner : ICheckpointSigner, IDisposable
{
    private readonly ECDsa _key;
    private readonly byte[] _publicKeyInfo;
    private readonly Lock _gate = new();

    private LocalCheckpointSigner(string keyName, ECDsa key)
    {
        if (!SignedNote.IsValidKeyName(keyName))
        {
            key.Dispose();
            throw new ArgumentException($"'{keyName}' is not a valid key name (non-empty, no spaces, no '+').", nameof(keyName));
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
    public static LocalCheckpointSigner Generate(string keyName) =>
        new(keyName, ECDsa.Create(ECCurve.NamedCurves.nistP256));

    /// <summary>Creates a signer from a PEM private key (<c>PRIVATE KEY</c> PKCS#8 or <c>EC PRIVATE KEY</c>).</summary>
    /// <exception cref="ArgumentException">The PEM holds no unencrypted private key, or the key is not P-256.</exception>
    public static LocalCheckpointSigner FromPrivateKeyPem(string keyName, string privateKeyPem)
    {
        ArgumentNullException.ThrowIfNull(privateKeyPem);
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(privateKeyPem);
            var parameters = key.ExportParameters(includePrivateParameters: true);
            if (parameters.Curve.Oid?.Value != "1.2.840.10045.3.1.7")
            {
                throw new ArgumentException("The private key is not an ECDSA P-256 key.", nameof(privateKeyPem));
            }
        }
        catch (CryptographicException exception)
        {
            key.Dispose();
            throw new ArgumentException("The PEM holds no usable EC private key: " + exception.Message, nameof(privateKeyPem), exception);
        }
        catch (ArgumentException)
        {
            key.Dispose();
            throw;
        }

        return new LocalCheckpointSigner(keyName, key);
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
        lock (_gate)
        {
            return Task.FromResult(_key.SignData(message.Span, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
        }
    }

    /// <inheritdoc />
    public void Dispose() => _key.Dispose();
}
