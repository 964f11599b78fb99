using System.Text;
using MedLedger.Ledger.Appending;
using MedLedger.Ledger.Checkpoints;
using MedLedger.Ledger.Entries;
using MedLedger.Ledger.Hashing;
using MedLedger.Ledger.Merkle;
using MedLedger.Ledger.Storage;
using MedLedger.Ledger.Tiles;
using MedLedger.Ledger.Verification;
using MedLedger.Testing.Time;
using Xunit;

namespace MedLedger.Testing.Ledger;

/// <summary>
/// The behaviour every <see cref="ILogStore"/> must show (the contract in its documentation). A store's test class
/// derives from this and supplies fresh, empty stores; the tests use only the interface (plus the ledger's own
/// appender and verifier), so they run unchanged against memory, Azurite or Azure.
/// </summary>
public abstract class LogStoreContractTests
{
    /// <summary>Gets the test's cancellation token.</summary>
    protected static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Creates a new, empty store for a log of that name (each call a different log).</summary>
    protected abstract Task<ILogStore> CreateStoreAsync(string logName);

    [Fact]
    public async Task NewStore_ReadsAreEmpty()
    {
        var store = await CreateStoreAsync(NewLogName());

        Assert.Equal(LogHead.Empty, await store.ReadHeadAsync(Token));
        Assert.Empty(await ReadAllAsync(store, 0, 10));
        Assert.Null(await store.FindEventAsync("evt-0", Token));
        Assert.Null(await store.ReadLatestCheckpointAsync(Token));
        Assert.Empty(await store.ReadIndexAsync(new LogIndexKey(LogIndexKind.Subject, "pt:0000"), 0, 10, Token));
        Assert.Equal([null], await store.ReadTilesAsync([new TileCoordinate(0, 0)], Token));
        await foreach (var _ in store.ReadCheckpointsAsync(Token))
        {
            Assert.Fail("A new store has no checkpoints.");
        }
    }

    [Fact]
    public async Task AppendAsync_AtExpectedSize_WritesEntriesIndexesTilesAndHead()
    {
        var store = await CreateStoreAsync(NewLogName());
        var batch = await BuildBatchAsync(store, [TestDrafts.Create(1), TestDrafts.Create(2)]);

        Assert.Equal(AppendStatus.Appended, await store.AppendAsync(batch, Token));

        Assert.Equal(batch.NewHead, await store.ReadHeadAsync(Token));
        var stored = await ReadAllAsync(store, 0, 2);
        Assert.Equal(batch.Entries.Select(e => e.Bytes.ToArray()), stored.Select(e => e.Bytes.ToArray()));
        Assert.Equal([0L, 1L], stored.Select(e => e.Index));
        Assert.Equal(new EventLocation(1, batch.Entries[1].LeafHash), await store.FindEventAsync("evt-2", Token));
        Assert.Equal([1L], await store.ReadIndexAsync(batch.Entries[1].IndexKeys[0], 0, 10, Token));
        var tiles = await store.ReadTilesAsync(batch.Tiles.Select(t => t.Coordinate).ToList(), Token);
        Assert.Equal(batch.Tiles.Select(t => t.Encode()), tiles.Select(t => t!.Encode()));
    }

    [Fact]
    public async Task AppendAsync_StaleExpectedSize_ConflictsAndWritesNothing()
    {
        var store = await CreateStoreAsync(NewLogName());
        var first = await BuildBatchAsync(store, [TestDrafts.Create(1)]);
        var stale = await BuildBatchAsync(store, [TestDrafts.Create(2)]);
        Assert.Equal(AppendStatus.Appended, await store.AppendAsync(first, Token));

        Assert.Equal(AppendStatus.Conflict, await store.AppendAsync(stale, Token));

        Assert.Equal(first.NewHead, await store.ReadHeadAsync(Token));
        Assert.Single(await ReadAllAsync(store, 0, 10));
        Assert.Null(await store.FindEventAsync("evt-2", Token));
        Assert.Equal([0L], await store.ReadIndexAsync(new LogIndexKey(LogIndexKind.Subject, TestDrafts.Create(1).Subject), 0, 10, Token));
    }

