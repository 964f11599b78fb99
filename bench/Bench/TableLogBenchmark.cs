using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using MedLedger.Clients.Storage;
using MedLedger.Clients.Tables;
using MedLedger.Infrastructure.Ledger;
using MedLedger.Ledger.Appending;
using MedLedger.Testing.Azurite;
using MedLedger.Testing.Ledger;

namespace MedLedger.Bench;

/// <summary>The Table-backed log against Azurite, compared in one run with raw single-entity inserts: appends with one
/// transaction each, and group commit under 8, 32 and 128 concurrent callers.</summary>
/// <remarks>
/// Goals (issue 3): group commit ≥ 5× the raw single-insert entity rate, single appends ≥ 0.5× it. A log append
/// writes about five rows (entry, event id, subject and record index, tile) plus the head in one transaction, so the
/// comparison is one logged event against one bare entity.
/// </remarks>
public sealed class TableLogBenchmark : IBenchmark
{
    private int _azuriteProcessId;

    /// <inheritdoc />
    public string Name => "table-log";

    /// <inheritdoc />
    public string Description => "Table-backed log appends/s (single, group commit at 8/32/128 callers, 8 stores) vs raw Table inserts/s, Azurite";

    /// <inheritdoc />
    public async Task RunAsync(TextWriter output, bool quick, CancellationToken cancellationToken = default)
    {
        var rawCount = quick ? 200 : 2000;
        var singleCount = quick ? 100 : 600;
        var groupCount = quick ? 400 : 4000;
        await using var azurite = await AzuriteInstance.StartAsync(cancellationToken: cancellationToken);
        _azuriteProcessId = azurite.ProcessId;
        var account = new StorageAccount(azurite.Connection, azurite.CreateOptions());
        var table = account.GetTableClient("benchlog" + Guid.NewGuid().ToString("N")[..8]);
        await table.CreateIfNotExistsAsync(cancellationToken);

        // Warm-up: JIT, connection pool, Azurite's first writes.
        await RawInsertsAsync(table, "warmup", 1, 100, cancellationToken);
        await AppendAsync(account, table.Name, "warmup-log", 1, 200, cancellationToken);

        output.WriteLine($"Azurite {azurite.TableEndpoint} (in-memory); {Environment.ProcessorCount} cores shared with other work: figures are indicative.");
        output.WriteLine("cpu/op: CPU milliseconds per operation, this process + Azurite's node process (less sensitive to other load than rates).");
        output.WriteLine("entries/tx: entries per committed transaction (group commit at work); conflicts: transactions refused (other appenders).");
        output.WriteLine($"{"workload",-44} {"ops",6} {"per s",9} {"p50 ms",8} {"p99 ms",8} {"vs raw 1",9} {"cpu/op",16} {"entries/tx",10} {"conflicts",9}");

        var raw1 = await RawInsertsAsync(table, "raw1", 1, rawCount, cancellationToken);
        Print(output, "raw insert, 1 inserter", raw1, raw1.Rate);
        foreach (var inserters in new[] { 8, 32 })
        {
            Print(output, $"raw insert, {inserters} concurrent inserters", await RawInsertsAsync(table, $"raw{inserters}", inserters, rawCount, cancellationToken), raw1.Rate);
        }

        var single = await AppendAsync(account, table.Name, "single-" + Guid.NewGuid().ToString("N")[..8], 1, singleCount, cancellationToken);
        Print(output, "log append, 1 caller (1 append/transaction)", single, raw1.Rate);
        var group = new Dictionary<int, Measurement>();
        foreach (var callers in new[] { 8, 32, 128 })
        {
            group[callers] = await AppendAsync(account, table.Name, $"group{callers}-" + Guid.NewGuid().ToString("N")[..8], callers, groupCount, cancellationToken);
            Print(output, $"log append, group commit, {callers} callers", group[callers], raw1.Rate);
        }

        var stores = await AppendWithSeparateStoresAsync(azurite, table.Name, 8, 16, groupCount, cancellationToken);
        Print(output, "log append, 8 stores x 16 callers (one log)", stores, raw1.Rate);

        output.WriteLine();
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"single appends / raw single insert = {single.Rate / raw1.Rate:F2} (goal >= 0.5)"));
        foreach (var (callers, measurement) in group)
        {
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"group commit at {callers,3} callers / raw single insert = {measurement.Rate / raw1.Rate:F2} (goal >= 5)"));
        }
    }

    private static void Print(TextWriter output, string workload, Measurement m, double rawRate) =>
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{workload,-44} {m.Count,6} {m.Rate,9:F0} {m.P50,8:F2} {m.P99,8:F2} {m.Rate / rawRate,9:F2} {m.ClientCpu,7:F3} + {m.ServerCpu,6:F3} {m.Transactions,20}"));

    private async Task<Measurement> RawInsertsAsync(TableClient table, string partition, int inserters, int count, CancellationToken cancellationToken)
    {
        return await MeasureAsync(inserters, count, i => table.AddEntityAsync(Entity(partition, i), cancellationToken), cancellationToken);

        static TableEntity Entity(string partition, int index) => new(partition, index.ToString("D10", CultureInfo.InvariantCulture))
        {
            ["Index"] = (long)index,
            ["Hash"] = RandomNumberGenerator.GetBytes(32),
            ["EventId"] = Guid.NewGuid().ToString(),
        };
    }

    private async Task<Measurement> AppendAsync(StorageAccount account, string tableName, string logName, int callers, int count, CancellationToken cancellationToken)
    {
        var store = new CountingLogStore(TableLogStore.Open(account, logName, tableName: tableName));
        var appender = new LogAppender(store, TimeProvider.System);
        var measurement = await MeasureAsync(callers, count, i => appender.AppendAsync(TestDrafts.Create(i), cancellationToken), cancellationToken);
        return measurement with { Stores = [store] };
    }

    private async Task<Measurement> AppendWithSeparateStoresAsync(
        AzuriteInstance azurite, string tableName, int stores, int callersPerStore, int count, CancellationToken cancellationToken)
    {
        var logName = "stores-" + Guid.NewGuid().ToString("N")[..8];
        var counted = Enumerable.Range(0, stores)
            .Select(_ => new CountingLogStore(TableLogStore.Open(new StorageAccount(azurite.Connection, azurite.CreateOptions()), logName, tableName: tableName)))
            .ToArray();
        var appenders = counted.Select(store => new LogAppender(store, TimeProvider.System)).ToArray();
        var measurement = await MeasureAsync(stores * callersPerStore, count, i => appenders[i % stores].AppendAsync(TestDrafts.Create(i), cancellationToken), cancellationToken);
        return measurement with { Stores = counted };
    }

    /// <summary>Runs <paramref name="count"/> operations on <paramref name="workers"/> concurrent workers, each taking the next number.</summary>
    private async Task<Measurement> MeasureAsync(int workers, int count, Func<int, Task> operation, CancellationToken cancellationToken)
    {
        using var self = Process.GetCurrentProcess();
        var clientCpu = self.TotalProcessorTime;
        var serverCpu = AzuriteCpu();
        var latencies = new double[count];
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(
            async () =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < count)
                {
                    var started = Stopwatch.GetTimestamp();
                    await operation(i);
                    latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                }
            },
            cancellationToken)));
        clock.Stop();
        self.Refresh();
        Array.Sort(latencies);
        return new Measurement(
            count,
            count / clock.Elapsed.TotalSeconds,
            latencies[count / 2],
            latencies[Math.Min(count - 1, (int)(count * 0.99))],
            (self.TotalProcessorTime - clientCpu).TotalMilliseconds / count,
            (AzuriteCpu() - serverCpu).TotalMilliseconds / count);
    }

    /// <summary>The CPU time of Azurite: its watchdog process and the server it starts.</summary>
    private TimeSpan AzuriteCpu() => ProcessTreeCpu.Of(_azuriteProcessId);

    private sealed record Measurement(int Count, double Rate, double P50, double P99, double ClientCpu, double ServerCpu)
    {
        /// <summary>Gets the stores the appends went through (none for raw inserts).</summary>
        public IReadOnlyList<CountingLogStore> Stores { get; init; } = [];

        public string Transactions => Stores.Count == 0
            ? string.Empty
            : string.Create(
                CultureInfo.InvariantCulture,
                $"{(double)Stores.Sum(s => s.Entries) / Math.Max(1, Stores.Sum(s => s.Appends - s.Conflicts)),6:F1} {Stores.Sum(s => s.Conflicts),9}");
    }
}
