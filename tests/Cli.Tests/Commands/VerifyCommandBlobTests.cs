using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MedLedger.Cli.Tests.Support;
using MedLedger.Clients.Blobs;
using MedLedger.Ledger.Entries;
using MedLedger.Ledger.Storage;
using MedLedger.Testing.Azurite;
using MedLedger.Testing.Time;

namespace MedLedger.Cli.Tests.Commands;

/// <summary>
/// <c>verify --connection</c> audits the records container against the log's <c>record.created</c> entries, both ways:
/// an entry whose blob is missing or changed is tamper evidence (exit 2); a blob no entry names is an orphan (exit 3)
/// or, within the grace period, pending (exit 0).
/// </summary>
public sealed class VerifyCommandBlobTests(AzuriteFixture azurite)
{
    // The content of every envelope the tests store: it must never appear in any output.
    private const string SecretMarker = "CIPHERTEXT-NEVER-PRINTED";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task VerifyConnection_EveryBlobMatchesItsEntry_ExitsZeroWithTheBlobSummary()
    {
        await using var ledger = await RecordLedger.CreateAsync(azurite, records: 3);

        var run = await ledger.VerifyAsync(ledger.ClockAfterLastBlob(TimeSpan.FromHours(1)));

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("valid: 3 entries verified (root ", run.FirstLine, StringComparison.Ordinal);
        Assert.Equal(
            [$"blobs: 3 record.created entries checked against container '{ledger.Container.Name}', 3 blobs listed with prefix 'r0-': 0 missing, 0 changed, 0 malformed-creation, 0 orphan, 0 pending (grace 15 minutes)."],
            run.Lines[1..]);
        Assert.Empty(run.Error);
    }

