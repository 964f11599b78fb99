using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MedLedger.Access.Identity;
using MedLedger.Access.UserDirectory;
using MedLedger.Clients.Blobs;
using MedLedger.Clients.Pipeline;
using MedLedger.Clients.Storage;
using MedLedger.Functions.Checkpointing;
using MedLedger.Functions.LedgerEvents;
using MedLedger.Functions.LedgerLogs;
using MedLedger.Functions.Patients;
using MedLedger.Infrastructure.Access;
using MedLedger.Infrastructure.Keys;
using MedLedger.Testing.Azurite;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace MedLedger.Bench;

/// <summary>
/// Record intake end to end, in process against Azurite: <c>POST /api/records</c> with 4 KiB payloads at 8, 32 and 64
/// concurrent clients — requests/s, latency to the 202, and from the 202 to the entry being appended (the embedded
/// queue listener and the Table-backed log) and to its receipt (the next signed checkpoint, local timer at its default
/// 5 s); then <c>GET /api/records/{recordId}</c> latency. The baseline, measured in the same run: the raw rate of one put-blob
/// plus one put-message per record, with no encryption, keys, JSON or log. Every level and every baseline gets a fresh
/// in-memory Azurite: a filled emulator slows down (and, with tens of thousands of rows and blobs, stalls), which says
/// nothing about the service.
/// </summary>
/// <remarks>
/// <para>Appended and checkpoint times are taken inside the app by wrapping its appender and checkpointer, so measuring
/// adds no polling load. Each level runs until its backlog is appended and signed.</para>
/// <para>Callers are real: records are submitted by the demo clinician <c>dr-ada</c> (development-mode principal header)
/// for <see cref="PatientCount"/> patients of her clinic written into the directory before the level starts, and read
/// back by her (default purpose TREAT, permitted as the submitting clinic). The app's storage requests are counted by
/// kind, and the CPU is split between this process (app and load generator) and Azurite, per record, over intake plus
/// drain.</para>
/// <para><c>MEDLEDGER_BENCH_LEVELS</c> (for example <c>32</c> or <c>8,64</c>) runs only those client counts.</para>
/// </remarks>
public sealed class IntakeBenchmark : IBenchmark
{
    private const int PayloadBytes = 4096;
    private const int PatientCount = 300;
    private const string Clinic = "clinic-a";
    private static readonly int[] DefaultLevels = [8, 32, 64];

    // The demo clinician of clinic-a, as App Service authentication would name her (believed in development mode only).
    private static readonly string ClinicianPrincipal = ClientPrincipalHeader.Build("dr-ada", [Role.Clinician]);

    /// <inheritdoc />
    public string Name => "intake";

    /// <inheritdoc />
    public string Description => "POST /api/records (4 KiB) at 8/32/64 clients vs raw put-blob + put-message; 202→appended→receipt; reads";

