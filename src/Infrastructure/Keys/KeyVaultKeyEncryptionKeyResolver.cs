using Azure.Core.Cryptography;
using MedLedger.Clients.KeyVault;

namespace MedLedger.Infrastructure.Keys;

/// <summary>Maps a recorded Key Vault key id (with version) to a <see cref="KeyVaultKeyEncryptionKey"/> for exactly that version.</summary>
/// <remarks>
/// Only versioned ids in the client's own vault resolve: an id read from stored data can never direct a bearer token to
/// another host. Resolution does no I/O; a missing version surfaces when unwrapping (404 <c>KeyNotFound</c>).
/// </remarks>
/// <threadsafety>Safe for concurrent use.</threadsafety>
public sealed class KeyVaultKeyEncryptionKeyResolver : IKeyEncryptionKeyResolver
{
    private readonly KeyVaultKeysClient _client;

    /// <summary>Creates a resolver for keys in <paramref name="client"/>'s vault.</summary>
    public KeyVaultKeyEncryptionKeyResolver(KeyVaultKeysClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
    }

    /// <inheritdoc />
    /// <exception cref="KeyNotFoundException"><paramref name="keyId"/> is not a versioned key id of this vault.</exception>
    public IKeyEncryptionKey Resolve(string keyId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keyId);
        if (!KeyVaultKeyIdentifier.TryParse(keyId, out var identifier) || !identifier.IsVersioned || !identifier.IsInVault(_client.VaultUri))
        {
            throw new KeyNotFoundException(KeyErrors.UnknownKeyId(keyId));
        }

        return new KeyVaultKeyEncryptionKey(_client, identifier);
    }

    /// <inheritdoc />
    /// <exception cref="KeyNotFoundException"><paramref name="keyId"/> is not a versioned key id of this vault.</exception>
    public Task<IKeyEncryptionKey> ResolveAsync(string keyId, CancellationToken cancellationToken = default) =>
        Task.FromResult(Resolve(keyId, cancellationToken));
}
