using MedLedger.Clients.Tables;
using MedLedger.Infrastructure.Ledger;
using MedLedger.Ledger.Appending;
using MedLedger.Ledger.Storage;
using MedLedger.Testing.Azurite;
using MedLedger.Testing.Ledger;
using MedLedger.Testing.Time;

namespace MedLedger.Infrastructure.Tests.Ledger;

/// <summary>The store contract against Azurite, plus what is specific to the Table layout.</summary>
public sealed class TableLogStoreTests(AzuriteFixture azurite) : LogStoreContractTests
{
    // Logs share one table, as in production: each test's log is its own partition.
    private static readonly string SharedTable = UniqueNames.Table("ledger");

    protected override async Task<ILogStore> CreateStoreAsync(string logName) => await CreateTableStoreAsync(logName);

    [Fact]
    public async Task AppendAsync_FirstAppend_WritesExactlyTheRowsItCountsWithFormatVersions()
    {
        var store = await CreateTableStoreAsync(NewLogName());
        var batch = await BuildBatchAsync(store, [TestDrafts.Create(1), TestDrafts.Create(2)]);

        Assert.Equal(AppendStatus.Appended, await store.AppendAsync(batch, Token));

        var rows = await TableLogRowsReader.ReadPartitionAsync(Table(), store.PartitionKey, Token);
        var operations = 1 + batch.Tiles.Count + batch.Entries.Sum(e => 2 + e.IndexKeys.Count);
        Assert.Equal(operations, rows.Count);
        Assert.Equal(
            [
                "entry|0000000000000000000", "entry|0000000000000000001", "event|evt-1", "event|evt-2", "head",
                "record|rec-000001|0000000000000000000", "record|rec-000002|0000000000000000001",
                "subject|pt:0001|0000000000000000000", "subject|pt:0002|0000000000000000001", "tile|00|0000000000000000000",
            ],
            rows.Select(r => r.RowKey));
        Assert.All(rows, row => Assert.Equal(1, row.GetInt32("FormatVersion")));
        Assert.Equal(batch.Entries[1].Bytes.ToArray(), rows[1].GetBinary("Entry").ToArray());
        Assert.Equal(2, rows[4].GetInt64("Size"));
    }

