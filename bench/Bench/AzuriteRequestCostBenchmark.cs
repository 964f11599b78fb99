using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using MedLedger.Clients.Blobs;
using MedLedger.Clients.Queues;
using MedLedger.Clients.Storage;
using MedLedger.Clients.Tables;
using MedLedger.Testing.Azurite;

namespace MedLedger.Bench;

/// <summary>
/// What each kind of storage request the intake pipeline sends costs Azurite, in its CPU milliseconds per request, at
/// 16 concurrent callers: the unit the intake benchmark's requests per record are priced in. Azurite serves everything
/// on one Node.js thread, so its CPU per record bounds the records per second.
/// </summary>
/// <remarks>
/// Queue receive and delete are measured against queues of several lengths (messages in flight count too): Azurite's in-memory queue scans every
/// message of the queue on each receive and delete (expired-message sweep, visibility sort), so their cost grows with
/// the backlog. Each kind runs on a fresh Azurite.
/// </remarks>
public sealed class AzuriteRequestCostBenchmark : IBenchmark
{
    private const int Callers = 16;

    /// <inheritdoc />
    public string Name => "azurite-requests";

    /// <inheritdoc />
    public string Description => "Azurite CPU ms per request by kind (blob put/get, queue put/receive/delete at short and long queues, table get)";

    /// <inheritdoc />
    public async Task RunAsync(TextWriter output, bool quick, CancellationToken cancellationToken = default)
    {
        var count = quick ? 300 : 3000;
        var blob = BinaryData.FromBytes(RandomNumberGenerator.GetBytes(4096 + 450));
        var message = new string('m', 800);
        output.WriteLine($"{count} requests per kind at {Callers} callers; a fresh Azurite per kind; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
        output.WriteLine($"{"request",-40} {"per s",8} {"Azurite CPU ms",15} {"client CPU ms",14}");

        await MeasureAsync(output, "blob PUT 4.5 KiB (if none match)", count, async (account, ct) =>
        {
            var container = await ContainerAsync(account, ct);
            return async i => await container.UploadIfNotExistsAsync($"b{i}", blob, new BlobUploadOptions(), ct);
        }, cancellationToken);

        await MeasureAsync(output, "blob GET 4.5 KiB", count, async (account, ct) =>
        {
            var container = await ContainerAsync(account, ct);
            for (var i = 0; i < 100; i++)
            {
                await container.UploadIfNotExistsAsync($"b{i}", blob, new BlobUploadOptions(), ct);
            }

            return async i => await container.DownloadAsync($"b{i % 100}", ct);
        }, cancellationToken);

        await MeasureAsync(output, "queue PUT message (800 chars)", count, async (account, ct) =>
        {
            var queue = await QueueAsync(account, ct);
            return async _ => await queue.SendMessageAsync(message, cancellationToken: ct);
        }, cancellationToken);

        // Queue operations at a roughly fixed queue length: 320 operations against a queue holding the stated number of waiting messages (and, for deletes, the 320 received ones).
        const int QueueOperations = 320;
        foreach (var waiting in new[] { 100, 1000, quick ? 2000 : 8000 })
        {
            await MeasureAsync(output, $"queue DELETE message, {waiting} waiting", QueueOperations, async (account, ct) =>
            {
                var queue = await QueueAsync(account, ct);
                await FillAsync(queue, message, waiting + QueueOperations, ct);
                var received = new List<QueueMessage>();
                while (received.Count < QueueOperations)
                {
                    received.AddRange(await queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(10), ct));
                }

                return async i => await queue.DeleteMessageAsync(received[i].MessageId, received[i].PopReceipt, ct);
            }, cancellationToken);

            await MeasureAsync(output, $"queue GET 32 messages, {waiting} waiting", QueueOperations / 32, async (account, ct) =>
            {
                var queue = await QueueAsync(account, ct);
                await FillAsync(queue, message, waiting + QueueOperations, ct);
                return async _ => await queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(10), ct);
            }, cancellationToken);
        }

        await MeasureAsync(output, "table GET entity (400-row table)", count, async (account, ct) =>
        {
            var table = account.GetTableClient("directory" + Guid.NewGuid().ToString("N")[..8]);
            await table.CreateIfNotExistsAsync(ct);
            for (var i = 0; i < 400; i++)
            {
                await table.AddEntityAsync(new TableEntity("directory", $"patient|p-{i}") { ["Organization"] = "clinic-a", ["FormatVersion"] = 1 }, ct);
            }

            return async i => await table.GetEntityIfExistsAsync("directory", $"patient|p-{i % 400}", ct);
        }, cancellationToken);

        output.WriteLine("Azurite CPU: its process tree's CPU time over the measured requests, per request.");
    }

    private static async Task MeasureAsync(
        TextWriter output, string kind, int count, Func<StorageAccount, CancellationToken, Task<Func<int, Task>>> prepare, CancellationToken cancellationToken)
    {
        await using var azurite = await AzuriteInstance.StartAsync(cancellationToken: cancellationToken);
        var account = new StorageAccount(azurite.Connection, azurite.CreateOptions());
        var operation = await prepare(account, cancellationToken);
        var next = -1;
        var clientCpu = ProcessTreeCpu.OfThisProcess();
        var azuriteCpu = ProcessTreeCpu.Of(azurite.ProcessId);
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Callers).Select(_ => Task.Run(
            async () =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < count)
                {
                    await operation(i);
                }
            },
            cancellationToken)));
        var elapsed = clock.Elapsed;
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{kind,-40} {count / elapsed.TotalSeconds,8:F0} {(ProcessTreeCpu.Of(azurite.ProcessId) - azuriteCpu).TotalMilliseconds / count,15:F2} {(ProcessTreeCpu.OfThisProcess() - clientCpu).TotalMilliseconds / count,14:F2}"));
    }

    private static async Task<BlobContainerClient> ContainerAsync(StorageAccount account, CancellationToken cancellationToken)
    {
        var container = account.GetBlobContainerClient("c" + Guid.NewGuid().ToString("N")[..12]);
        await container.CreateIfNotExistsAsync(cancellationToken);
        return container;
    }

    private static async Task<QueueClient> QueueAsync(StorageAccount account, CancellationToken cancellationToken)
    {
        var queue = account.GetQueueClient("q" + Guid.NewGuid().ToString("N")[..12]);
        await queue.CreateIfNotExistsAsync(cancellationToken);
        return queue;
    }

    private static async Task FillAsync(QueueClient queue, string message, int count, CancellationToken cancellationToken)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, Callers).Select(_ => Task.Run(
            async () =>
            {
                while (Interlocked.Increment(ref next) < count)
                {
                    await queue.SendMessageAsync(message, cancellationToken: cancellationToken);
                }
            },
            cancellationToken)));
    }
}