    [Fact]
    public async Task VerifyConnection_OrphanOlderThanTheGrace_ExitsThreeNamingItWithSizeAndTime()
    {
        await using var ledger = await RecordLedger.CreateAsync(azurite, records: 2);
        var orphan = await ledger.StoreBlobAsync(RecordLedger.RecordId('o'), SecretMarker + "-orphan");

        var run = await ledger.VerifyAsync(new FakeTimeProvider(orphan.LastModified + TimeSpan.FromMinutes(16)));

        Assert.Equal(3, run.ExitCode);
        Assert.StartsWith("valid: 2 entries verified (root ", run.FirstLine, StringComparison.Ordinal);
        Assert.EndsWith("3 blobs listed with prefix 'r0-': 0 missing, 0 changed, 0 malformed-creation, 1 orphan, 0 pending (grace 15 minutes).", run.Lines[1], StringComparison.Ordinal);
        Assert.Equal($"orphan: blob '{orphan.Name}' ({orphan.ContentLength} bytes, last modified {Utc(orphan.LastModified)}): no entry names it.", run.Lines[2]);
        Assert.Equal(3, run.Lines.Length);
        Assert.DoesNotContain(SecretMarker, run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyConnection_UnnamedBlobWithinTheGrace_IsPendingAndExitsZero()
    {
        await using var ledger = await RecordLedger.CreateAsync(azurite, records: 1);
        var pending = await ledger.StoreBlobAsync(RecordLedger.RecordId('p'), "queued");

        var run = await ledger.VerifyAsync(new FakeTimeProvider(pending.LastModified + TimeSpan.FromMinutes(14)));

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("valid: ", run.FirstLine, StringComparison.Ordinal);
        Assert.EndsWith("0 orphan, 1 pending (grace 15 minutes).", run.Lines[1], StringComparison.Ordinal);
        Assert.Equal(
            $"pending: blob '{pending.Name}' ({pending.ContentLength} bytes, last modified {Utc(pending.LastModified)}): no entry names it yet; it is within the grace period, so its event may still be queued.",
            run.Lines[2]);
    }

    [Theory]
    [InlineData("60", 59, 0, "pending")]
    [InlineData("60", 61, 3, "orphan")]
    [InlineData("0", 0, 3, "orphan")]
    public async Task VerifyConnection_GraceMinutes_DecidesBetweenPendingAndOrphan(string grace, int minutesLater, int exitCode, string kind)
    {
        await using var ledger = await RecordLedger.CreateAsync(azurite, records: 1);
        var unnamed = await ledger.StoreBlobAsync(RecordLedger.RecordId('g'), "x");

        var run = await ledger.VerifyAsync(new FakeTimeProvider(unnamed.LastModified + TimeSpan.FromMinutes(minutesLater)), "--grace-minutes", grace);

        Assert.Equal(exitCode, run.ExitCode);
        Assert.EndsWith($"(grace {grace} minutes).", run.Lines[1], StringComparison.Ordinal);
        Assert.StartsWith($"{kind}: blob '{unnamed.Name}' ", run.Lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyConnection_BlobOfAnEntryDeleted_IsTamperEvidenceNamingRecordAndEntry()
    {
        await using var ledger = await RecordLedger.CreateAsync(azurite, records: 3);
        await ledger.Container.DeleteIfExistsAsync(ledger.RecordIds[1], Token);

        var run = await ledger.VerifyAsync(ledger.ClockAfterLastBlob(TimeSpan.FromHours(1)));

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"invalid: blobs: blob-missing: record {ledger.RecordIds[1]} (entry 1): its blob '{ledger.RecordIds[1]}' is not in the container.", run.FirstLine);
        Assert.StartsWith("log: 3 entries verified (root ", run.Lines[1], StringComparison.Ordinal);
        Assert.EndsWith("2 blobs listed with prefix 'r0-': 1 missing, 0 changed, 0 malformed-creation, 0 orphan, 0 pending (grace 15 minutes).", run.Lines[2], StringComparison.Ordinal);
        Assert.Equal($"blob-missing: record {ledger.RecordIds[1]} (entry 1): its blob '{ledger.RecordIds[1]}' is not in the container.", run.Lines[3]);
        Assert.Equal(4, run.Lines.Length);
    }

    [Fact]
    public async Task VerifyConnection_BlobReplacedWithOtherBytes_IsTamperEvidenceWithBothHashes()
    {
        await using var ledger = await RecordLedger.CreateAsync(azurite, records: 3);
        var recordId = ledger.RecordIds[2];
        await ledger.Container.DeleteIfExistsAsync(recordId, Token);
        var replaced = await ledger.StoreBlobAsync(recordId, SecretMarker + "-replaced");

        var run = await ledger.VerifyAsync(new FakeTimeProvider(replaced.LastModified + TimeSpan.FromHours(1)));

        Assert.Equal(2, run.ExitCode);
        var actual = Sha256Hex(SecretMarker + "-replaced");
        var committed = Sha256Hex(RecordLedger.ContentOf(2));
        Assert.Equal(
            $"invalid: blobs: blob-changed: record {recordId} (entry 2): blob '{recordId}' ({replaced.ContentLength} bytes, last modified {Utc(replaced.LastModified)}) hashes to {actual}, but the entry commits to {committed}.",
            run.FirstLine);
        Assert.DoesNotContain(SecretMarker, run.Output + run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyConnection_SeveralFindings_FirstLineNamesTheLowestEntryAndEveryFindingIsListed()
    {
        await using var ledger = await RecordLedger.CreateAsync(azurite, records: 4);
        await ledger.Container.DeleteIfExistsAsync(ledger.RecordIds[3], Token);
        await ledger.Container.DeleteIfExistsAsync(ledger.RecordIds[1], Token);
        await ledger.StoreBlobAsync(ledger.RecordIds[1], "other bytes");
        var orphan = await ledger.StoreBlobAsync(RecordLedger.RecordId('o'), "orphan");

        var run = await ledger.VerifyAsync(new FakeTimeProvider(orphan.LastModified + TimeSpan.FromHours(1)));

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"invalid: blobs: blob-changed: record {ledger.RecordIds[1]} (entry 1): ", run.FirstLine, StringComparison.Ordinal);
        Assert.EndsWith("1 missing, 1 changed, 0 malformed-creation, 1 orphan, 0 pending (grace 15 minutes).", run.Lines[2], StringComparison.Ordinal);
        Assert.Equal(["blob-changed", "blob-missing", "orphan"], run.Lines[3..].Select(l => l[..l.IndexOf(':', StringComparison.Ordinal)]));
        Assert.Contains($"record {ledger.RecordIds[3]} (entry 3)", run.Lines[4], StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyConnection_CreationWithoutHash_IsMalformedCreation()
    {
        await using var ledger = await RecordLedger.CreateAsync(azurite, records: 1);
        var recordId = RecordLedger.RecordId('m');
        await ledger.StoreBlobAsync(recordId, "stored");
        await ledger.AppendAsync(RecordLedger.Creation(recordId, recordId, sha256: "not-a-hash"));

        var run = await ledger.VerifyAsync(ledger.ClockAfterLastBlob(TimeSpan.FromHours(1)));

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("invalid: blobs: malformed-creation: entry 1: the record.created entry lacks ", run.FirstLine, StringComparison.Ordinal);
        Assert.EndsWith("0 missing, 0 changed, 1 malformed-creation, 0 orphan, 0 pending (grace 15 minutes).", run.Lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyConnection_BlobsOfOtherLogs_AreNotThisLogsOrphans_AndLogNumberSelectsThem()
    {
        await using var ledger = await RecordLedger.CreateAsync(azurite, records: 1);
        var otherLog = await ledger.StoreBlobAsync(RecordLedger.RecordId('x', log: 1), "log 1");
        var clock = new FakeTimeProvider(otherLog.LastModified + TimeSpan.FromHours(1));

        var own = await ledger.VerifyAsync(clock);
        var asLogOne = await ledger.VerifyAsync(clock, "--log-number", "1");

        Assert.Equal(0, own.ExitCode);
        Assert.Contains("1 blobs listed with prefix 'r0-'", own.Lines[1], StringComparison.Ordinal);
        // Read as log 1, the entry's own blob is still checked by name, and log 1's blob is an orphan of it.
        Assert.Equal(3, asLogOne.ExitCode);
        Assert.Contains("1 blobs listed with prefix 'r1-'", asLogOne.Lines[1], StringComparison.Ordinal);
        Assert.StartsWith($"orphan: blob '{otherLog.Name}' ", asLogOne.Lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyConnection_NoRecordsContainerAndNoCreations_IsClean()
    {
        await using var ledger = await RecordLedger.CreateAsync(azurite, records: 0, containerExists: false);
        await ledger.AppendAsync(new EntryDraft("consent.granted", "pat-1", RecordLedger.Subject, "evt-c", JsonSerializer.SerializeToElement(new { scope = "x" })));

        var run = await ledger.VerifyAsync(new FakeTimeProvider());

        Assert.Equal(0, run.ExitCode);
        Assert.EndsWith("0 record.created entries checked against container '" + ledger.Container.Name + "', 0 blobs listed with prefix 'r0-': 0 missing, 0 changed, 0 malformed-creation, 0 orphan, 0 pending (grace 15 minutes).", run.Lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyConnection_RecordsContainerMissing_EveryCreationIsMissing()
    {
        await using var ledger = await RecordLedger.CreateAsync(azurite, records: 2, containerExists: false);

        var run = await ledger.VerifyAsync(new FakeTimeProvider());

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"invalid: blobs: blob-missing: record {ledger.RecordIds[0]} (entry 0): ", run.FirstLine, StringComparison.Ordinal);
        Assert.EndsWith("2 missing, 0 changed, 0 malformed-creation, 0 orphan, 0 pending (grace 15 minutes).", run.Lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyConnection_TamperedLog_ReportsTheLogOnlyWithoutAuditingBlobs()
    {
        await using var ledger = await RecordLedger.CreateAsync(azurite, records: 3);
        await ledger.Container.DeleteIfExistsAsync(ledger.RecordIds[0], Token);
        await ledger.Log.TamperEntryAsync(1, text => text.Replace("\"category\":\"general\"", "\"category\":\"genetic\"", StringComparison.Ordinal));

        var run = await ledger.VerifyAsync(new FakeTimeProvider());

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("invalid: entry 1: changed-entry: ", run.FirstLine, StringComparison.Ordinal);
        Assert.DoesNotContain("blob", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyConnection_NoBlobs_VerifiesTheLogAlone()
    {
        await using var ledger = await RecordLedger.CreateAsync(azurite, records: 2);
        await ledger.Container.DeleteIfExistsAsync(ledger.RecordIds[0], Token);

        var run = await ledger.VerifyAsync(new FakeTimeProvider(), "--no-blobs");

        Assert.Equal(0, run.ExitCode);
        Assert.Single(run.Lines);
    }

    [Theory]
    [InlineData(new[] { "verify", "--file", "x.jsonl", "--grace-minutes", "5" }, "--grace-minutes goes with --connection")]
    [InlineData(new[] { "verify", "--file", "x.jsonl", "--no-blobs" }, "--no-blobs goes with --connection")]
    [InlineData(new[] { "verify", "--file", "x.jsonl", "--records-container", "records" }, "--records-container goes with --connection")]
    [InlineData(new[] { "verify", "--connection", "UseDevelopmentStorage=true", "--log", "l", "--key", "k", "--no-blobs", "--log-number", "1" }, "--log-number has no effect with --no-blobs")]
    [InlineData(new[] { "verify", "--connection", "UseDevelopmentStorage=true", "--log", "l", "--key", "k", "--grace-minutes", "-1" }, "--grace-minutes must be 0 to 10080")]
    [InlineData(new[] { "verify", "--connection", "UseDevelopmentStorage=true", "--log", "l", "--key", "k", "--grace-minutes", "soon" }, "soon")]
    [InlineData(new[] { "verify", "--connection", "UseDevelopmentStorage=true", "--log", "l", "--key", "k", "--log-number", "64" }, "--log-number must be 0 to 63")]
    public async Task VerifyConnection_BadBlobOptions_ExitOne(string[] args, string message)
    {
        var run = await Medledger.RunAsync(args);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Output);
    }

    [Fact]
    public async Task VerifyConnection_InvalidRecordsContainerName_ExitsOne()
    {
        await using var ledger = await RecordLedger.CreateAsync(azurite, records: 1);

        var run = await ledger.VerifyAsync(new FakeTimeProvider(), "--records-container", "Bad_Name");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("error: The records container 'Bad_Name' cannot be used: ", run.Error, StringComparison.Ordinal);
    }

    private static string Utc(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Sha256Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>A live log whose <c>record.created</c> entries name blobs stored in their own container, as the app writes them.</summary>
    private sealed class RecordLedger : IAsyncDisposable
    {
        public const string Subject = "pt0123456789abcdefghijklmnopqrstuvwxyzABCDE";

        private RecordLedger(LiveTestLog log, BlobContainerClient container)
        {
            Log = log;
            Container = container;
        }

        public LiveTestLog Log { get; }

        public BlobContainerClient Container { get; }

        public List<string> RecordIds { get; } = [];

        private DateTimeOffset LastBlobTime { get; set; }

        public static async Task<RecordLedger> CreateAsync(AzuriteFixture azurite, int records, bool containerExists = true)
        {
            var log = await LiveTestLog.CreateAsync(azurite, 0);
            var container = azurite.CreateAccount().GetBlobContainerClient(UniqueNames.Container("records"));
            var ledger = new RecordLedger(log, container);
            if (containerExists)
            {
                await container.CreateIfNotExistsAsync(Token);
            }

            var drafts = new List<EntryDraft>();
            for (var i = 0; i < records; i++)
            {
                var recordId = RecordId((char)('a' + i));
                ledger.RecordIds.Add(recordId);
                if (containerExists)
                {
                    await ledger.StoreBlobAsync(recordId, ContentOf(i));
                }

                drafts.Add(Creation(recordId, recordId, Sha256Hex(ContentOf(i))));
            }

            if (drafts.Count > 0)
            {
                await ledger.AppendAsync([.. drafts]);
            }

            return ledger;
        }

        /// <summary>A record id of the app's form: <c>r&lt;log&gt;-</c> and 24 base64url characters.</summary>
        public static string RecordId(char fill, int log = 0) => string.Create(CultureInfo.InvariantCulture, $"r{log}-{new string(fill, 24)}");

        public static string ContentOf(int i) => string.Create(CultureInfo.InvariantCulture, $"{SecretMarker}-{i}");

        public static EntryDraft Creation(string recordId, string blobName, string sha256) => new(
            "record.created",
            "dr-ada",
            Subject,
            "evt-" + recordId,
            JsonSerializer.SerializeToElement(new SortedDictionary<string, string>(StringComparer.Ordinal)
            {
                ["blobName"] = blobName,
                ["category"] = "general",
                ["ciphertextSha256"] = sha256,
                ["contentType"] = "application/json",
                ["keyId"] = "local:kek/1",
                ["organization"] = "clinic-a",
                ["recordId"] = recordId,
            }))
        {
            IndexKeys = [new LogIndexKey(LogIndexKind.Record, recordId)],
        };

        /// <summary>Appends entries and stores a signed checkpoint covering them.</summary>
        public async Task AppendAsync(params EntryDraft[] drafts)
        {
            await Log.AppendAsync(drafts);
            await Log.SaveCheckpointAsync((await Log.Store.ReadHeadAsync(Token)).Size);
        }

        public async Task<BlobItem> StoreBlobAsync(string name, string content)
        {
            Assert.True((await Container.UploadIfNotExistsAsync(name, BinaryData.FromString(content), cancellationToken: Token)).Created);
            var item = await Container.GetBlobsAsync(name, cancellationToken: Token).SingleAsync(b => b.Name == name, Token);
            LastBlobTime = item.LastModified > LastBlobTime ? item.LastModified : LastBlobTime;
            return item;
        }

        public FakeTimeProvider ClockAfterLastBlob(TimeSpan later) => new(LastBlobTime + later);

        /// <summary>Runs verify on the log and, unless <paramref name="more"/> says otherwise, this ledger's records container.</summary>
        public Task<CliRun> VerifyAsync(TimeProvider clock, params string[] more) =>
            Medledger.RunAsync(
                new CliEnvironment { TimeProvider = clock },
                more.Contains("--records-container") || more.Contains("--no-blobs")
                    ? Log.VerifyWithBlobsArguments(more)
                    : Log.VerifyWithBlobsArguments(["--records-container", Container.Name, .. more]));

        public ValueTask DisposeAsync()
        {
            Log.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
