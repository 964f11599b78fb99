using Azure.Core.Cryptography;

namespace MedLedger.Infrastructure.Keys;

/// <summary>Resolves key ids to a fixed set of known keys (exact, ordinal match), then to an optional fallback resolver.</summary>
/// <remarks>
/// Typical use: the local development wrapping key (and any retired local keys) plus a
/// <see cref="KeyVaultKeyEncryptionKeyResolver"/>, so records wrapped by either kind of key decrypt in one place.
/// </remarks>
/// <threadsafety>Safe for concurrent use.</threadsafety>
public sealed class KeyEncryptionKeyRing : IKeyEncryptionKeyResolver
{
    private readonly Dictionary<string, IKeyEncryptionKey> _keys;
    private readonly IKeyEncryptionKeyResolver? _fallback;

    /// <summary>Creates a ring of <paramref name="keys"/> with an optional <paramref name="fallback"/>.</summary>
    /// <exception cref="ArgumentException">Two keys share an id.</exception>
    public KeyEncryptionKeyRing(IEnumerable<IKeyEncryptionKey> keys, IKeyEncryptionKeyResolver? fallback = null)
    {
        ArgumentNullException.ThrowIfNull(keys);
        _keys = new Dictionary<string, IKeyEncryptionKey>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            _keys.Add(key.KeyId, key);
        }

        _fallback = fallback;
    }

    /// <inheritdoc />
    /// <exception cref="KeyNotFoundException">Neither the ring nor the fallback knows <paramref name="keyId"/>.</exception>
    public IKeyEncryptionKey Resolve(string keyId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keyId);
        if (_keys.TryGetValue(keyId, out var key))
        {
            return key;
        }

        return _fallback?.Resolve(keyId, cancellationToken) ?? throw new KeyNotFoundException(KeyErrors.UnknownKeyId(keyId));
    }

    /// <inheritdoc />
    /// <exception cref="KeyNotFoundException">Neither the ring nor the fallback knows <paramref name="keyId"/>.</exception>
    public async Task<IKeyEncryptionKey> ResolveAsync(string keyId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keyId);
        if (_keys.TryGetValue(keyId, out var key))
        {
            return key;
        }

        return _fallback is null
            ? throw new KeyNotFoundException(KeyErrors.UnknownKeyId(keyId))
            : await _fallback.ResolveAsync(keyId, cancellationToken).ConfigureAwait(false);
    }
}