    [Fact]
    public void Constructor_LogNameWithSlash_IsEscapedIntoAValidPartitionKey()
    {
        var store = new TableLogStore(Table(), "medledger.example/ledger:eu");

        Assert.Equal("medledger.example!2Fledger:eu", store.PartitionKey);
        Assert.Equal("medledger.example/ledger:eu", store.LogName);
        Assert.Throws<ArgumentException>(() => new TableLogStore(Table(), "bad log"));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TableLogStore(Table(), "ok", new TableLogStoreOptions { MaxAppendOperations = 101 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TableLogStore(Table(), "ok", new TableLogStoreOptions { MaxAppendEntryBytes = 4 * 1024 * 1024 }));
    }

    [Fact]
    public async Task AppendAsync_AnotherInstanceAppendedSinceTheHeadWasRead_Conflicts()
    {
        var logName = NewLogName();
        var first = await CreateTableStoreAsync(logName);
        var second = await CreateTableStoreAsync(logName);
        await first.AppendAsync(await BuildBatchAsync(first, [TestDrafts.Create(1)]), Token);
        var stale = await BuildBatchAsync(first, [TestDrafts.Create(2)]);
        Assert.Equal(AppendStatus.Appended, await second.AppendAsync(await BuildBatchAsync(second, [TestDrafts.Create(3)]), Token));

        Assert.Equal(AppendStatus.Conflict, await first.AppendAsync(stale, Token));

        Assert.Equal(2, (await first.ReadHeadAsync(Token)).Size);
        Assert.Null(await first.FindEventAsync("evt-2", Token));
        Assert.Equal(AppendStatus.Appended, await first.AppendAsync(await BuildBatchAsync(first, [TestDrafts.Create(2)]), Token));
    }

    [Fact]
    public async Task AppendAsync_HeadRewrittenWithoutGrowing_IfMatchInsideTheTransactionRefusesIt()
    {
        // Azurite issue #1233 (batch updates ignoring If-Match): only the head's ETag guards this append, because no
        // row of it exists yet.
        var store = await CreateTableStoreAsync(NewLogName());
        await store.AppendAsync(await BuildBatchAsync(store, [TestDrafts.Create(1)]), Token);
        var batch = await BuildBatchAsync(store, [TestDrafts.Create(2)]);
        var head = await Table().GetEntityAsync(store.PartitionKey, "head", Token);
        await Table().UpdateEntityAsync(head, head.ETag, TableUpdateMode.Replace, Token);
        var before = await TableLogRowsReader.ReadPartitionAsync(Table(), store.PartitionKey, Token);

        Assert.Equal(AppendStatus.Conflict, await store.AppendAsync(batch, Token));

        TableLogRowsReader.AssertSameRows(before, await TableLogRowsReader.ReadPartitionAsync(Table(), store.PartitionKey, Token));
        Assert.Equal(AppendStatus.Appended, await store.AppendAsync(batch, Token));
    }

    [Fact]
    public async Task AppendAsync_HeadFailsLastInTheTransaction_NoRowOfAnyTypeChanges()
    {
        // The head is the transaction's last action: entries, event and index rows and tiles were all applied
        // before it failed, and all must be rolled back.
        var logName = NewLogName();
        var store = await CreateTableStoreAsync(logName);
        var appender = new LogAppender(store, new FakeTimeProvider());
        await appender.AppendAsync(Enumerable.Range(0, 255).Select(i => TestDrafts.Create(i)).ToList(), Token);
        var stale = await BuildBatchAsync(store, [TestDrafts.Create(300), TestDrafts.Create(301)]);
        Assert.True(stale.Tiles.Count >= 2);
        var other = await CreateTableStoreAsync(logName);
        await other.ReadHeadAsync(Token);
        var head = await Table().GetEntityAsync(other.PartitionKey, "head", Token);
        await Table().UpdateEntityAsync(head, head.ETag, TableUpdateMode.Replace, Token);
        var before = await TableLogRowsReader.ReadPartitionAsync(Table(), store.PartitionKey, Token);

        Assert.Equal(AppendStatus.Conflict, await store.AppendAsync(stale, Token));

        TableLogRowsReader.AssertSameRows(before, await TableLogRowsReader.ReadPartitionAsync(Table(), store.PartitionKey, Token));
    }

    [Fact]
    public async Task AppendAsync_RepeatedEventIdMidTransaction_NoRowOfAnyTypeChanges()
    {
        var store = await CreateTableStoreAsync(NewLogName());
        await store.AppendAsync(await BuildBatchAsync(store, [TestDrafts.Create(1)]), Token);
        var batch = await BuildBatchAsync(store, [TestDrafts.Create(2), TestDrafts.Create(3), TestDrafts.Create(4, eventId: "evt-1")]);
        var before = await TableLogRowsReader.ReadPartitionAsync(Table(), store.PartitionKey, Token);

        Assert.Equal(AppendStatus.Conflict, await store.AppendAsync(batch, Token));

        TableLogRowsReader.AssertSameRows(before, await TableLogRowsReader.ReadPartitionAsync(Table(), store.PartitionKey, Token));
    }

    [Fact]
    public async Task AppendAsync_EntryLargerThanABinaryProperty_RefusedBeforeSending()
    {
        var store = await CreateTableStoreAsync(NewLogName());
        var batch = await BuildBatchAsync(store, [TestDrafts.Create(1)]);
        var oversized = batch with { Entries = [batch.Entries[0] with { Bytes = new byte[TableLimits.MaxBinaryBytes + 1] }] };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => store.AppendAsync(oversized, Token));

        Assert.Contains("65537 bytes", error.Message, StringComparison.Ordinal);
        Assert.Empty(await TableLogRowsReader.ReadPartitionAsync(Table(), store.PartitionKey, Token));
    }

    [Fact]
    public async Task ReadEntriesAsync_CallerStopsEarly_PrefetchIsCancelledQuietly()
    {
        var table = Table();
        var store = new TableLogStore(table, NewLogName(), new TableLogStoreOptions { EntryPageSize = 2 });
        await new LogAppender(store, new FakeTimeProvider()).AppendAsync(Enumerable.Range(0, 7).Select(i => TestDrafts.Create(i)).ToList(), Token);

        var seen = new List<long>();
        await foreach (var entry in store.ReadEntriesAsync(0, 7, Token))
        {
            seen.Add(entry.Index);
            if (seen.Count == 3)
            {
                break;
            }
        }

        Assert.Equal([0L, 1L, 2L], seen);
        Assert.Equal(7, (await ReadAllAsync(store, 0, long.MaxValue)).Count);
    }

    private TableClient Table() => azurite.CreateAccount().GetTableClient(SharedTable);

    private async Task<TableLogStore> CreateTableStoreAsync(string logName)
    {
        // Each store gets its own account object and pipeline, like separate processes.
        var store = TableLogStore.Open(azurite.CreateAccount(), logName, tableName: SharedTable);
        await store.CreateTableIfNotExistsAsync(Token);
        return store;
    }
}
