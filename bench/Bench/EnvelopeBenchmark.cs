using System.Diagnostics;
using System.Security.Cryptography;
using MedLedger.Infrastructure.Keys;
using MedLedger.Infrastructure.Records.Envelope;

namespace MedLedger.Bench;

/// <summary>
/// Envelope encryption (AES-256-GCM, fresh data key per record, RSA-OAEP-256 wrap by the local 3072-bit key, data key
/// cache shared by encryptor and decryptor as in production) against raw AES-GCM over the same payloads, in one run.
/// </summary>
/// <remarks>
/// Baseline: one reused <see cref="AesGcm"/> instance and preallocated buffers — crypto only. Envelope "write + read-back":
/// encrypt a record and decrypt it within the cache's time to live (the unwrap is a cache hit). "Cold read": decrypt with
/// an empty cache, so every record pays an RSA-3072 private-key unwrap (what a read after the time to live costs; with
/// Key Vault it is a network round trip instead).
/// </remarks>
public sealed class EnvelopeBenchmark : IBenchmark
{
    private static readonly EnvelopeContext Context = new("log-0", "record-00000001", "pseudonym-0123456789abcdef");

    /// <inheritdoc />
    public string Name => "envelope";

    /// <inheritdoc />
    public string Description => "Envelope encrypt+decrypt MB/s vs raw AES-GCM (local RSA-3072 KEK, data key cache); goal ratio >= 0.8";

    /// <inheritdoc />
    public async Task RunAsync(TextWriter output, bool quick, CancellationToken cancellationToken = default)
    {
        int[] sizes = quick ? [4 * 1024, 64 * 1024] : [4 * 1024, 64 * 1024, 1024 * 1024, 5 * 1024 * 1024];
        // Raw and envelope run in alternating short slices and each ratio is the median of per-round ratios, so load
        // from other processes on the machine hits both sides alike.
        var rounds = quick ? 3 : 15;
        var slice = TimeSpan.FromMilliseconds(quick ? 50 : 150);
        using var kek = LocalRsaKeyEncryptionKey.Generate(3072);
        using var cache = new DataKeyCache(new DataKeyCacheOptions { TimeToLive = TimeSpan.FromMinutes(2) });
        var encryptor = new EnvelopeEncryptor(kek, cache);
        var decryptor = new EnvelopeDecryptor(new KeyEncryptionKeyRing([kek]), cache);
        var coldDecryptor = new EnvelopeDecryptor(new KeyEncryptionKeyRing([kek]));

        await output.WriteLineAsync($"{"payload",9} {"raw AES-GCM MB/s",17} {"envelope MB/s",14} {"ratio",6} {"cold-read MB/s",15} {"cold ratio",10}");
        foreach (var size in sizes)
        {
            var payload = RandomNumberGenerator.GetBytes(size);
            using var raw = new RawAesGcm(payload);
            Func<Task> envelope = async () =>
            {
                var sealedRecord = await encryptor.EncryptAsync(payload, Context, cancellationToken);
                Check(await decryptor.DecryptAsync(sealedRecord, Context, cancellationToken));
            };
            Func<Task> cold = async () =>
            {
                var sealedRecord = await encryptor.EncryptAsync(payload, Context, cancellationToken);
                Check(await coldDecryptor.DecryptAsync(sealedRecord, Context, cancellationToken));
            };
            await WarmUpAsync(raw.RoundTripAsync, envelope, cold);

            var rawRates = new List<double>();
            var envelopeRates = new List<double>();
            var coldRates = new List<double>();
            var ratios = new List<double>();
            var coldRatios = new List<double>();
            for (var round = 0; round < rounds; round++)
            {
                var r = await RateAsync(slice, raw.RoundTripAsync);
                var e = await RateAsync(slice, envelope);
                var c = await RateAsync(slice, cold);
                rawRates.Add(r);
                envelopeRates.Add(e);
                coldRates.Add(c);
                ratios.Add(e / r);
                coldRatios.Add(c / r);
            }

            cache.Clear();
            await output.WriteLineAsync(
                $"{Format(size),9} {Mbps(size, rawRates),17:F1} {Mbps(size, envelopeRates),14:F1} {Median(ratios),6:F2} {Mbps(size, coldRates),15:F1} {Median(coldRatios),10:F2}");
        }

        var wrapped = kek.WrapKey("RSA-OAEP-256", new byte[32], cancellationToken);
        var wraps = await RateAsync(slice * 2, () => kek.WrapKeyAsync("RSA-OAEP-256", new byte[32], cancellationToken));
        var unwraps = await RateAsync(slice * 2, () => kek.UnwrapKeyAsync("RSA-OAEP-256", wrapped, cancellationToken));
        await output.WriteLineAsync($"per record: RSA-3072 OAEP wrap {1e6 / wraps:F0} µs, unwrap {1e6 / unwraps:F0} µs (fixed cost, independent of payload size)");
        await output.WriteLineAsync($"MB/s = payload bytes per second through encrypt+decrypt (median of {rounds} interleaved rounds); ratio = median per-round envelope/raw.");
        await output.WriteLineAsync("envelope = write + read-back within the cache TTL (unwrap is a cache hit); cold read = every decrypt unwraps with RSA-3072.");
    }

    private static async Task WarmUpAsync(params Func<Task>[] operations)
    {
        foreach (var operation in operations)
        {
            for (var i = 0; i < 10; i++)
            {
                await operation();
            }
        }
    }

    private static async Task<double> RateAsync(TimeSpan budget, Func<Task> operation)
    {
        var count = 0L;
        var stopwatch = Stopwatch.StartNew();
        do
        {
            await operation();
            count++;
        }
        while (stopwatch.Elapsed < budget);

        return count / stopwatch.Elapsed.TotalSeconds;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static double Mbps(int size, List<double> rates) => size * Median(rates) / 1e6;

    private static void Check(EnvelopeDecryptionResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Benchmark decryption failed: {result.Failure.Kind}");
        }
    }

    private static string Format(int size) => size >= 1024 * 1024 ? $"{size / (1024 * 1024)} MiB" : $"{size / 1024} KiB";

    /// <summary>The baseline: raw AES-256-GCM encrypt + decrypt with one reused key object and preallocated buffers.</summary>
    private sealed class RawAesGcm(byte[] payload) : IDisposable
    {
        private readonly AesGcm _aes = new(RandomNumberGenerator.GetBytes(32), 16);
        private readonly byte[] _nonce = new byte[12];
        private readonly byte[] _ciphertext = new byte[payload.Length];
        private readonly byte[] _plaintext = new byte[payload.Length];
        private readonly byte[] _tag = new byte[16];
        private readonly byte[] _aad = new byte[64];

        public Task RoundTripAsync()
        {
            RandomNumberGenerator.Fill(_nonce);
            _aes.Encrypt(_nonce, payload, _ciphertext, _tag, _aad);
            _aes.Decrypt(_nonce, _ciphertext, _tag, _plaintext, _aad);
            return Task.CompletedTask;
        }

        public void Dispose() => _aes.Dispose();
    }
}
