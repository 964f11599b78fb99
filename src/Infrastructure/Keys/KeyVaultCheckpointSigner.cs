using System.Security.Cryptography;
using Azure;
using MedLedger.Clients.KeyVault;
using MedLedger.Ledger.Checkpoints;

namespace MedLedger.Infrastructure.Keys;

/// <summary>Signs checkpoints with an EC P-256 key in Key Vault (ES256), returning ASN.1 DER signatures.</summary>
/// <remarks>
/// Computes SHA-256 of the message locally, asks Key Vault to sign the digest, converts the raw r‖s answer to DER
/// (<see cref="EcdsaSignatureEncoding"/>), and verifies it under the key's public part before returning, so a wrong key
/// version or a corrupted answer can never end up in a published checkpoint.
/// </remarks>
/// <threadsafety>Safe for concurrent use.</threadsafety>
public sealed class KeyVaultCheckpointSigner : ICheckpointSigner
{
    private readonly KeyVaultKeysClient _client;
    private readonly KeyVaultKeyIdentifier _keyId;
    private readonly byte[] _publicKeyInfo;

    private KeyVaultCheckpointSigner(KeyVaultKeysClient client, KeyVaultKeyIdentifier keyId, string keyName, byte[] publicKeyInfo)
    {
        _client = client;
        _keyId = keyId;
        KeyName = keyName;
        _publicKeyInfo = publicKeyInfo;
    }

    /// <inheritdoc />
    public string KeyName { get; }

    /// <summary>Gets the versioned Key Vault key id that signs.</summary>
    public string KeyId => _keyId.ToString();

    /// <inheritdoc />
    public ReadOnlyMemory<byte> PublicKeyInfo => _publicKeyInfo;

    /// <summary>Looks up the signing key (latest version unless <paramref name="version"/> is given) and builds its public key info.</summary>
    /// <param name="client">The vault's client.</param>
    /// <param name="keyName">The signed-note key name (for example the log origin).</param>
    /// <param name="vaultKeyName">The Key Vault key name.</param>
    /// <param name="version">A version, or <see langword="null"/> for the latest.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="InvalidOperationException">The key is not an enabled EC P-256 key permitted to sign.</exception>
    /// <exception cref="RequestFailedException">Key Vault refused (for example 404 <c>KeyNotFound</c>).</exception>
    public static async Task<KeyVaultCheckpointSigner> CreateAsync(
        KeyVaultKeysClient client, string keyName, string vaultKeyName, string? version = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrWhiteSpace(keyName);
        var key = await client.GetKeyAsync(vaultKeyName, version, cancellationToken).ConfigureAwait(false);
        if (!key.IsEllipticCurve || !key.Enabled || !key.KeyOperations.Contains("sign")
            || !string.Equals(key.CurveName, "P-256", StringComparison.Ordinal))
        {
            throw new InvalidOperationException(KeyErrors.NotASigningKey(key.Id));
        }

        // DER SubjectPublicKeyInfo (RFC 5480 §2) from the JWK's x and y; the signed-note key id is derived from it.
        using var publicKey = key.CreateECDsaPublicKey();
        return new KeyVaultCheckpointSigner(client, key.Id, keyName, publicKey.ExportSubjectPublicKeyInfo());
    }

    /// <inheritdoc />
    /// <exception cref="RequestFailedException">Key Vault refused, or answered a signature that is malformed or does not verify.</exception>
    public async Task<byte[]> SignAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken = default)
    {
        var digest = SHA256.HashData(message.Span);
        var result = await _client.SignAsync(_keyId, KeyVaultAlgorithms.Es256, digest, cancellationToken).ConfigureAwait(false);
        if (result.Signature.Length != 64)
        {
            throw new RequestFailedException(200, KeyErrors.SignatureNotRaw(result.Signature.Length), "MalformedResponse", null);
        }

        var der = EcdsaSignatureEncoding.RawToDer(result.Signature);
        using var verifier = ECDsa.Create();
        verifier.ImportSubjectPublicKeyInfo(_publicKeyInfo, out _);
        if (!verifier.VerifyHash(digest, der, DSASignatureFormat.Rfc3279DerSequence))
        {
            throw new RequestFailedException(200, KeyErrors.SignatureDoesNotVerify, "MalformedResponse", null);
        }

        return der;
    }
}
