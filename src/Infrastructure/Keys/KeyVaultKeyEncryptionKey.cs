using Azure;
using Azure.Core.Cryptography;
using MedLedger.Clients.KeyVault;

namespace MedLedger.Infrastructure.Keys;

/// <summary>A key encryption key held in Azure Key Vault: wraps and unwraps data keys with RSA-OAEP-256 over REST.</summary>
/// <remarks>
/// <see cref="KeyId"/> is the versioned Key Vault key id; envelopes record it and unwrap with exactly that version, so
/// rotating the vault key (a new version) never strands old records. Implements Azure.Core's
/// <see cref="IKeyEncryptionKey"/>, so the official <c>CryptographyClient</c> can replace it without changing callers.
/// </remarks>
/// <threadsafety>Safe for concurrent use.</threadsafety>
public sealed class KeyVaultKeyEncryptionKey : IKeyEncryptionKey
{
    private readonly KeyVaultKeysClient _client;
    private readonly KeyVaultKeyIdentifier _keyId;

    /// <summary>Creates a key encryption key for one exact key version.</summary>
    /// <param name="client">The client of the vault that holds the key.</param>
    /// <param name="keyId">The versioned key id; must belong to <paramref name="client"/>'s vault.</param>
    /// <exception cref="ArgumentException"><paramref name="keyId"/> has no version or is in another vault.</exception>
    public KeyVaultKeyEncryptionKey(KeyVaultKeysClient client, KeyVaultKeyIdentifier keyId)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(keyId);
        if (!keyId.IsVersioned)
        {
            throw new ArgumentException(KeyErrors.VersionRequired(keyId), nameof(keyId));
        }

        if (!keyId.IsInVault(client.VaultUri))
        {
            throw new ArgumentException(KeyErrors.UnknownKeyId(keyId.ToString()), nameof(keyId));
        }

        _client = client;
        _keyId = keyId;
    }

    /// <summary>Gets the versioned Key Vault key id; store it with every wrapped key.</summary>
    public string KeyId => _keyId.ToString();

    /// <summary>Looks up a key (the latest version unless <paramref name="version"/> is given) and checks it can wrap.</summary>
    /// <param name="client">The vault's client.</param>
    /// <param name="keyName">The Key Vault key name.</param>
    /// <param name="version">A version, or <see langword="null"/> for the latest.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="InvalidOperationException">The key is not an enabled RSA key permitted to wrap and unwrap.</exception>
    /// <exception cref="RequestFailedException">Key Vault refused (for example 404 <c>KeyNotFound</c>).</exception>
    public static async Task<KeyVaultKeyEncryptionKey> CreateAsync(
        KeyVaultKeysClient client, string keyName, string? version = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var key = await client.GetKeyAsync(keyName, version, cancellationToken).ConfigureAwait(false);
        if (!key.IsRsa || !key.Enabled || !key.KeyOperations.Contains("wrapKey") || !key.KeyOperations.Contains("unwrapKey"))
        {
            throw new InvalidOperationException(KeyErrors.NotAWrappingKey(key.Id));
        }

        return new KeyVaultKeyEncryptionKey(client, key.Id);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="algorithm"/> is not RSA-OAEP-256.</exception>
    /// <exception cref="RequestFailedException">Key Vault refused.</exception>
    public async Task<byte[]> WrapKeyAsync(string algorithm, ReadOnlyMemory<byte> key, CancellationToken cancellationToken = default)
    {
        CheckAlgorithm(algorithm);
        var result = await _client.WrapKeyAsync(_keyId, algorithm, key, cancellationToken).ConfigureAwait(false);
        return result.EncryptedKey;
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="algorithm"/> is not RSA-OAEP-256.</exception>
    /// <exception cref="RequestFailedException">Key Vault refused: 400 <c>BadParameter</c> when this key did not wrap the value, 404 <c>KeyNotFound</c> when the version is gone.</exception>
    public async Task<byte[]> UnwrapKeyAsync(string algorithm, ReadOnlyMemory<byte> encryptedKey, CancellationToken cancellationToken = default)
    {
        CheckAlgorithm(algorithm);
        var result = await _client.UnwrapKeyAsync(_keyId, algorithm, encryptedKey, cancellationToken).ConfigureAwait(false);
        return result.Key;
    }

    /// <inheritdoc />
    public byte[] WrapKey(string algorithm, ReadOnlyMemory<byte> key, CancellationToken cancellationToken = default)
    {
        CheckAlgorithm(algorithm);
        return _client.WrapKey(_keyId, algorithm, key, cancellationToken).EncryptedKey;
    }

    /// <inheritdoc />
    public byte[] UnwrapKey(string algorithm, ReadOnlyMemory<byte> encryptedKey, CancellationToken cancellationToken = default)
    {
        CheckAlgorithm(algorithm);
        return _client.UnwrapKey(_keyId, algorithm, encryptedKey, cancellationToken).Key;
    }

    private static void CheckAlgorithm(string algorithm)
    {
        if (!string.Equals(algorithm, KeyVaultAlgorithms.RsaOaep256, StringComparison.Ordinal))
        {
            throw new ArgumentException(KeyErrors.UnsupportedWrapAlgorithm(algorithm), nameof(algorithm));
        }
    }
}