    /// <inheritdoc />
    public async Task RunAsync(TextWriter output, bool quick, CancellationToken cancellationToken = default)
    {
        var duration = quick ? TimeSpan.FromSeconds(3) : TimeSpan.FromSeconds(30);
        var keyDirectory = Path.Combine(Path.GetTempPath(), $"medledger-bench-{Environment.ProcessId}", "keys");
        await DevelopmentKeyDirectory.CreateAsync(keyDirectory, cancellationToken);
        var payload = RandomNumberGenerator.GetBytes(PayloadBytes);

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"payload {PayloadBytes} B (base64 in JSON), {duration.TotalSeconds:F0} s per level, one log, checkpoint timer 5 s;"));
        output.WriteLine("each level and each raw baseline runs on a fresh in-memory Azurite (a filled emulator slows down and stalls).");
        var levels = Environment.GetEnvironmentVariable("MEDLEDGER_BENCH_LEVELS") is { Length: > 0 } chosen
            ? chosen.Split(',').Select(l => int.Parse(l, CultureInfo.InvariantCulture)).ToArray()
            : DefaultLevels;
        var patients = Enumerable.Range(0, PatientCount).Select(n => string.Create(CultureInfo.InvariantCulture, $"bench-p-{n:D4}")).ToArray();
        var notes = new List<string>();
        output.WriteLine($"load average at start: {LoadAverage()}");
        output.WriteLine($"{"clients",7} {"req/s",8} {"raw/s",8} {"ratio",6} {"202 p50",8} {"202 p99",8} {"app p50",8} {"app p99",8} {"rcpt p50",9} {"rcpt p99",9} {"drain s",8} {"backlog",8} {"read p50",9} {"read p99",9}");
        foreach (var clients in levels)
        {
            var raw = await RunRawAsync(clients, duration, cancellationToken);
            await using var azurite = await AzuriteInstance.StartAsync(cancellationToken: cancellationToken);
            var probe = new Probe();
            var counter = new StorageRequestCounter(azurite.BlobEndpoint, azurite.QueueEndpoint, azurite.TableEndpoint);
            var stores = new List<CountingLogStore>();
            await using var app = new IntakeApp(azurite, keyDirectory, probe, counter, stores);
            using var client = app.CreateClient();
            // Azurite scans its whole ledger table per query; a read sends two (the record and subject indexes).
            client.Timeout = TimeSpan.FromMinutes(10);
            client.DefaultRequestHeaders.Add(ClientPrincipalHeader.Name, ClinicianPrincipal);
            await SeedPatientsAsync(client, azurite, patients, app.Services.GetRequiredService<PatientPseudonymizer>(), cancellationToken);

            // Warm-up: JIT, key loading, storage provisioning, connection pools.
            await RunIntakeAsync(client, payload, patients, clients, TimeSpan.FromSeconds(quick ? 1 : 3), probe, cancellationToken);
            await probe.WaitForBacklogAsync(TimeSpan.FromMinutes(2), cancellationToken);

            var load = LoadAverage();
            var requestsBefore = counter.Snapshot();
            var (transactionsBefore, entriesBefore, conflictsBefore) = Transactions(stores);
            var appCpuBefore = ProcessTreeCpu.OfThisProcess();
            var azuriteCpuBefore = ProcessTreeCpu.Of(azurite.ProcessId);
            var measured = new TaskCompletionSource();
            var sampling = probe.SampleBacklogAsync(measured.Task);
            var intake = await RunIntakeAsync(client, payload, patients, clients, duration, probe, cancellationToken);
            var drain = Stopwatch.StartNew();
            await probe.WaitForBacklogAsync(TimeSpan.FromMinutes(5), cancellationToken);
            var drained = drain.Elapsed.TotalSeconds;
            measured.SetResult();
            await sampling;
            var requests = StorageRequestCounter.Difference(counter.Snapshot(), requestsBefore);
            var (transactions, entries, conflicts) = Transactions(stores);
            var appCpu = (ProcessTreeCpu.OfThisProcess() - appCpuBefore).TotalMilliseconds / intake.Submitted.Count;
            var azuriteCpu = (ProcessTreeCpu.Of(azurite.ProcessId) - azuriteCpuBefore).TotalMilliseconds / intake.Submitted.Count;
            await probe.WaitForReceiptsAsync(intake.Submitted, TimeSpan.FromMinutes(1), cancellationToken);
            var readsBefore = counter.Snapshot();
            var readTicksBefore = counter.TicksSnapshot();
            counter.TakeLongest();
            var reads = await RunReadsAsync(client, [.. intake.Submitted.Take(quick ? 50 : 200)], 8, cancellationToken);
            var readRequests = StorageRequestCounter.Difference(counter.Snapshot(), readsBefore);
            var readTicks = StorageRequestCounter.Difference(counter.TicksSnapshot(), readTicksBefore);
            var longestRead = counter.TakeLongest();
            if (counter.Failures() is { Length: > 0 } failures)
            {
                notes.Add("  failed storage attempts so far:" + Environment.NewLine + failures);
            }
            notes.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"{clients} clients: load average {load} at the start of the level; CPU per record over intake + drain: this process (app + load generator) {appCpu:F2} ms, Azurite {azuriteCpu:F2} ms; raw baseline per op: {raw.ClientCpu:F2} ms + Azurite {raw.AzuriteCpu:F2} ms"));
            notes.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"  log transactions: {(entries - entriesBefore) / (double)Math.Max(1, transactions - transactionsBefore):F1} entries each, {conflicts - conflictsBefore} conflicts"));
            notes.Add($"  storage requests per record (intake + drain): {StorageRequestCounter.PerRecord(requests, intake.Submitted.Count)}");
            notes.Add($"  storage requests per read: {StorageRequestCounter.PerRecord(readRequests, reads.Length)}");
            notes.Add($"  storage wait per read (summed over requests): {StorageRequestCounter.TimePerRecord(readTicks, reads.Length)}; longest single request: {longestRead}");
            var appended = intake.Submitted.Select(s => Milliseconds(s.AcceptedAt, probe.AppendedAt(s.EventId))).ToArray();
            var receipted = intake.Submitted.Select(s => Milliseconds(s.AcceptedAt, probe.ReceiptAt(s.EventId))).ToArray();
            var rate = intake.Submitted.Count / intake.Elapsed.TotalSeconds;
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{clients,7} {rate,8:F0} {raw.Rate,8:F0} {rate / raw.Rate,6:F2} {P(intake.Latencies, 50),8:F1} {P(intake.Latencies, 99),8:F1} {P(appended, 50),8:F1} {P(appended, 99),8:F1} {P(receipted, 50),9:F0} {P(receipted, 99),9:F0} {drained,8:F1} {probe.LargestBacklog,8} {P(reads, 50),9:F1} {P(reads, 99),9:F1}"));
        }

        foreach (var note in notes)
        {
            output.WriteLine(note);
        }

        output.WriteLine("ms unless noted. 202: client latency to the 202. app: 202 to the entry appended. rcpt: 202 to a signed checkpoint covering it. backlog: most records accepted and not yet appended.");
        output.WriteLine("raw/s: one put-blob (4.5 KiB) + one put-message per op at the same concurrency. read: GET /api/records/{recordId} (the short route)");
        output.WriteLine("by dr-ada at 8 clients after the level (each read appends its access decision first). Goals: ratio >= 0.5; app p99 <= 1000 ms at 32 clients.");
    }

    private static async Task<IntakeRun> RunIntakeAsync(
        HttpClient client, byte[] payload, string[] patients, int clients, TimeSpan duration, Probe probe, CancellationToken cancellationToken)
    {
        var submitted = new ConcurrentBag<Submitted>();
        var latencies = new ConcurrentBag<double>();
        var failures = 0;
        var firstFailure = (string?)null;
        var content64 = Convert.ToBase64String(payload);
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(worker => Task.Run(
            async () =>
            {
                var sequence = 0;
                while (clock.Elapsed < duration)
                {
                    var patient = patients[((worker * 7919) + sequence++) % patients.Length];
                    var body = $$"""{"patientId":"{{patient}}","category":"general","contentType":"application/octet-stream","contentBase64":"{{content64}}"}""";
                    using var content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
                    var started = Stopwatch.GetTimestamp();
                    using var response = await client.PostAsync("/api/records", content, cancellationToken);
                    var accepted = Stopwatch.GetTimestamp();
                    if (response.StatusCode != HttpStatusCode.Accepted)
                    {
                        if (Interlocked.Increment(ref failures) == 1)
                        {
                            firstFailure = $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}";
                        }

                        continue;
                    }

                    using var document = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(cancellationToken));
                    var eventId = document.RootElement.GetProperty("eventId").GetString()!;
                    submitted.Add(new Submitted(patient, document.RootElement.GetProperty("recordId").GetString()!, eventId, accepted));
                    latencies.Add(Stopwatch.GetElapsedTime(started, accepted).TotalMilliseconds);
                    probe.Expect(eventId);
                }
            },
            cancellationToken)));
        clock.Stop();
        if (failures > 0)
        {
            throw new InvalidOperationException($"{failures} submissions were not accepted (the first: {firstFailure}); the figures would be meaningless.");
        }

        return new IntakeRun([.. submitted], [.. latencies], clock.Elapsed);
    }

    private static async Task<RawRun> RunRawAsync(int clients, TimeSpan duration, CancellationToken cancellationToken)
    {
        await using var azurite = await AzuriteInstance.StartAsync(cancellationToken: cancellationToken);
        var account = new StorageAccount(azurite.Connection, azurite.CreateOptions());
        var container = account.GetBlobContainerClient("raw" + Guid.NewGuid().ToString("N")[..12]);
        var queue = account.GetQueueClient("raw" + Guid.NewGuid().ToString("N")[..12]);
        await container.CreateIfNotExistsAsync(cancellationToken);
        await queue.CreateIfNotExistsAsync(cancellationToken);
        // Warm-up, then about what intake stores per record: the envelope (payload + ~450 B of header and wrapped key) and a ~600 B message.
        var blob = BinaryData.FromBytes(RandomNumberGenerator.GetBytes(PayloadBytes + 450));
        var message = new string('m', 600);
        for (var i = 0; i < 200; i++)
        {
            await container.UploadIfNotExistsAsync(Guid.NewGuid().ToString("N"), blob, new BlobUploadOptions(), cancellationToken);
            await queue.SendMessageAsync(message, cancellationToken: cancellationToken);
        }

        var count = 0;
        var clientCpu = ProcessTreeCpu.OfThisProcess();
        var azuriteCpu = ProcessTreeCpu.Of(azurite.ProcessId);
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(
            async () =>
            {
                while (clock.Elapsed < duration)
                {
                    await container.UploadIfNotExistsAsync(Guid.NewGuid().ToString("N"), blob, new BlobUploadOptions(), cancellationToken);
                    await queue.SendMessageAsync(message, cancellationToken: cancellationToken);
                    Interlocked.Increment(ref count);
                }
            },
            cancellationToken)));
        var elapsed = clock.Elapsed;
        return new RawRun(
            count / elapsed.TotalSeconds,
            (ProcessTreeCpu.OfThisProcess() - clientCpu).TotalMilliseconds / count,
            (ProcessTreeCpu.Of(azurite.ProcessId) - azuriteCpu).TotalMilliseconds / count);
    }

    private static async Task<double[]> RunReadsAsync(HttpClient client, List<Submitted> records, int clients, CancellationToken cancellationToken)
    {
        var latencies = new ConcurrentBag<double>();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(
            async () =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < records.Count)
                {
                    var started = Stopwatch.GetTimestamp();
                    using var response = await client.GetAsync($"/api/records/{records[i].RecordId}", cancellationToken);
                    var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                    if (response.StatusCode != HttpStatusCode.OK || bytes.Length != PayloadBytes)
                    {
                        throw new InvalidOperationException($"A read answered {(int)response.StatusCode} with {bytes.Length} bytes.");
                    }

                    latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
            },
            cancellationToken)));
        return [.. latencies];
    }

    /// <summary>
    /// Writes the patients into the directory as an administrator would (patients of clinic-a), after one request as the
    /// clinician has made the app provision storage and seed the demo directory.
    /// </summary>
    private static async Task SeedPatientsAsync(HttpClient client, AzuriteInstance azurite, string[] patients, PatientPseudonymizer pseudonymizer, CancellationToken cancellationToken)
    {
        using (var first = await client.GetAsync("/api/ledger/public-key", cancellationToken))
        {
            if (first.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"The clinician's first request answered {(int)first.StatusCode}.");
            }
        }

        var directory = TableDirectory.Open(new StorageAccount(azurite.Connection, azurite.CreateOptions()));
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(
            async () =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < patients.Length)
                {
                    var result = await directory.AddPatientAsync(new DirectoryPatient(patients[i], Clinic), pseudonymizer.Pseudonymize(patients[i]), cancellationToken);
                    if (result.Status != DirectoryChangeStatus.Applied)
                    {
                        throw new InvalidOperationException($"Adding patient {patients[i]} answered {result.Status}.");
                    }
                }
            },
            cancellationToken)));
    }

    private static (long Transactions, long Entries, long Conflicts) Transactions(List<CountingLogStore> stores)
    {
        lock (stores)
        {
            return (stores.Sum(s => s.Appends - s.Conflicts), stores.Sum(s => s.Entries), stores.Sum(s => s.Conflicts));
        }
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static double Milliseconds(long from, long to) => Stopwatch.GetElapsedTime(from, to).TotalMilliseconds;

    private static double P(IReadOnlyCollection<double> values, int percentile)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(sorted.Length * percentile / 100.0) - 1)];
    }

    private sealed record Submitted(string PatientId, string RecordId, string EventId, long AcceptedAt);

    private sealed record RawRun(double Rate, double ClientCpu, double AzuriteCpu);

    private sealed record IntakeRun(IReadOnlyList<Submitted> Submitted, IReadOnlyList<double> Latencies, TimeSpan Elapsed);

    /// <summary>Timestamps taken inside the app: when each event was appended and when each checkpoint was stored.</summary>
    private sealed class Probe
    {
        private readonly ConcurrentDictionary<string, (long Index, long At)> _appended = new(StringComparer.Ordinal);
        private readonly ConcurrentQueue<(long TreeSize, long At)> _checkpoints = new();
        private readonly ConcurrentDictionary<string, byte> _expected = new(StringComparer.Ordinal);

        private int _largestBacklog;

        /// <summary>Gets the most events accepted but not yet appended at one time (sampled every 50 ms while waiting).</summary>
        public int LargestBacklog => Volatile.Read(ref _largestBacklog);

        public void Expect(string eventId) => _expected.TryAdd(eventId, 0);

        /// <summary>Samples the backlog until <paramref name="done"/> completes.</summary>
        public async Task SampleBacklogAsync(Task done)
        {
            Volatile.Write(ref _largestBacklog, 0);
            while (!done.IsCompleted)
            {
                var backlog = _expected.Count - _appended.Count;
                if (backlog > _largestBacklog)
                {
                    Volatile.Write(ref _largestBacklog, backlog);
                }

                await Task.WhenAny(done, Task.Delay(50));
            }
        }

        public void Appended(string eventId, long index) => _appended.TryAdd(eventId, (index, Stopwatch.GetTimestamp()));

        public void Checkpointed(long treeSize) => _checkpoints.Enqueue((treeSize, Stopwatch.GetTimestamp()));

        public long AppendedAt(string eventId) => _appended[eventId].At;

        public long ReceiptAt(string eventId)
        {
            var index = _appended[eventId].Index;
            return _checkpoints.Where(c => c.TreeSize > index).Min(c => c.At);
        }

        public async Task WaitForBacklogAsync(TimeSpan limit, CancellationToken cancellationToken)
        {
            var clock = Stopwatch.StartNew();
            while (_expected.Keys.Any(id => !_appended.ContainsKey(id)))
            {
                if (clock.Elapsed > limit)
                {
                    throw new TimeoutException("The appender did not catch up with intake.");
                }

                await Task.Delay(20, cancellationToken);
            }
        }

        public async Task WaitForReceiptsAsync(IReadOnlyList<Submitted> submitted, TimeSpan limit, CancellationToken cancellationToken)
        {
            var last = submitted.Max(s => _appended[s.EventId].Index);
            var clock = Stopwatch.StartNew();
            while (!_checkpoints.Any(c => c.TreeSize > last))
            {
                if (clock.Elapsed > limit)
                {
                    throw new TimeoutException("No checkpoint covered the last entry.");
                }

                await Task.Delay(20, cancellationToken);
            }
        }
    }

    /// <summary>Records when the real appender returns (the entry is committed).</summary>
    private sealed class TimedAppender(ILedgerEventAppender inner, Probe probe) : ILedgerEventAppender
    {
        public async Task<LedgerAppendResult> AppendAsync(LedgerEventMessage message, CancellationToken cancellationToken = default)
        {
            var result = await inner.AppendAsync(message, cancellationToken);
            if (result.Index is { } index)
            {
                probe.Appended(message.EventId, index);
            }

            return result;
        }
    }

    /// <summary>Records when the real checkpointer has stored a new checkpoint.</summary>
    private sealed class TimedCheckpointer(ILedgerCheckpointer inner, Probe probe) : ILedgerCheckpointer
    {
        public async Task<IReadOnlyList<LogCheckpointOutcome>> CheckpointAsync(CancellationToken cancellationToken = default)
        {
            var outcomes = await inner.CheckpointAsync(cancellationToken);
            foreach (var outcome in outcomes.Where(o => o.Signed))
            {
                probe.Checkpointed(outcome.TreeSize);
            }

            return outcomes;
        }
    }

    /// <summary>Counts the appends (transactions), entries and conflicts of every log store the app creates.</summary>
    private sealed class CountingStoreFactory(ILogStoreFactory inner, List<CountingLogStore> stores) : ILogStoreFactory
    {
        public MedLedger.Ledger.Storage.ILogStore Create(string logName)
        {
            var store = new CountingLogStore(inner.Create(logName));
            lock (stores)
            {
                stores.Add(store);
            }

            return store;
        }
    }

    /// <summary>The real app (development mode: embedded listener and timer) on Azurite, with the two probes wrapped in.</summary>
    /// <remarks>Named by a public type of the app's assembly: this console app has a <c>Program</c> of its own.</remarks>
    private sealed class IntakeApp(
        AzuriteInstance azurite, string keyDirectory, Probe probe, StorageRequestCounter counter, List<CountingLogStore> stores) : WebApplicationFactory<LedgerEventMessage>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            // The app's files (host.json, appsettings.json) are copied next to this benchmark.
            builder.UseContentRoot(AppContext.BaseDirectory);
            builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["AzureWebJobsStorage"] = azurite.ConnectionString,
                ["MedLedger:DevelopmentMode"] = "true",
                ["MedLedger:LocalKeyDirectory"] = keyDirectory,
                ["MedLedger:LogOrigin"] = "bench.local/medledger",
                ["MedLedger:PseudonymSecret"] = "dev-only-pseudonym-secret-for-the-intake-benchmark",
            }));
            builder.ConfigureLogging(logging => logging.ClearProviders());
            builder.ConfigureTestServices(services =>
            {
                // Count what the app sends to Azurite (per try, so retries count as Azurite sees them).
                services.Replace(ServiceDescriptor.Singleton<StorageClientOptions>(_ =>
                {
                    var options = azurite.CreateOptions();
                    options.AddPolicy(counter, Azure.Core.HttpPipelinePosition.PerRetry);
                    return options;
                }));
                services.Replace(ServiceDescriptor.Singleton<ILogStoreFactory>(sp =>
                    new CountingStoreFactory(ActivatorUtilities.CreateInstance<TableLogStoreFactory>(sp), stores)));
                services.Replace(ServiceDescriptor.Singleton<ILedgerEventAppender>(sp =>
                    new TimedAppender(ActivatorUtilities.CreateInstance<LedgerEventAppender>(sp), probe)));
                services.Replace(ServiceDescriptor.Singleton<ILedgerCheckpointer>(sp =>
                    new TimedCheckpointer(ActivatorUtilities.CreateInstance<LedgerCheckpointer>(sp), probe)));
            });
        }
    }
}
