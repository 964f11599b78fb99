using System.Text.Json;
using MedLedger.Ledger.Appending;
using MedLedger.Ledger.Checkpoints;
using MedLedger.Ledger.Entries;
using MedLedger.Ledger.Hashing;
using MedLedger.Ledger.Storage;
using MedLedger.Ledger.Tiles;
using MedLedger.Ledger.Verification;
using MedLedger.Testing.Ledger;
using MedLedger.Testing.Time;

namespace MedLedger.Ledger.Tests.Appending;

public sealed class LogAppenderTests
{
    private const string LogName = "medledger.test/appender";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AppendAsync_FirstDraft_WritesEntryZeroWithInjectedTime()
    {
        var store = new InMemoryLogStore(LogName);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 5, 6, 7, 8, 9, 123, TimeSpan.Zero).AddTicks(4567));
        var appender = new LogAppender(store, clock);

        var result = await appender.AppendAsync(TestDrafts.Create(1), Token);

        Assert.Equal(new AppendResult("evt-1", 0, result.LeafHash, false), result);
        var stored = await SingleEntryAsync(store, 0);
        var entry = LedgerEntry.Parse(stored.Span).Entry!;
        Assert.Equal((LogName, 0L, LedgerHash.Zero), (entry.Log, entry.Sequence, entry.Prev));
        Assert.Equal(new DateTimeOffset(2026, 5, 6, 7, 8, 9, 123, TimeSpan.Zero), entry.Time);
        Assert.Equal(MerkleHash.Leaf(stored.Span), result.LeafHash);
        Assert.Equal([0L], await store.ReadIndexAsync(new LogIndexKey(LogIndexKind.Subject, entry.Subject), 0, 10, Token));
        Assert.Equal([0L], await store.ReadIndexAsync(new LogIndexKey(LogIndexKind.Record, "rec-000001"), 0, 10, Token));
    }

    [Fact]
    public async Task AppendAsync_ManyCalls_ChainsEntriesAndTheLogVerifies()
    {
        var store = new InMemoryLogStore(LogName);
        var clock = new FakeTimeProvider();
        var appender = new LogAppender(store, clock);

        for (var call = 0; call < 30; call++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await appender.AppendAsync(Enumerable.Range(call * 11, 11).Select(i => TestDrafts.Create(i)).ToList(), Token);
        }

        await AssertStoreVerifiesAsync(store, 330);
    }

    [Fact]
    public async Task AppendAsync_ConcurrentCallers_ShareOneStoreAppend()
    {
        var store = new FaultInjectingLogStore(new InMemoryLogStore(LogName)) { AppendGate = new TaskCompletionSource() };
        var gate = store.AppendGate!;
        var appender = new LogAppender(store, new FakeTimeProvider());

        var leader = appender.AppendAsync(TestDrafts.Create(0), Token);
        await store.AppendReachedGate.Task.WaitAsync(Token);
        var followers = Enumerable.Range(1, 49).Select(i => appender.AppendAsync(TestDrafts.Create(i), Token)).ToList();
        while (appender.QueuedCount < 49)
        {
            await Task.Delay(1, Token);
        }

        gate.SetResult();
        var results = await Task.WhenAll([leader, .. followers]);

        Assert.Equal(2, store.AppendCalls);
        Assert.Equal(Enumerable.Range(0, 50).Select(i => (long)i), results.Select(r => r.Index).Order());
        Assert.Equal(0, results[0].Index);
        await AssertStoreVerifiesAsync(store, 50);
    }

    [Fact]
    public async Task AppendAsync_SmallOperationBudget_SplitsIntoBatchesThatFit()
    {
        var store = new FaultInjectingLogStore(new InMemoryLogStore(LogName, maxAppendOperations: 12)) { AppendGate = new TaskCompletionSource() };
        var gate = store.AppendGate!;
        var appender = new LogAppender(store, new FakeTimeProvider());

        var first = appender.AppendAsync(TestDrafts.Create(0), Token);
        await store.AppendReachedGate.Task.WaitAsync(Token);
        var rest = appender.AppendAsync(Enumerable.Range(1, 49).Select(i => TestDrafts.Create(i)).ToList(), Token);
        gate.SetResult();
        await first;
        var results = await rest;

        // Each entry costs 4 operations (entry, event row, subject and record index) plus its tiles and the head.
        Assert.All(store.OperationCounts, count => Assert.InRange(count, 1, 12));
        Assert.Equal(1 + 25, store.AppendCalls);
        Assert.Equal(Enumerable.Range(1, 49).Select(i => (long)i), results.Select(r => r.Index));
        await AssertStoreVerifiesAsync(store, 50);
    }

    [Fact]
    public async Task AppendAsync_SmallByteBudget_SplitsIntoBatchesThatFit()
    {
        var store = new FaultInjectingLogStore(new InMemoryLogStore(LogName, maxAppendEntryBytes: EntryFormat.MaxEntryBytes)) { AppendGate = new TaskCompletionSource() };
        var gate = store.AppendGate!;
        var appender = new LogAppender(store, new FakeTimeProvider());
        // About 20 KB each: three fit the 64 KiB budget, four do not.
        var drafts = Enumerable.Range(0, 10).Select(i => new EntryDraft(
            "record.created", "actor", "pt:1", $"evt-large-{i}", JsonSerializer.SerializeToElement(new { blob = new string('x', 20_000) }))).ToList();

        var first = appender.AppendAsync(TestDrafts.Create(0), Token);
        await store.AppendReachedGate.Task.WaitAsync(Token);
        var rest = appender.AppendAsync(drafts, Token);
        gate.SetResult();
        await first;
        var results = await rest;

        Assert.All(store.EntryByteCounts, count => Assert.InRange(count, 1, EntryFormat.MaxEntryBytes));
        Assert.Equal(1 + 4, store.AppendCalls);
        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), results.Select(r => r.Index));
        await AssertStoreVerifiesAsync(store, 11);
    }

    [Fact]
    public void Constructor_StoreByteBudgetBelowOneEntry_Throws()
    {
        var store = new FaultInjectingLogStore(new InMemoryLogStore(LogName)) { EntryByteBudget = EntryFormat.MaxEntryBytes - 1 };

        Assert.Throws<ArgumentException>(() => new LogAppender(store, new FakeTimeProvider()));
        Assert.Throws<ArgumentOutOfRangeException>(() => new InMemoryLogStore(LogName, maxAppendEntryBytes: EntryFormat.MaxEntryBytes - 1));
    }

    [Fact]
    public async Task AppendAsync_SameEventIdAgain_ReturnsTheOriginalAndAddsNothing()
    {
        var store = new InMemoryLogStore(LogName);
        var appender = new LogAppender(store, new FakeTimeProvider());
        var first = await appender.AppendAsync(TestDrafts.Create(1), Token);
        await appender.AppendAsync(TestDrafts.Create(2), Token);

        var again = await appender.AppendAsync(TestDrafts.Create(1), Token);
        var differentContent = await appender.AppendAsync(TestDrafts.Create(99, eventId: "evt-1"), Token);
        var fresh = await new LogAppender(store, new FakeTimeProvider()).AppendAsync(TestDrafts.Create(1), Token);

        Assert.Equal(first with { AlreadyPresent = true }, again);
        Assert.Equal(first with { AlreadyPresent = true }, differentContent);
        Assert.Equal(first with { AlreadyPresent = true }, fresh);
        Assert.Equal(2, store.Count);
    }

    [Fact]
    public async Task AppendAsync_RepeatsInsideOneBatch_RecordedOnce()
    {
        var store = new InMemoryLogStore(LogName);
        var appender = new LogAppender(store, new FakeTimeProvider());

        var results = await appender.AppendAsync([TestDrafts.Create(1), TestDrafts.Create(2), TestDrafts.Create(7, eventId: "evt-1"), TestDrafts.Create(1)], Token);

        Assert.Equal([0L, 1L, 0L, 0L], results.Select(r => r.Index));
        Assert.Equal([false, false, true, true], results.Select(r => r.AlreadyPresent));
        Assert.Equal(2, store.Count);
    }

    [Fact]
    public async Task AppendAsync_StoreCommittedButResponseLost_ReportsAppendedOnce()
    {
        var store = new FaultInjectingLogStore(new InMemoryLogStore(LogName)) { FailAfterCommit = 1 };
        var appender = new LogAppender(store, new FakeTimeProvider());

        var result = await appender.AppendAsync(TestDrafts.Create(1), Token);
        var next = await appender.AppendAsync(TestDrafts.Create(2), Token);

        Assert.False(result.AlreadyPresent);
        Assert.Equal((0L, 1L), (result.Index, next.Index));
        Assert.Equal(1, store.Statuses.Count(s => s == AppendStatus.Appended) - 1);
        await AssertStoreVerifiesAsync(store, 2);
    }

    [Fact]
    public async Task AppendAsync_BatchCommittedButResponseLost_EveryDraftReportedAppendedOnce()
    {
        var store = new FaultInjectingLogStore(new InMemoryLogStore(LogName)) { FailAfterCommit = 1 };
        var appender = new LogAppender(store, new FakeTimeProvider());

        var results = await appender.AppendAsync(Enumerable.Range(0, 5).Select(i => TestDrafts.Create(i)).ToList(), Token);

        Assert.Equal([0L, 1L, 2L, 3L, 4L], results.Select(r => r.Index));
        Assert.All(results, r => Assert.False(r.AlreadyPresent));
        Assert.Equal(1, store.AppendCalls);
        await AssertStoreVerifiesAsync(store, 5);
    }

    [Fact]
    public async Task AppendAsync_StoreFailedBeforeCommitting_RetriesAndAppendsOnce()
    {
        var store = new FaultInjectingLogStore(new InMemoryLogStore(LogName)) { FailBeforeCommit = 2 };
        var appender = new LogAppender(store, new FakeTimeProvider());

        var result = await appender.AppendAsync(TestDrafts.Create(1), Token);

        Assert.Equal(0, result.Index);
        Assert.Equal(3, store.AppendCalls);
        await AssertStoreVerifiesAsync(store, 1);
    }

    [Fact]
    public async Task AppendAsync_AmbiguousFailureAndLookupFails_CallerGetsTheFailureAndNothingIsHalfWritten()
    {
        var store = new FaultInjectingLogStore(new InMemoryLogStore(LogName)) { FailBeforeCommit = 1, FailLookups = true };
        var appender = new LogAppender(store, new FakeTimeProvider());

        var failure = await Assert.ThrowsAsync<IOException>(() => appender.AppendAsync(TestDrafts.Create(1), Token));
        store.FailLookups = false;
        var retried = await appender.AppendAsync(TestDrafts.Create(1), Token);

        Assert.Contains("lookup", failure.Message, StringComparison.Ordinal);
        Assert.Equal(0, retried.Index);
        await AssertStoreVerifiesAsync(store, 1);
    }

    [Fact]
    public async Task AppendAsync_StoreKeepsFailing_ThrowsTheStoreFailureAfterTheAttempts()
    {
        var store = new FaultInjectingLogStore(new InMemoryLogStore(LogName)) { FailBeforeCommit = int.MaxValue };
        var appender = new LogAppender(store, new FakeTimeProvider(), new LogAppenderOptions { MaxAttempts = 3 });

        await Assert.ThrowsAsync<IOException>(() => appender.AppendAsync(TestDrafts.Create(1), Token));

        Assert.Equal(3, store.AppendCalls);
        Assert.Equal(LogHead.Empty, await store.ReadHeadAsync(Token));
    }

    [Fact]
    public async Task AppendAsync_AnotherAppenderMovedTheLog_RetriesOnConflict()
    {
        var inner = new InMemoryLogStore(LogName);
        var store = new FaultInjectingLogStore(inner);
        var first = new LogAppender(store, new FakeTimeProvider());
        var second = new LogAppender(inner, new FakeTimeProvider());
        await first.AppendAsync(TestDrafts.Create(1), Token);
        await second.AppendAsync(TestDrafts.Create(2), Token);

        var result = await first.AppendAsync(TestDrafts.Create(3), Token);

        Assert.Equal(2, result.Index);
        Assert.Equal([AppendStatus.Appended, AppendStatus.Conflict, AppendStatus.Appended], store.Statuses);
        await AssertStoreVerifiesAsync(inner, 3);
    }

    [Fact]
    public async Task AppendAsync_OtherAppenderWinsManyRaces_RetriesWithoutUsingUpAttempts()
    {
        var inner = new InMemoryLogStore(LogName);
        var other = new LogAppender(inner, new FakeTimeProvider());
        var wins = 0;
        var store = new FaultInjectingLogStore(inner)
        {
            BeforeAppend = async () =>
            {
                if (wins < 6)
                {
                    await other.AppendAsync(TestDrafts.Create(100 + wins++), Token);
                }
            },
        };
        var appender = new LogAppender(store, new FakeTimeProvider(), new LogAppenderOptions { MaxAttempts = 2 });

        var result = await appender.AppendAsync(TestDrafts.Create(1), Token);

        Assert.Equal(6, result.Index);
        Assert.Equal(6, store.Statuses.Count(s => s == AppendStatus.Conflict));
        await AssertStoreVerifiesAsync(inner, 7);
    }

    [Fact]
    public async Task AppendAsync_ConflictsForever_ThrowsInvalidOperation()
    {
        var store = new FaultInjectingLogStore(new InMemoryLogStore(LogName)) { AlwaysConflict = true };
        var appender = new LogAppender(store, new FakeTimeProvider(), new LogAppenderOptions { MaxAttempts = 4 });

        await Assert.ThrowsAsync<InvalidOperationException>(() => appender.AppendAsync(TestDrafts.Create(1), Token));

        Assert.Equal(4, store.AppendCalls);
    }

    [Fact]
    public async Task AppendAsync_TwoAppendersRacing_AllEntriesContiguousAndVerify()
    {
        var store = new InMemoryLogStore(LogName, maxAppendOperations: 40);
        var appenders = new[] { new LogAppender(store, new FakeTimeProvider()), new LogAppender(store, new FakeTimeProvider()) };

        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(i =>
            Task.Run(() => appenders[i % 2].AppendAsync(TestDrafts.Create(i), Token), Token)));

        Assert.Equal(Enumerable.Range(0, 200).Select(i => (long)i), results.Select(r => r.Index).Order());
        await AssertStoreVerifiesAsync(store, 200);
    }

    [Fact]
    public async Task AppendAsync_WaitingCallerCancelled_StopsWaitingWhileOthersProceed()
    {
        var store = new FaultInjectingLogStore(new InMemoryLogStore(LogName)) { AppendGate = new TaskCompletionSource() };
        var gate = store.AppendGate!;
        var appender = new LogAppender(store, new FakeTimeProvider());
        var leader = appender.AppendAsync(TestDrafts.Create(0), Token);
        await store.AppendReachedGate.Task.WaitAsync(Token);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var waiting = appender.AppendAsync(TestDrafts.Create(1), cancel.Token);

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        gate.SetResult();
        await leader;

        // The cancelled draft was already queued; it is appended anyway, and appending it again is idempotent.
        var again = await appender.AppendAsync(TestDrafts.Create(1), Token);
        Assert.True(again.AlreadyPresent);
        Assert.Equal(1, again.Index);
    }

    [Fact]
    public async Task AppendAsync_InvalidDrafts_ThrowBeforeQueueing()
    {
        var store = new InMemoryLogStore(LogName, maxAppendOperations: 6);
        var appender = new LogAppender(store, new FakeTimeProvider());
        var tooManyKeys = new EntryDraft("record.created", "a", "pt:1", "e", JsonDocument.Parse("{}").RootElement)
        {
            IndexKeys = [new LogIndexKey(LogIndexKind.Record, "r1"), new LogIndexKey(LogIndexKind.Record, "r2")],
        };
        var huge = new EntryDraft("record.created", "a", "", "h", JsonSerializer.SerializeToElement(new { blob = new string('x', EntryFormat.MaxEntryBytes - 50) }));

        await Assert.ThrowsAsync<ArgumentException>(() => appender.AppendAsync(tooManyKeys, Token));
        await Assert.ThrowsAsync<ArgumentException>(() => appender.AppendAsync(huge, Token));
        Assert.Equal(0, store.Count);
        Assert.Empty(await appender.AppendAsync([], Token));
    }

    [Fact]
    public void Constructor_UnusableStoreOrOptions_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new LogAppender(new InMemoryLogStore(LogName), TimeProvider.System, new LogAppenderOptions { MaxBatchEntries = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LogAppender(new InMemoryLogStore(LogName), TimeProvider.System, new LogAppenderOptions { MaxAttempts = 0 }));
    }

    [Fact]
    public void TilesChanged_MatchesTileLayoutAcrossTileBoundaries()
    {
        var random = new Random(99);
        long size = 0;
        IReadOnlyList<Tile> edge = [];
        while (size < 70_000)
        {
            var count = random.Next(1, 700);
            var leaves = Enumerable.Range(0, count).Select(i => LedgerHash.Sha256(BitConverter.GetBytes(size + i))).ToList();

            var appended = TileLayout.Append(size, edge, leaves);

            Assert.Equal(appended.ChangedTiles.Count, LogAppender.TilesChanged(size, count));
            var changed = appended.ChangedTiles.ToDictionary(t => t.Coordinate);
            size = appended.TreeSize;
            edge = TileLayout.RightEdge(size).Select(c => changed.TryGetValue(c, out var t) ? t : edge.Single(e => e.Coordinate == c)).ToList();
        }

        Assert.Equal(3, LogAppender.TilesChanged(65_535, 1));
        Assert.Equal(1, LogAppender.TilesChanged(65_536, 1));
        Assert.Equal(0, LogAppender.TilesChanged(10, 0));
    }

    private static async Task<ReadOnlyMemory<byte>> SingleEntryAsync(ILogStore store, long index)
    {
        await foreach (var entry in store.ReadEntriesAsync(index, index + 1, Token))
        {
            return entry.Bytes;
        }

        throw new InvalidOperationException("No such entry.");
    }

    private static async Task AssertStoreVerifiesAsync(ILogStore store, long size)
    {
        using var signer = LocalCheckpointSigner.Generate(store.LogName);
        using var key = signer.CreateVerifierKey();
        var head = await store.ReadHeadAsync(Token);
        await store.SaveCheckpointAsync(new StoredCheckpoint(head.Size, await new Checkpoint(store.LogName, head.Size, head.RootHash).SignAsync(signer, Token)), Token);

        var result = await new LogVerifier([key]).VerifyStoreAsync(store, cancellationToken: Token);

        Assert.True(result.IsValid, result.ToString());
        Assert.Equal(size, result.EntriesVerified);
    }
}
