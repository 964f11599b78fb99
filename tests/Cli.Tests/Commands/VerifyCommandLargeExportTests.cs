using MedLedger.Cli.Tests.Support;

namespace MedLedger.Cli.Tests.Commands;

[CollectionDefinition(nameof(MemoryMeasurement), DisableParallelization = true)]
public sealed class MemoryMeasurement;

/// <summary>Runs alone: it measures the process's managed heap, which other tests running in parallel would disturb.</summary>
[Collection(nameof(MemoryMeasurement))]
public sealed class VerifyCommandLargeExportTests : IDisposable
{
    private const int Entries = 200_000;
    private WeakReference? _generatorStore;
    private const long LiveHeapBound = 32L * 1024 * 1024;
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "medledger-cli-large-" + Guid.NewGuid().ToString("N")[..12]);

    [Fact]
    public async Task Verify_200kEntryExport_StreamsWithALiveHeapFarSmallerThanTheFile()
    {
        Directory.CreateDirectory(_directory);
        var (export, checkpoint, key) = WriteLargeExport();
        var fileBytes = new FileInfo(export).Length;
        Assert.True(await GeneratorCollectedAsync(), "The generator's in-memory log must be collected before measuring.");
        var baseline = GC.GetTotalMemory(forceFullCollection: true);

        using var sampling = new CancellationTokenSource();
        var peak = Task.Run(() => SamplePeakLiveHeap(sampling.Token), TestContext.Current.CancellationToken);
        var run = await Medledger.RunAsync("verify", "--file", export, "--checkpoint", checkpoint, "--key", key);
        await sampling.CancelAsync();
        var growth = await peak - baseline;

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"export {fileBytes / 1048576.0:N1} MiB, {Entries:N0} entries; live heap growth during verification {growth / 1048576.0:N1} MiB (baseline {baseline / 1048576.0:N1} MiB)");
        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith($"valid: {Entries} entries verified", run.FirstLine, StringComparison.Ordinal);
        Assert.True(fileBytes > 2 * LiveHeapBound, $"The export ({fileBytes} bytes) must dwarf the bound for the measurement to mean anything.");
        Assert.True(growth < LiveHeapBound, $"The live heap grew by {growth / 1048576.0:N1} MiB while verifying a {fileBytes / 1048576.0:N1} MiB export.");
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static long SamplePeakLiveHeap(CancellationToken stop)
    {
        // Forced collections measure what is alive, not garbage awaiting collection.
        var peak = 0L;
        while (!stop.IsCancellationRequested)
        {
            peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true));
            stop.WaitHandle.WaitOne(20);
        }

        return Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true));
    }

    // A pool thread that ran the generator's last continuation can hold it for a moment after the task completes.
    private async Task<bool> GeneratorCollectedAsync()
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            ForceFullCollection();
            if (!_generatorStore!.IsAlive)
            {
                return true;
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        return false;
    }

    private static void ForceFullCollection()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
    }

    // Completed async methods awaited by a test stay reachable until the test ends (their hoisted locals with them, at
    // least in debug builds), which would keep the generator's 120 MiB in-memory log alive during the measurement.
    // Waiting for the generator on a pool thread from a plain method leaves nothing of it reachable.
    private (string Export, string Checkpoint, string Key) WriteLargeExport() =>
        Task.Run(WriteLargeExportAsync, TestContext.Current.CancellationToken).GetAwaiter().GetResult();

    private async Task<(string Export, string Checkpoint, string Key)> WriteLargeExportAsync()
    {
        using var ledger = await TestLedger.CreateAsync(Entries);
        _generatorStore = new WeakReference(ledger.Store);
        var export = Path.Combine(_directory, "export.jsonl");
        var checkpoint = Path.Combine(_directory, "checkpoint.note");
        var key = Path.Combine(_directory, "log.pub.pem");
        File.Move(await ledger.ExportAsync(), export);
        File.Move(await ledger.WriteCheckpointAsync(Entries), checkpoint);
        File.Copy(ledger.PublicKeyPath, key);
        return (export, checkpoint, key);
    }
}
