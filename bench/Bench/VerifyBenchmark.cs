using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using MedLedger.Ledger.Checkpoints;
using MedLedger.Ledger.Entries;
using MedLedger.Ledger.Hashing;
using MedLedger.Ledger.Merkle;
using MedLedger.Ledger.Verification;

namespace MedLedger.Bench;

/// <summary>
/// Full verification of a large log exported as JSON Lines, against raw SHA-256 over the same bytes, with the memory
/// used at two log sizes (the verifier should use the same memory for both).
/// </summary>
public sealed class VerifyBenchmark : IBenchmark
{
    private const string LogName = "ml/log-0";

    /// <inheritdoc />
    public string Name => "verify";

    /// <inheritdoc />
    public string Description => "Full log verification (1,000,000 × ~300-byte entries) vs raw SHA-256; working set at 100k and 1M";

    /// <inheritdoc />
    public async Task RunAsync(TextWriter output, bool quick, CancellationToken cancellationToken = default)
    {
        var (smallSize, largeSize) = quick ? (2_000, 20_000) : (100_000, 1_000_000);
        var directory = Directory.CreateTempSubdirectory("medledger-bench-");
        try
        {
            using var signer = LocalCheckpointSigner.Generate(LogName);
            using var key = signer.CreateVerifierKey();
            var small = Path.Combine(directory.FullName, "small.jsonl");
            var large = Path.Combine(directory.FullName, "large.jsonl");
            var smallCheckpoint = await GenerateAsync(small, smallSize, signer, cancellationToken);
            var largeCheckpoint = await GenerateAsync(large, largeSize, signer, cancellationToken);
            var bytes = new FileInfo(large).Length;
            output.WriteLine(Invariant($"log: {largeSize:N0} entries, {bytes / 1e6:F1} MB, {(bytes - largeSize) / (double)largeSize:F0} bytes per entry on average"));
            output.WriteLine(Invariant($"machine: {Environment.ProcessorCount} logical cores, {System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture}, 8-lane SHA-256 {(Sha256Lanes.IsAccelerated ? "vectorized" : "not available (platform SHA-256 used)")}"));

            // Warm up the JIT and the page cache on the small file.
            await VerifyFileAsync(small, smallCheckpoint, key, Environment.ProcessorCount, cancellationToken);
            await RawSha256PerEntryAsync(small, cancellationToken);
            output.WriteLine("load average before: " + LoadAverage());

            // Other processes share the machine: interleave the runs and keep each one's best time over the rounds.
            var rounds = quick ? 1 : 3;
            var workers = Environment.ProcessorCount;
            var streamed = TimeSpan.MaxValue;
            var perEntry = TimeSpan.MaxValue;
            VerificationRunFigures? smallRun = null, largeRun = null, singleRun = null;
            var baseline = 0L;
            var afterSmallPeak = 0L;
            var afterLargePeak = 0L;
            for (var round = 0; round < rounds; round++)
            {
                streamed = Min(streamed, RawSha256Streaming(large));
                perEntry = Min(perEntry, await RawSha256PerEntryAsync(large, cancellationToken));
                Collect();
                baseline = Math.Max(baseline, WorkingSet());
                smallRun = Best(smallRun, await VerifyFileAsync(small, smallCheckpoint, key, workers, cancellationToken));
                afterSmallPeak = Math.Max(afterSmallPeak, Process.GetCurrentProcess().PeakWorkingSet64);
                Collect();
                largeRun = Best(largeRun, await VerifyFileAsync(large, largeCheckpoint, key, workers, cancellationToken));
                afterLargePeak = Math.Max(afterLargePeak, Process.GetCurrentProcess().PeakWorkingSet64);
                Collect();
                singleRun = Best(singleRun, await VerifyFileAsync(large, largeCheckpoint, key, 1, cancellationToken));
            }

            var streamedRate = bytes / streamed.TotalSeconds / 1e6;
            var perEntryRate = bytes / perEntry.TotalSeconds / 1e6;
            output.WriteLine(Invariant($"best of {rounds} round(s); load average after: {LoadAverage()}"));
            output.WriteLine(Invariant($"raw SHA-256, 1 thread, whole file in 1 MiB blocks:        {streamedRate,8:F0} MB/s"));
            output.WriteLine(Invariant($"raw SHA-256, 1 thread, one hash per entry (JSONL reader): {perEntryRate,8:F0} MB/s  {largeSize / perEntry.TotalSeconds,12:N0} entries/s"));
            foreach (var (label, run, size) in new[]
            {
                (Invariant($"verify {smallSize:N0}, {workers} hashing threads + 1 committing"), smallRun!, smallSize),
                (Invariant($"verify {largeSize:N0}, {workers} hashing threads + 1 committing"), largeRun!, largeSize),
                (Invariant($"verify {largeSize:N0}, 1 thread (hashing inline)"), singleRun!, largeSize),
            })
            {
                var fileBytes = size == largeSize ? bytes : new FileInfo(small).Length;
                var rate = fileBytes / run.Elapsed.TotalSeconds / 1e6;
                output.WriteLine(Invariant(
                    $"{label,-52} {run.Result.Fault,-5} {size / run.Elapsed.TotalSeconds,12:N0} entries/s {rate,6:F0} MB/s  ratio to raw SHA-256: {rate / streamedRate:F2} (streamed) {rate / perEntryRate:F2} (per entry)"));
            }

            await WriteBreakdownAsync(output, small, cancellationToken);
            output.WriteLine(Invariant($"working set before verifying: {baseline / 1e6:F1} MB"));
            output.WriteLine(Invariant($"working set while verifying {smallSize:N0}: peak {smallRun!.PeakWorkingSet / 1e6:F1} MB (managed heap peak {smallRun.PeakHeap / 1e6:F1} MB); process peak so far {afterSmallPeak / 1e6:F1} MB"));
            output.WriteLine(Invariant($"working set while verifying {largeSize:N0}: peak {largeRun!.PeakWorkingSet / 1e6:F1} MB (managed heap peak {largeRun.PeakHeap / 1e6:F1} MB); process peak so far {afterLargePeak / 1e6:F1} MB"));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static async Task<string> GenerateAsync(string path, int size, LocalCheckpointSigner signer, CancellationToken cancellationToken)
    {
        var tree = new CompactMerkleTree();
        var prev = LedgerHash.Zero;
        var time = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        await using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
        {
            for (var i = 0; i < size; i++)
            {
                var entry = LedgerEntry.Create(LogName, i, time.AddMilliseconds(i * 7), Draft(i), prev);
                file.Write(entry.Bytes.Span);
                file.WriteByte((byte)'\n');
                tree.Append(entry.LeafHash);
                prev = entry.LeafHash;
            }
        }

        return await new Checkpoint(LogName, size, tree.RootHash()).SignAsync(signer, cancellationToken);
    }

    // About 300 bytes: a record read by a pseudonymous clinician, with the record id and the ciphertext's SHA-256.
    private static EntryDraft Draft(int i)
    {
        string[] types = ["record.created", "record.read", "consent.granted", "access.denied"];
        var digest = SHA256.HashData(BitConverter.GetBytes(i));
        var data = JsonSerializer.SerializeToElement(new
        {
            recordId = Invariant($"r-{i / 3:D7}"),
            sha256 = Convert.ToBase64String(digest),
        });
        return new EntryDraft(
            types[i % types.Length],
            Invariant($"org-{i % 97}/u-{i % 1013}"),
            "pt:" + Convert.ToBase64String(digest.AsSpan(8, 12)).Replace('+', '-').Replace('/', '_'),
            Invariant($"e-{i:D8}"),
            data);
    }

    /// <summary>Per-entry costs on one thread, to explain the figures: what parsing, leaf hashing and node hashing cost.</summary>
    private static async Task WriteBreakdownAsync(TextWriter output, string path, CancellationToken cancellationToken)
    {
        var entries = new List<byte[]>();
        await using (var file = new FileStream(path, FileMode.Open, FileAccess.Read))
        {
            await foreach (var line in EntryLines.ReadAsync(file, cancellationToken))
            {
                entries.Add([0x00, .. line.Span]);
            }
        }

        var arena = entries.SelectMany(e => e).ToArray();
        var starts = new int[entries.Count];
        var lengths = new int[entries.Count];
        for (int i = 0, offset = 0; i < entries.Count; offset += entries[i].Length, i++)
        {
            starts[i] = offset;
            lengths[i] = entries[i].Length;
        }

        var digests = new LedgerHash[entries.Count];
        var digest = new byte[32];
        var nodes = new byte[65 * entries.Count];
        var nodeStarts = Enumerable.Range(0, entries.Count).Select(i => i * 65).ToArray();
        var nodeLengths = Enumerable.Repeat(65, entries.Count).ToArray();
        double Time(Action action)
        {
            action();
            var stopwatch = Stopwatch.StartNew();
            action();
            return stopwatch.Elapsed.TotalNanoseconds / entries.Count;
        }

        var scan = Time(() => entries.ForEach(e => LedgerEntryScan(e)));
        var platformLeaf = Time(() => entries.ForEach(e => SHA256.HashData(e, digest)));
        var lanesLeaf = Time(() => Sha256Lanes.Hash(arena, starts, lengths, digests));
        var platformNode = Time(() => { for (var i = 0; i < entries.Count; i++) { SHA256.HashData(nodes.AsSpan(i * 65, 65), digest); } });
        var lanesNode = Time(() => Sha256Lanes.Hash(nodes, nodeStarts, nodeLengths, digests));
        output.WriteLine(Invariant(
            $"per entry, 1 thread: parse+canonical check {scan:F0} ns; leaf hash {platformLeaf:F0} ns platform SHA-256 / {lanesLeaf:F0} ns 8-lane; node hash {platformNode:F0} ns platform / {lanesNode:F0} ns 8-lane"));
    }

    private static bool LedgerEntryScan(byte[] prefixed) => EntryScanner.TryScan(prefixed.AsSpan(1), out _);

    private static TimeSpan RawSha256Streaming(string path)
    {
        var stopwatch = Stopwatch.StartNew();
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 20];
        int read;
        while ((read = file.Read(buffer)) > 0)
        {
            hash.AppendData(buffer.AsSpan(0, read));
        }

        _ = hash.GetHashAndReset();
        return stopwatch.Elapsed;
    }

    private static async Task<TimeSpan> RawSha256PerEntryAsync(string path, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        var digest = new byte[32];
        var folded = 0;
        await foreach (var line in EntryLines.ReadAsync(file, cancellationToken))
        {
            SHA256.HashData(line.Span, digest);
            folded ^= digest[0];
        }

        GC.KeepAlive(folded);
        return stopwatch.Elapsed;
    }

    private static async Task<VerificationRunFigures> VerifyFileAsync(
        string path, string checkpoint, CheckpointVerifierKey key, int threads, CancellationToken cancellationToken)
    {
        var sampler = new MemorySampler();
        var verifier = new LogVerifier([key], new LogVerifierOptions { MaxDegreeOfParallelism = threads });
        var stopwatch = Stopwatch.StartNew();
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        var result = await verifier.VerifyAsync(EntryLines.ReadAsync(file, cancellationToken), [checkpoint], sampler, cancellationToken);
        var elapsed = stopwatch.Elapsed;
        if (!result.IsValid)
        {
            throw new InvalidOperationException("The generated log did not verify: " + result);
        }

        return new VerificationRunFigures(result, elapsed, sampler.PeakWorkingSet, sampler.PeakHeap);
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    // Fastest time; memory peaks are the largest seen in any round.
    private static VerificationRunFigures Best(VerificationRunFigures? best, VerificationRunFigures run) =>
        best is null
            ? run
            : (run.Elapsed < best.Elapsed ? run : best) with
            {
                PeakWorkingSet = Math.Max(best.PeakWorkingSet, run.PeakWorkingSet),
                PeakHeap = Math.Max(best.PeakHeap, run.PeakHeap),
            };

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static long WorkingSet()
    {
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64;
    }

    private static void Collect()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed record VerificationRunFigures(VerificationResult Result, TimeSpan Elapsed, long PeakWorkingSet, long PeakHeap);

    /// <summary>Samples the working set and managed heap each time the verifier reports progress (once per batch).</summary>
    private sealed class MemorySampler : IProgress<long>
    {
        private readonly Process _process = Process.GetCurrentProcess();
        private long _reports;

        public long PeakWorkingSet { get; private set; }

        public long PeakHeap { get; private set; }

        public void Report(long value)
        {
            // Every 16th batch: reading /proc is not free, and the figure changes slowly.
            if (_reports++ % 16 != 0)
            {
                return;
            }

            _process.Refresh();
            PeakWorkingSet = Math.Max(PeakWorkingSet, _process.WorkingSet64);
            PeakHeap = Math.Max(PeakHeap, GC.GetTotalMemory(forceFullCollection: false));
        }
    }
}