    [Fact]
    public async Task AppendAsync_FutureExpectedSize_ConflictsAndWritesNothing()
    {
        var store = await CreateStoreAsync(NewLogName());
        var batch = await BuildBatchAsync(store, [TestDrafts.Create(1)]);
        var ahead = batch with
        {
            ExpectedSize = 5,
            Entries = [batch.Entries[0] with { Index = 5 }],
            NewHead = batch.NewHead with { Size = 6 },
        };

        Assert.Equal(AppendStatus.Conflict, await store.AppendAsync(ahead, Token));

        Assert.Equal(LogHead.Empty, await store.ReadHeadAsync(Token));
        Assert.Null(await store.FindEventAsync("evt-1", Token));
    }

    [Fact]
    public async Task AppendAsync_EventIdAlreadyInLog_ConflictsAndWritesNothing()
    {
        var store = await CreateStoreAsync(NewLogName());
        Assert.Equal(AppendStatus.Appended, await store.AppendAsync(await BuildBatchAsync(store, [TestDrafts.Create(1)]), Token));
        var head = await store.ReadHeadAsync(Token);
        var repeat = await BuildBatchAsync(store, [TestDrafts.Create(2), TestDrafts.Create(3, eventId: "evt-1")]);

        Assert.Equal(AppendStatus.Conflict, await store.AppendAsync(repeat, Token));

        Assert.Equal(head, await store.ReadHeadAsync(Token));
        Assert.Single(await ReadAllAsync(store, 0, 10));
        Assert.Null(await store.FindEventAsync("evt-2", Token));
        Assert.Equal(0, (await store.FindEventAsync("evt-1", Token))!.Index);
    }

    [Fact]
    public async Task AppendAsync_OverOperationBudget_FailsAndWritesNothing()
    {
        var store = await CreateStoreAsync(NewLogName());
        Assert.SkipWhen(store.MaxAppendOperations > 1000, "The store's budget is too large to exceed in a test.");
        var drafts = Enumerable.Range(0, (store.MaxAppendOperations / 3) + 1).Select(i => TestDrafts.Create(i)).ToList();
        var batch = await BuildBatchAsync(store, drafts);

        await Assert.ThrowsAnyAsync<Exception>(() => store.AppendAsync(batch, Token));

        Assert.Equal(LogHead.Empty, await store.ReadHeadAsync(Token));
        Assert.Null(await store.FindEventAsync("evt-0", Token));
    }

    [Fact]
    public async Task AppendAsync_EventIdTwiceInOneBatch_ConflictsAndWritesNothing()
    {
        var store = await CreateStoreAsync(NewLogName());
        var batch = await BuildBatchAsync(store, [TestDrafts.Create(1), TestDrafts.Create(2, eventId: "evt-1")]);

        Assert.Equal(AppendStatus.Conflict, await store.AppendAsync(batch, Token));

        Assert.Equal(LogHead.Empty, await store.ReadHeadAsync(Token));
        Assert.Null(await store.FindEventAsync("evt-1", Token));
    }

    [Fact]
    public async Task AppendAsync_OverEntryByteBudget_FailsAndWritesNothing()
    {
        var store = await CreateStoreAsync(NewLogName());
        Assert.SkipWhen(store.MaxAppendEntryBytes > 16 * 1024 * 1024, "The store's byte budget is too large to exceed in a test.");
        var drafts = new List<EntryDraft>();
        var batch = await BuildBatchAsync(store, drafts);
        while (batch.Entries.Sum(e => (long)e.Bytes.Length) <= store.MaxAppendEntryBytes)
        {
            drafts.Add(LargeDraft(drafts.Count, 60_000));
            batch = await BuildBatchAsync(store, drafts);
        }

        Assert.InRange(1 + batch.Tiles.Count + batch.Entries.Sum(e => 2 + e.IndexKeys.Count), 1, store.MaxAppendOperations);

        await Assert.ThrowsAnyAsync<Exception>(() => store.AppendAsync(batch, Token));

        Assert.Equal(LogHead.Empty, await store.ReadHeadAsync(Token));
        Assert.Null(await store.FindEventAsync("evt-large-0", Token));
    }

