using System.Security.Cryptography;
using MedLedger.Infrastructure.Keys;
using MedLedger.Testing.Time;

namespace MedLedger.Infrastructure.Tests.Keys;

public sealed class DataKeyCacheTests
{
    private const string KeyId = "local:wrapping-key/00";
    private const string Alg = "RSA-OAEP-256";

    [Fact]
    public void TryGetKey_WithinTimeToLive_ReturnsACopy()
    {
        var clock = new FakeTimeProvider();
        using var cache = new DataKeyCache(new DataKeyCacheOptions { TimeToLive = TimeSpan.FromMinutes(1) }, clock);
        var wrapped = RandomNumberGenerator.GetBytes(256);
        var key = RandomNumberGenerator.GetBytes(32);
        cache.Add(KeyId, Alg, wrapped, key);
        clock.Advance(TimeSpan.FromSeconds(59));

        Assert.True(cache.TryGetKey(KeyId, Alg, wrapped, out var found));
        Assert.Equal(key, found);
        found[0] ^= 1;
        Assert.True(cache.TryGetKey(KeyId, Alg, wrapped, out var again));
        Assert.Equal(key, again);
    }

    [Fact]
    public void TryGetKey_OtherWrappedKeyKeyIdOrAlgorithm_Misses()
    {
        using var cache = new DataKeyCache(timeProvider: new FakeTimeProvider());
        var wrapped = RandomNumberGenerator.GetBytes(256);
        cache.Add(KeyId, Alg, wrapped, new byte[32]);
        var changed = wrapped.ToArray();
        changed[^1] ^= 1;

        Assert.False(cache.TryGetKey(KeyId, Alg, changed, out _));
        Assert.False(cache.TryGetKey("local:wrapping-key/01", Alg, wrapped, out _));
        Assert.False(cache.TryGetKey(KeyId, "RSA-OAEP", wrapped, out _));
    }

    [Fact]
    public void Expiry_SweepTimerRemovesAndZeroesKeys()
    {
        var clock = new FakeTimeProvider();
        using var cache = new DataKeyCache(new DataKeyCacheOptions { TimeToLive = TimeSpan.FromMinutes(1) }, clock);
        var wrapped = RandomNumberGenerator.GetBytes(256);
        cache.Add(KeyId, Alg, wrapped, RandomNumberGenerator.GetBytes(32));
        var stored = StoredKeys(cache).Single();

        clock.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(0, cache.Count);
        Assert.All(stored, b => Assert.Equal(0, b));
        Assert.False(cache.TryGetKey(KeyId, Alg, wrapped, out _));
    }

    [Fact]
    public void TryGetKey_Expired_MissesAndZeroes()
    {
        var clock = new FakeTimeProvider();
        using var cache = new DataKeyCache(new DataKeyCacheOptions { TimeToLive = TimeSpan.FromMinutes(2) }, clock);
        var wrapped = RandomNumberGenerator.GetBytes(256);
        cache.Add(KeyId, Alg, wrapped, RandomNumberGenerator.GetBytes(32));
        var stored = StoredKeys(cache).Single();
        clock.Advance(TimeSpan.FromSeconds(90));
        cache.Add(KeyId, Alg, RandomNumberGenerator.GetBytes(256), new byte[32]);
        clock.Advance(TimeSpan.FromSeconds(30)); // first entry now exactly expired; sweep not yet due for the second

        Assert.False(cache.TryGetKey(KeyId, Alg, wrapped, out _));
        Assert.All(stored, b => Assert.Equal(0, b));
    }

    [Fact]
    public void DisposeAndClear_ZeroEveryKey()
    {
        var cache = new DataKeyCache(timeProvider: new FakeTimeProvider());
        for (var i = 0; i < 5; i++)
        {
            cache.Add(KeyId, Alg, RandomNumberGenerator.GetBytes(256), RandomNumberGenerator.GetBytes(32));
        }

        var stored = StoredKeys(cache);
        cache.Dispose();

        Assert.Equal(0, cache.Count);
        Assert.All(stored, key => Assert.All(key, b => Assert.Equal(0, b)));
    }

    [Fact]
    public void MaxEntries_Full_EvictsAndZeroesTheOldest()
    {
        using var cache = new DataKeyCache(new DataKeyCacheOptions { MaxEntries = 2 }, new FakeTimeProvider());
        var first = RandomNumberGenerator.GetBytes(256);
        var second = RandomNumberGenerator.GetBytes(256);
        var third = RandomNumberGenerator.GetBytes(256);
        cache.Add(KeyId, Alg, first, RandomNumberGenerator.GetBytes(32));
        var firstStored = StoredKeys(cache).Single();
        cache.Add(KeyId, Alg, second, new byte[32]);
        cache.Add(KeyId, Alg, third, new byte[32]);

        Assert.Equal(2, cache.Count);
        Assert.False(cache.TryGetKey(KeyId, Alg, first, out _));
        Assert.All(firstStored, b => Assert.Equal(0, b));
        Assert.True(cache.TryGetKey(KeyId, Alg, second, out _));
        Assert.True(cache.TryGetKey(KeyId, Alg, third, out _));
    }

    [Fact]
    public void Add_SameWrappedKeyTwice_ReplacesAndZeroesTheOldCopy()
    {
        using var cache = new DataKeyCache(timeProvider: new FakeTimeProvider());
        var wrapped = RandomNumberGenerator.GetBytes(256);
        cache.Add(KeyId, Alg, wrapped, RandomNumberGenerator.GetBytes(32));
        var old = StoredKeys(cache).Single();
        var key = RandomNumberGenerator.GetBytes(32);
        cache.Add(KeyId, Alg, wrapped, key);

        Assert.Equal(1, cache.Count);
        Assert.All(old, b => Assert.Equal(0, b));
        Assert.True(cache.TryGetKey(KeyId, Alg, wrapped, out var found));
        Assert.Equal(key, found);
    }

    [Fact]
    public void ZeroTimeToLive_CachesNothing()
    {
        using var cache = new DataKeyCache(new DataKeyCacheOptions { TimeToLive = TimeSpan.Zero }, new FakeTimeProvider());
        var wrapped = RandomNumberGenerator.GetBytes(256);
        cache.Add(KeyId, Alg, wrapped, new byte[32]);

        Assert.False(cache.TryGetKey(KeyId, Alg, wrapped, out _));
    }

    // Reads the cache's own key arrays (by reflection) to prove they are zeroed, not merely dropped.
    private static List<byte[]> StoredKeys(DataKeyCache cache)
    {
        var field = typeof(DataKeyCache).GetField("_entries", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!;
        var entries = (System.Collections.IDictionary)field.GetValue(cache)!;
        return [.. entries.Values.Cast<object>().Select(e => (byte[])e.GetType().GetProperty("Key")!.GetValue(e)!)];
    }
}
