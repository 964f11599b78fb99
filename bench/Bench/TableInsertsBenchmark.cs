using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using MedLedger.Clients.Storage;
using MedLedger.Clients.Tables;
using MedLedger.Testing.Azurite;

namespace MedLedger.Bench;

/// <summary>Raw single-entity Table inserts per second against Azurite, at several concurrency levels: the
/// baseline the Table-backed log's single and group-commit appends are compared with.</summary>
public sealed class TableInsertsBenchmark : IBenchmark
{
    /// <inheritdoc />
    public string Name => "table-inserts";

    /// <inheritdoc />
    public string Description => "raw single-entity Table inserts/s against Azurite (1, 8, 32 concurrent inserters)";

    /// <inheritdoc />
    public async Task RunAsync(TextWriter output, bool quick, CancellationToken cancellationToken = default)
    {
        var total = quick ? 200 : 4000;
        await using var azurite = await AzuriteInstance.StartAsync(cancellationToken: cancellationToken);
        var account = new StorageAccount(azurite.Connection, azurite.CreateOptions());
        var table = account.GetTableClient("benchinserts" + Guid.NewGuid().ToString("N")[..8]);
        await table.CreateIfNotExistsAsync(cancellationToken);

        // Warm-up: JIT, connection pool, Azurite's first-table work.
        await InsertAsync(table, "warmup", 0, 100, cancellationToken);

        var size = TableEntityJson.Serialize(Entity("level32", 1)).Length;
        output.WriteLine($"entity: {size} bytes of JSON (Int64 index, 32-byte hash, event id string); {total} inserts per level; one partition per level");
        output.WriteLine($"{"inserters",10} {"inserts/s",12} {"p50 ms",8} {"p99 ms",8} {"vs 1",6}");
        double? baseline = null;
        foreach (var inserters in new[] { 1, 8, 32 })
        {
            var partition = $"level{inserters}";
            var latencies = new double[total];
            var next = -1;
            var clock = Stopwatch.StartNew();
            var workers = Enumerable.Range(0, inserters).Select(_ => Task.Run(
                async () =>
                {
                    int i;
                    while ((i = Interlocked.Increment(ref next)) < total)
                    {
                        var started = Stopwatch.GetTimestamp();
                        await table.AddEntityAsync(Entity(partition, i), cancellationToken);
                        latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    }
                },
                cancellationToken));
            await Task.WhenAll(workers);
            clock.Stop();

            var rate = total / clock.Elapsed.TotalSeconds;
            baseline ??= rate;
            Array.Sort(latencies);
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{inserters,10} {rate,12:F0} {latencies[total / 2],8:F2} {latencies[(int)(total * 0.99)],8:F2} {rate / baseline.Value,6:F2}"));
        }
    }

    private static async Task InsertAsync(TableClient table, string partition, int from, int count, CancellationToken cancellationToken)
    {
        for (var i = from; i < from + count; i++)
        {
            await table.AddEntityAsync(Entity(partition, i), cancellationToken);
        }
    }

    private static TableEntity Entity(string partition, int index) => new(partition, index.ToString("D10", CultureInfo.InvariantCulture))
    {
        ["Index"] = (long)index,
        ["Hash"] = RandomNumberGenerator.GetBytes(32),
        ["EventId"] = Guid.NewGuid().ToString(),
    };
}
