using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace MedLedger.Infrastructure.Keys;

/// <summary>A short-lived, in-memory cache of unwrapped data keys, so re-reading a record does not call Key Vault again.</summary>
/// <remarks>
/// Entries are keyed by SHA-256 over (key id, wrap algorithm, wrapped key): only the exact wrapped key recorded in an
/// envelope finds its data key. Keys live in pinned arrays (the GC never leaves copies behind), are zeroed when they
/// expire (checked on access and by a sweep on the injected <see cref="TimeProvider"/>'s timer), when evicted, on
/// <see cref="Clear"/> and on <see cref="Dispose"/>. Keys are never logged or persisted; callers get copies they must
/// clear. Integrity does not depend on the cache: AES-GCM still authenticates every envelope.
/// </remarks>
/// <threadsafety>Safe for concurrent use.</threadsafety>
public sealed class DataKeyCache : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<CacheKey, Entry> _entries = [];
    // Insertion order equals expiry order (one time to live for all), so the queue's head is always the oldest entry.
    private readonly Queue<(CacheKey Key, Entry Entry)> _order = new();
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _timeToLive;
    private readonly int _maxEntries;
    private readonly ITimer? _sweeper;
    private bool _disposed;

    /// <summary>Creates a cache.</summary>
    /// <param name="options">Time to live and size limit; defaults when null.</param>
    /// <param name="timeProvider">The clock (default: the system clock).</param>
    public DataKeyCache(DataKeyCacheOptions? options = null, TimeProvider? timeProvider = null)
    {
        options ??= new DataKeyCacheOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.TimeToLive, TimeSpan.Zero, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxEntries, nameof(options));
        _timeProvider = timeProvider ?? TimeProvider.System;
        _timeToLive = options.TimeToLive;
        _maxEntries = options.MaxEntries;
        if (_timeToLive > TimeSpan.Zero)
        {
            _sweeper = _timeProvider.CreateTimer(_ => RemoveExpired(), null, _timeToLive, _timeToLive);
        }
    }

    /// <summary>Gets the number of keys currently held (expired ones not yet swept included).</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Adds an unwrapped data key; a copy is kept, so the caller may clear its own buffer.</summary>
    /// <param name="keyId">The key encryption key id recorded with the wrapped key.</param>
    /// <param name="algorithm">The wrap algorithm.</param>
    /// <param name="wrappedKey">The wrapped key as stored.</param>
    /// <param name="key">The unwrapped data key.</param>
    public void Add(string keyId, string algorithm, ReadOnlySpan<byte> wrappedKey, ReadOnlySpan<byte> key)
    {
        ArgumentNullException.ThrowIfNull(keyId);
        ArgumentNullException.ThrowIfNull(algorithm);
        if (_timeToLive == TimeSpan.Zero)
        {
            return;
        }

        var cacheKey = CacheKey.For(keyId, algorithm, wrappedKey);
        var copy = GC.AllocateUninitializedArray<byte>(key.Length, pinned: true);
        key.CopyTo(copy);
        var expires = _timeProvider.GetUtcNow() + _timeToLive;
        lock (_gate)
        {
            if (_disposed)
            {
                CryptographicOperations.ZeroMemory(copy);
                return;
            }

            if (_entries.Remove(cacheKey, out var old))
            {
                CryptographicOperations.ZeroMemory(old.Key);
            }

            RemoveExpiredLocked(_timeProvider.GetUtcNow());
            while (_entries.Count >= _maxEntries && _order.TryDequeue(out var oldest))
            {
                RemoveLocked(oldest.Key, oldest.Entry);
            }

            if (_entries.Count >= _maxEntries)
            {
                CryptographicOperations.ZeroMemory(copy);
                return;
            }

            var entry = new Entry(copy, expires);
            _entries[cacheKey] = entry;
            _order.Enqueue((cacheKey, entry));
        }
    }

    /// <summary>Gets a copy of a cached data key; the caller must clear it when done.</summary>
    /// <returns><see langword="true"/> if an unexpired key was found.</returns>
    public bool TryGetKey(string keyId, string algorithm, ReadOnlySpan<byte> wrappedKey, [NotNullWhen(true)] out byte[]? key)
    {
        ArgumentNullException.ThrowIfNull(keyId);
        ArgumentNullException.ThrowIfNull(algorithm);
        key = null;
        if (_timeToLive == TimeSpan.Zero)
        {
            return false;
        }

        var cacheKey = CacheKey.For(keyId, algorithm, wrappedKey);
        lock (_gate)
        {
            if (!_entries.TryGetValue(cacheKey, out var entry))
            {
                return false;
            }

            if (entry.ExpiresAt <= _timeProvider.GetUtcNow())
            {
                _entries.Remove(cacheKey);
                CryptographicOperations.ZeroMemory(entry.Key);
                return false;
            }

            key = entry.Key.ToArray();
            return true;
        }
    }

    /// <summary>Removes and zeroes every key that has expired.</summary>
    public void RemoveExpired()
    {
        lock (_gate)
        {
            RemoveExpiredLocked(_timeProvider.GetUtcNow());
        }
    }

    /// <summary>Removes and zeroes every key.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            foreach (var entry in _entries.Values)
            {
                CryptographicOperations.ZeroMemory(entry.Key);
            }

            _entries.Clear();
            _order.Clear();
        }
    }

    /// <summary>Zeroes every key and stops the sweep.</summary>
    public void Dispose()
    {
        _sweeper?.Dispose();
        lock (_gate)
        {
            _disposed = true;
        }

        Clear();
    }

    private void RemoveExpiredLocked(DateTimeOffset now)
    {
        while (_order.TryPeek(out var oldest) && oldest.Entry.ExpiresAt <= now)
        {
            _order.Dequeue();
            RemoveLocked(oldest.Key, oldest.Entry);
        }
    }

    private void RemoveLocked(CacheKey cacheKey, Entry entry)
    {
        // The queue may name an entry that was already replaced or removed: only remove that exact entry.
        if (_entries.TryGetValue(cacheKey, out var current) && ReferenceEquals(current, entry))
        {
            _entries.Remove(cacheKey);
        }

        CryptographicOperations.ZeroMemory(entry.Key);
    }

    private sealed record Entry(byte[] Key, DateTimeOffset ExpiresAt);

    private readonly record struct CacheKey(ulong A, ulong B, ulong C, ulong D)
    {
        public static CacheKey For(string keyId, string algorithm, ReadOnlySpan<byte> wrappedKey)
        {
            // Length-prefixed fields, so no two different triples hash the same input.
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            Span<byte> length = stackalloc byte[4];
            foreach (var text in (ReadOnlySpan<string>)[keyId, algorithm])
            {
                var bytes = Encoding.UTF8.GetBytes(text);
                System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
                hash.AppendData(length);
                hash.AppendData(bytes);
            }

            System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(length, wrappedKey.Length);
            hash.AppendData(length);
            hash.AppendData(wrappedKey);
            Span<byte> digest = stackalloc byte[32];
            hash.GetHashAndReset(digest);
            var words = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ulong>(digest);
            return new CacheKey(words[0], words[1], words[2], words[3]);
        }
    }
}