    [Fact]
    public async Task ReadEntriesAsync_EntryOfTheLargestSize_IsStoredVerbatim()
    {
        var store = await CreateStoreAsync(NewLogName());
        var padding = 60_000;
        var size = LedgerEntry.Create(store.LogName, 0, DateTimeOffset.UnixEpoch, LargeDraft(0, padding), LedgerHash.Zero).Bytes.Length;
        var draft = LargeDraft(0, padding + EntryFormat.MaxEntryBytes - size);
        var batch = await BuildBatchAsync(store, [draft]);
        Assert.Equal(EntryFormat.MaxEntryBytes, batch.Entries[0].Bytes.Length);

        Assert.Equal(AppendStatus.Appended, await store.AppendAsync(batch, Token));

        Assert.Equal(batch.Entries[0].Bytes.ToArray(), (await ReadAllAsync(store, 0, 1)).Single().Bytes.ToArray());
    }

    [Fact]
    public async Task FindEventAsync_IdsWithEveryIdentifierCharacter_AreFoundExactly()
    {
        var store = await CreateStoreAsync(NewLogName());
        string[] ids = ["clinic-1/evt:42@host+x=y~z.w_v", "clinic-1/evt:42@host+x=y~z.w_", "a/b", "a:2Fb", "A/B"];
        var drafts = ids.Select((id, i) => TestDrafts.Create(i, eventId: id, subject: "pt/" + id)).ToList();
        var results = await new LogAppender(store, new FakeTimeProvider()).AppendAsync(drafts, Token);

        for (var i = 0; i < ids.Length; i++)
        {
            Assert.Equal(new EventLocation(i, results[i].LeafHash), await store.FindEventAsync(ids[i], Token));
            Assert.Equal([(long)i], await store.ReadIndexAsync(new LogIndexKey(LogIndexKind.Subject, "pt/" + ids[i]), 0, 10, Token));
        }

        // Strings no identifier can be, among them the escaped forms a store might use for "a/b".
        Assert.Null(await store.FindEventAsync("a%2Fb", Token));
        Assert.Null(await store.FindEventAsync("a!2Fb", Token));
        Assert.Null(await store.FindEventAsync("a", Token));
        Assert.Null(await store.FindEventAsync(new string('x', 5000), Token));
    }

    [Fact]
    public async Task ReadEntriesAsync_BytesAreVerbatim()
    {
        var store = await CreateStoreAsync(NewLogName());
        // Non-ASCII, escapes and an empty object: nothing may be normalised on the way through the store.
        var drafts = new[]
        {
            new EntryDraft("record.created", "a", "", "evt-unicode", System.Text.Json.JsonDocument.Parse("{\"z\":\"é\\u00e9 😀 \\\\ \\u0001\",\"a\":[true,null,-5,{}]}").RootElement),
            new EntryDraft("record.read", "a", "pt:1", "evt-empty", System.Text.Json.JsonDocument.Parse("{}").RootElement),
        };
        var batch = await BuildBatchAsync(store, drafts);
        Assert.Equal(AppendStatus.Appended, await store.AppendAsync(batch, Token));

        var stored = await ReadAllAsync(store, 0, 2);

        Assert.Equal(batch.Entries[0].Bytes.ToArray(), stored[0].Bytes.ToArray());
        Assert.Equal(batch.Entries[1].Bytes.ToArray(), stored[1].Bytes.ToArray());
        Assert.Contains("é", Encoding.UTF8.GetString(stored[0].Bytes.Span), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadEntriesAsync_Ranges_AreInOrderAndStopAtTheEnd()
    {
        var store = await CreateStoreAsync(NewLogName());
        var appender = new LogAppender(store, new FakeTimeProvider());
        await appender.AppendAsync(Enumerable.Range(0, 10).Select(i => TestDrafts.Create(i)).ToList(), Token);

        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), (await ReadAllAsync(store, 0, 10)).Select(e => e.Index));
        Assert.Equal([3L, 4L, 5L], (await ReadAllAsync(store, 3, 6)).Select(e => e.Index));
        Assert.Equal([8L, 9L], (await ReadAllAsync(store, 8, 1000)).Select(e => e.Index));
        Assert.Empty(await ReadAllAsync(store, 4, 4));
        Assert.Empty(await ReadAllAsync(store, 10, 20));
        Assert.Empty(await ReadAllAsync(store, 500, 501));
        foreach (var entry in await ReadAllAsync(store, 0, 10))
        {
            Assert.Equal(entry.Index, LedgerEntry.Parse(entry.Bytes.Span).Entry!.Sequence);
        }
    }

    [Fact]
    public async Task ReadTilesAsync_MixedPresentAndMissing_AnswersInPlace()
    {
        var store = await CreateStoreAsync(NewLogName());
        var batch = await BuildBatchAsync(store, [TestDrafts.Create(1)]);
        await store.AppendAsync(batch, Token);

        var tiles = await store.ReadTilesAsync([new TileCoordinate(3, 9), new TileCoordinate(0, 0), new TileCoordinate(0, 1)], Token);

        Assert.Equal(3, tiles.Count);
        Assert.Null(tiles[0]);
        Assert.Equal(batch.Tiles[0].Encode(), tiles[1]!.Encode());
        Assert.Null(tiles[2]);
    }

    [Fact]
    public async Task ReadTilesAsync_AfterAppendsPastATile_RightEdgeGivesTheHeadRoot()
    {
        var store = await CreateStoreAsync(NewLogName());
        var appender = new LogAppender(store, new FakeTimeProvider());
        await appender.AppendAsync(Enumerable.Range(0, 300).Select(i => TestDrafts.Create(i)).ToList(), Token);
        var head = await store.ReadHeadAsync(Token);
        var leaves = (await ReadAllAsync(store, 0, head.Size)).Select(e => MerkleHash.Leaf(e.Bytes.Span)).ToList();

        var edge = await store.ReadTilesAsync(TileLayout.RightEdge(head.Size), Token);
        var full = await store.ReadTilesAsync([new TileCoordinate(0, 0)], Token);

        Assert.Equal(300, head.Size);
        Assert.Equal(CompactMerkleTree.RootOf(leaves), head.RootHash);
        Assert.Equal(head.RootHash, TileLayout.RootFromRightEdge(head.Size, edge.Select(t => t!).ToList()));
        Assert.True(full[0]!.IsFull);
        Assert.Equal(leaves.Take(256), full[0]!.Hashes.ToArray());
    }

    [Fact]
    public async Task FindEventAsync_AppendedEvent_ReturnsIndexAndLeafHash()
    {
        var store = await CreateStoreAsync(NewLogName());
        var batch = await BuildBatchAsync(store, [TestDrafts.Create(7), TestDrafts.Create(8)]);
        await store.AppendAsync(batch, Token);

        Assert.Equal(new EventLocation(0, batch.Entries[0].LeafHash), await store.FindEventAsync("evt-7", Token));
        Assert.Equal(new EventLocation(1, batch.Entries[1].LeafHash), await store.FindEventAsync("evt-8", Token));
        Assert.Null(await store.FindEventAsync("evt-9", Token));
        Assert.Null(await store.FindEventAsync("EVT-7", Token));
    }

    [Fact]
    public async Task ReadIndexAsync_ManyEntries_PagesAscending()
    {
        var store = await CreateStoreAsync(NewLogName());
        var appender = new LogAppender(store, new FakeTimeProvider());
        var drafts = Enumerable.Range(0, 12).Select(i => TestDrafts.Create(i, subject: i % 3 == 0 ? "pt:paged" : "pt:other")).ToList();
        await appender.AppendAsync(drafts, Token);
        var key = new LogIndexKey(LogIndexKind.Subject, "pt:paged");

        Assert.Equal([0L, 3L], await store.ReadIndexAsync(key, 0, 2, Token));
        Assert.Equal([6L, 9L], await store.ReadIndexAsync(key, 4, 2, Token));
        Assert.Equal([3L, 6L, 9L], await store.ReadIndexAsync(key, 3, 10, Token));
        Assert.Empty(await store.ReadIndexAsync(key, 10, 10, Token));
        Assert.Equal([5L], await store.ReadIndexAsync(new LogIndexKey(LogIndexKind.Record, "rec-000005"), 0, 10, Token));
        Assert.Empty(await store.ReadIndexAsync(new LogIndexKey(LogIndexKind.Record, "pt:paged"), 0, 10, Token));
    }

    [Fact]
    public async Task ReadIndexAsync_KeysThatArePrefixesOfOthers_StaySeparate()
    {
        var store = await CreateStoreAsync(NewLogName());
        var appender = new LogAppender(store, new FakeTimeProvider());
        string[] subjects = ["pt:1", "pt:10", "pt:1/0", "pt:", "pt:1~", "pt:1|0"];
        await appender.AppendAsync(subjects.Select((subject, i) => TestDrafts.Create(i, subject: subject.Replace("|", "=", StringComparison.Ordinal))).ToList(), Token);

        Assert.Equal([0L], await store.ReadIndexAsync(new LogIndexKey(LogIndexKind.Subject, "pt:1"), 0, 10, Token));
        Assert.Equal([1L], await store.ReadIndexAsync(new LogIndexKey(LogIndexKind.Subject, "pt:10"), 0, 10, Token));
        Assert.Equal([2L], await store.ReadIndexAsync(new LogIndexKey(LogIndexKind.Subject, "pt:1/0"), 0, 10, Token));
        Assert.Equal([3L], await store.ReadIndexAsync(new LogIndexKey(LogIndexKind.Subject, "pt:"), 0, 10, Token));
        Assert.Equal([4L], await store.ReadIndexAsync(new LogIndexKey(LogIndexKind.Subject, "pt:1~"), 0, 10, Token));
        Assert.Empty(await store.ReadIndexAsync(new LogIndexKey(LogIndexKind.Subject, "pt:1|0"), 0, 10, Token));
        Assert.Empty(await store.ReadIndexAsync(new LogIndexKey(LogIndexKind.Subject, "pt"), 0, 10, Token));
        Assert.Empty(await store.ReadIndexAsync(new LogIndexKey(LogIndexKind.Subject, new string('x', 5000)), 0, 10, Token));
    }

    [Fact]
    public async Task SaveCheckpointAsync_SameSizeTwice_KeepsTheFirst()
    {
        var store = await CreateStoreAsync(NewLogName());

        await store.SaveCheckpointAsync(new StoredCheckpoint(5, "first\n"), Token);
        await store.SaveCheckpointAsync(new StoredCheckpoint(5, "second\n"), Token);

        Assert.Equal("first\n", (await store.ReadLatestCheckpointAsync(Token))!.SignedNote);
    }

    [Fact]
    public async Task ReadCheckpointsAsync_SavedOutOfOrder_AscendingAndLatestIsLargest()
    {
        var store = await CreateStoreAsync(NewLogName());
        foreach (var size in new long[] { 20, 3, 11, 0 })
        {
            await store.SaveCheckpointAsync(new StoredCheckpoint(size, $"note {size}\n"), Token);
        }

        var all = new List<StoredCheckpoint>();
        await foreach (var checkpoint in store.ReadCheckpointsAsync(Token))
        {
            all.Add(checkpoint);
        }

        Assert.Equal([0L, 3L, 11L, 20L], all.Select(c => c.TreeSize));
        Assert.Equal("note 3\n", all[1].SignedNote);
        Assert.Equal(20, (await store.ReadLatestCheckpointAsync(Token))!.TreeSize);
    }

    [Fact]
    public async Task LogAppender_ConcurrentAppendersOnOneStore_ContiguousLogThatVerifies()
    {
        var store = await CreateStoreAsync(NewLogName());
        var clock = new FakeTimeProvider();
        var appenders = new[] { new LogAppender(store, clock), new LogAppender(store, clock) };

        var results = await Task.WhenAll(Enumerable.Range(0, 60).Select(i =>
            Task.Run(() => appenders[i % 2].AppendAsync(TestDrafts.Create(i), Token), Token)));

        Assert.Equal(Enumerable.Range(0, 60).Select(i => (long)i), results.Select(r => r.Index).Order());
        Assert.All(results, r => Assert.False(r.AlreadyPresent));
        await AssertVerifiesAsync(store, expectedSize: 60);
    }

    [Fact]
    public async Task LogAppender_RepeatedEventIds_EachRecordedOnce()
    {
        var store = await CreateStoreAsync(NewLogName());
        var clock = new FakeTimeProvider();
        var appenders = new[] { new LogAppender(store, clock), new LogAppender(store, clock) };

        // Every event is delivered twice, to different appenders, as a queue might redeliver it.
        var results = await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            Task.Run(() => appenders[i % 2].AppendAsync(TestDrafts.Create(i / 2), Token), Token)));

        Assert.Equal(20, (await store.ReadHeadAsync(Token)).Size);
        foreach (var pair in results.GroupBy(r => r.EventId))
        {
            Assert.Single(pair.Select(r => r.Index).Distinct());
            Assert.Single(pair, r => !r.AlreadyPresent);
        }

        await AssertVerifiesAsync(store, expectedSize: 20);
    }

    /// <summary>Creates a draft whose data holds <paramref name="padding"/> characters, for entries near the size limit.</summary>
    protected static EntryDraft LargeDraft(int number, int padding) => new(
        "record.created",
        "clinic:org-1/user-1",
        "",
        $"evt-large-{number}",
        System.Text.Json.JsonSerializer.SerializeToElement(new { padding = new string('p', padding) }));

    /// <summary>Creates a log name unique to one test.</summary>
    protected static string NewLogName() => "contract-" + Guid.NewGuid().ToString("N")[..16];

    /// <summary>Builds a valid batch appending <paramref name="drafts"/> at the store's current head.</summary>
    protected static async Task<LogAppendBatch> BuildBatchAsync(ILogStore store, IReadOnlyList<EntryDraft> drafts)
    {
        var head = await store.ReadHeadAsync(Token);
        var coordinates = TileLayout.RightEdge(head.Size);
        var tiles = (await store.ReadTilesAsync(coordinates, Token)).Select(t => t!).ToList();
        var time = new DateTimeOffset(2026, 1, 2, 3, 4, 5, 678, TimeSpan.Zero);
        var writes = new List<LogEntryWrite>();
        var prev = head.LastLeafHash;
        foreach (var draft in drafts)
        {
            var entry = LedgerEntry.Create(store.LogName, head.Size + writes.Count, time, draft, prev);
            var keys = new List<LogIndexKey> { new(LogIndexKind.Subject, draft.Subject) };
            keys.AddRange(draft.IndexKeys);
            writes.Add(new LogEntryWrite(entry.Sequence, entry.Bytes, entry.LeafHash, draft.EventId, keys.Where(k => k.Value.Length > 0).Distinct().ToList()));
            prev = entry.LeafHash;
        }

        var appended = TileLayout.Append(head.Size, tiles, writes.Select(w => w.LeafHash).ToList());
        return new LogAppendBatch(head.Size, writes, appended.ChangedTiles, new LogHead(appended.TreeSize, appended.RootHash, prev));
    }

    /// <summary>Reads entries [start, end) into a list.</summary>
    protected static async Task<List<StoredEntry>> ReadAllAsync(ILogStore store, long start, long end)
    {
        var entries = new List<StoredEntry>();
        await foreach (var entry in store.ReadEntriesAsync(start, end, Token))
        {
            entries.Add(entry);
        }

        return entries;
    }

    /// <summary>Signs a checkpoint of the store's head, saves it, and verifies the whole store against it.</summary>
    protected static async Task AssertVerifiesAsync(ILogStore store, long expectedSize)
    {
        using var signer = LocalCheckpointSigner.Generate(store.LogName);
        using var key = signer.CreateVerifierKey();
        var head = await store.ReadHeadAsync(Token);
        var note = await new Checkpoint(store.LogName, head.Size, head.RootHash).SignAsync(signer, Token);
        await store.SaveCheckpointAsync(new StoredCheckpoint(head.Size, note), Token);

        var result = await new LogVerifier([key]).VerifyStoreAsync(store, cancellationToken: Token);

        Assert.True(result.IsValid, result.ToString());
        Assert.Equal(expectedSize, result.EntriesVerified);
        Assert.Equal(expectedSize, result.CheckpointedSize);
    }
}
