using System.Text;
using MedLedger.Ledger.Checkpoints;
using MedLedger.Ledger.Entries;
using MedLedger.Ledger.Hashing;
using MedLedger.Ledger.Storage;
using MedLedger.Ledger.Tests.Support;
using MedLedger.Ledger.Verification;

namespace MedLedger.Ledger.Tests.Verification;

public sealed class LogVerifierTests
{
    private static readonly TestLog Log = TestLog.Thousand;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task VerifyAsync_ValidLogWithCheckpoints_IsValid()
    {
        var entries = Log.Copy(300);
        var progress = new SynchronousProgress();

        var result = await TestLog.VerifyAsync(entries, [Log.CheckpointAt(300), Log.CheckpointAt(17), Log.CheckpointAt(256)], new LogVerifierOptions { BatchSize = 64 }, progress);

        Assert.True(result.IsValid, result.ToString());
        Assert.Equal(300, result.EntriesVerified);
        Assert.Equal(300, result.CheckpointedSize);
        Assert.Equal(TestLog.RootOf(entries), result.RootHash);
        Assert.Null(result.FirstBadIndex);
        Assert.Equal(VerificationFault.None, result.Fault);
        Assert.Equal(300, progress.Values[^1]);
        Assert.Equal(progress.Values.Order(), progress.Values);
        Assert.StartsWith("valid: 300 entries verified", result.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAsync_EntriesBeyondTheLatestCheckpoint_AreValidButNotCovered()
    {
        var result = await TestLog.VerifyAsync(Log.Copy(50), [Log.CheckpointAt(40)]);

        Assert.True(result.IsValid);
        Assert.Equal(50, result.EntriesVerified);
        Assert.Equal(40, result.CheckpointedSize);
    }

    [Fact]
    public async Task VerifyAsync_NoEntriesAndNoCheckpoints_IsValidAndEmpty()
    {
        var result = await TestLog.VerifyAsync([], []);

        Assert.True(result.IsValid);
        Assert.Equal(0, result.EntriesVerified);
        Assert.Equal(MerkleHash.EmptyRoot, result.RootHash);
    }

    [Fact]
    public async Task VerifyAsync_SingleThreadedAndTinyBatches_SameOutcome()
    {
        var entries = Log.Copy(100);
        entries[37] = TestLog.Rewrite(entries, 37, content: 5000);

        var parallel = await TestLog.VerifyAsync(entries, [Log.CheckpointAt(100)]);
        var single = await TestLog.VerifyAsync(entries, [Log.CheckpointAt(100)], new LogVerifierOptions { MaxDegreeOfParallelism = 1, BatchSize = 1 });

        Assert.Equal((VerificationFault.ChangedEntry, 37L), (parallel.Fault, parallel.FirstBadIndex!.Value));
        Assert.Equal((parallel.Fault, parallel.FirstBadIndex, parallel.EntriesVerified), (single.Fault, single.FirstBadIndex, single.EntriesVerified));
    }

    [Fact]
    public async Task VerifyAsync_ChangedBody_IsChangedEntryAtThatIndex()
    {
        var entries = Log.Copy(20);
        entries[7] = TestLog.Rewrite(entries, 7, content: 999);

        var result = await TestLog.VerifyAsync(entries, [Log.CheckpointAt(20)]);

        AssertFault(result, VerificationFault.ChangedEntry, 7);
        Assert.Equal(7, result.EntriesVerified);
        Assert.StartsWith("ChangedEntry at index 7: ", result.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAsync_ChangedBodyOfSecondToLast_CheckpointTellsWhichEntryChanged()
    {
        var entries = Log.Copy(20);
        entries[18] = TestLog.Rewrite(entries, 18, content: 999);

        AssertFault(await TestLog.VerifyAsync(entries, [Log.CheckpointAt(20)]), VerificationFault.ChangedEntry, 18);
        // Without a checkpoint for the whole log, only the broken link between 18 and 19 is certain.
        AssertFault(await TestLog.VerifyAsync(entries, [Log.CheckpointAt(10)]), VerificationFault.BrokenLink, 18);
    }

    [Fact]
    public async Task VerifyAsync_ChangedLastEntry_IsRootMismatch()
    {
        var entries = Log.Copy(20);
        entries[19] = TestLog.Rewrite(entries, 19, content: 999);

        AssertFault(await TestLog.VerifyAsync(entries, [Log.CheckpointAt(20)]), VerificationFault.RootMismatch, 19);
        Assert.True((await TestLog.VerifyAsync(entries, [Log.CheckpointAt(19)])).IsValid);
    }

    [Fact]
    public async Task VerifyAsync_ChangedPrev_IsBrokenLinkAtThatIndex()
    {
        var entries = Log.Copy(20);
        entries[9] = TestLog.Rewrite(entries, 9, prev: LedgerHash.Sha256("x"u8));
        var first = Log.Copy(20);
        first[0] = TestLog.Rewrite(first, 0, prev: LedgerHash.Sha256("x"u8));
        var last = Log.Copy(20);
        last[19] = TestLog.Rewrite(last, 19, prev: LedgerHash.Sha256("x"u8));

        AssertFault(await TestLog.VerifyAsync(entries, [Log.CheckpointAt(20)]), VerificationFault.BrokenLink, 9);
        AssertFault(await TestLog.VerifyAsync(first, [Log.CheckpointAt(20)]), VerificationFault.BrokenLink, 0);
        AssertFault(await TestLog.VerifyAsync(last, [Log.CheckpointAt(20)]), VerificationFault.BrokenLink, 19);
    }

    [Fact]
    public async Task VerifyAsync_ChangedSequence_IsChangedEntryAtThatIndex()
    {
        var entries = Log.Copy(20);
        entries[4] = TestLog.Rewrite(entries, 4, sequence: 44);

        AssertFault(await TestLog.VerifyAsync(entries, [Log.CheckpointAt(20)]), VerificationFault.ChangedEntry, 4);
    }

    [Fact]
    public async Task VerifyAsync_DeletedEntries_IsGapAtTheFirstMissingIndex()
    {
        var one = Log.Copy(20);
        one.RemoveAt(6);
        var three = Log.Copy(20);
        three.RemoveRange(6, 3);

        AssertFault(await TestLog.VerifyAsync(one, [Log.CheckpointAt(20)]), VerificationFault.Gap, 6);
        var result = await TestLog.VerifyAsync(three, [Log.CheckpointAt(20)]);
        AssertFault(result, VerificationFault.Gap, 6);
        Assert.Contains("Entries 6 to 8 are missing", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAsync_LogShorterThanCheckpoint_IsTruncated()
    {
        AssertFault(await TestLog.VerifyAsync(Log.Copy(15), [Log.CheckpointAt(20)]), VerificationFault.Truncated, 15);
        AssertFault(await TestLog.VerifyAsync([], [Log.CheckpointAt(20)]), VerificationFault.Truncated, 0);
    }

    [Fact]
    public async Task VerifyAsync_SwappedEntries_IsReordered()
    {
        var adjacent = Log.Copy(20);
        (adjacent[5], adjacent[6]) = (adjacent[6], adjacent[5]);
        var distant = Log.Copy(20);
        (distant[3], distant[12]) = (distant[12], distant[3]);

        AssertFault(await TestLog.VerifyAsync(adjacent, [Log.CheckpointAt(20)]), VerificationFault.Reordered, 5);
        AssertFault(await TestLog.VerifyAsync(distant, [Log.CheckpointAt(20)]), VerificationFault.Reordered, 3);
    }

    [Fact]
    public async Task VerifyAsync_RepeatedEntry_IsDuplicateAtTheRepeat()
    {
        var adjacent = Log.Copy(20);
        adjacent.Insert(8, adjacent[7]);
        var replay = Log.Copy(20);
        replay.Insert(15, replay[2]);
        var atEnd = Log.Copy(20);
        atEnd.Add(atEnd[3]);

        AssertFault(await TestLog.VerifyAsync(adjacent, [Log.CheckpointAt(20)]), VerificationFault.Duplicate, 8);
        AssertFault(await TestLog.VerifyAsync(replay, [Log.CheckpointAt(20)]), VerificationFault.Duplicate, 15);
        AssertFault(await TestLog.VerifyAsync(atEnd, [Log.CheckpointAt(20)]), VerificationFault.Duplicate, 20);
    }

    [Fact]
    public async Task VerifyAsync_ForgedEntryInsertedInPlace_IsInsertedAtItsIndex()
    {
        var entries = Log.Copy(20);
        var forged = LedgerEntry.Create(TestLog.Name, 10, DateTimeOffset.UnixEpoch, Testing.Ledger.TestDrafts.Create(777), MerkleHash.Leaf(entries[9]));
        entries.Insert(10, forged.Bytes.ToArray());

        AssertFault(await TestLog.VerifyAsync(entries, [Log.CheckpointAt(20)]), VerificationFault.Inserted, 10);
        AssertFault(await TestLog.VerifyAsync(entries, [Log.CheckpointAt(11), Log.CheckpointAt(20)]), VerificationFault.Inserted, 10);
    }

    [Fact]
    public async Task VerifyAsync_MalformedOrEmptyLine_IsMalformedEntry()
    {
        var garbage = Log.Copy(20);
        garbage[3] = "{\"v\":1,"u8.ToArray();
        var empty = Log.Copy(20);
        empty.Insert(12, []);
        var huge = Log.Copy(20);
        huge[5] = new byte[EntryFormat.MaxEntryBytes * 3];

        var result = await TestLog.VerifyAsync(garbage, [Log.CheckpointAt(20)]);
        AssertFault(result, VerificationFault.MalformedEntry, 3);
        Assert.Contains("well-formed", result.Detail, StringComparison.Ordinal);
        AssertFault(await TestLog.VerifyAsync(empty, [Log.CheckpointAt(20)]), VerificationFault.MalformedEntry, 12);
        result = await TestLog.VerifyAsync(huge, []);
        AssertFault(result, VerificationFault.MalformedEntry, 5);
        Assert.Contains("larger than", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAsync_EntryOfAnotherLog_IsLogMismatch()
    {
        var entries = Log.Copy(20);
        entries[6] = TestLog.Rewrite(entries, 6, log: "medledger.test/log-1");

        AssertFault(await TestLog.VerifyAsync(entries, [Log.CheckpointAt(20)]), VerificationFault.LogMismatch, 6);
        // Without checkpoints or a configured name, entry 0 names the log.
        AssertFault(await TestLog.VerifyAsync(entries, []), VerificationFault.LogMismatch, 6);
        AssertFault(await TestLog.VerifyAsync(Log.Copy(3), [], new LogVerifierOptions { LogName = "other" }), VerificationFault.LogMismatch, 0);
    }

    [Fact]
    public async Task VerifyAsync_RewrittenChainUnderAnOldCheckpoint_IsRootMismatch()
    {
        var rewritten = new TestLog(20, contentOffset: 5000).Copy(20);

        var result = await TestLog.VerifyAsync(rewritten, [Log.CheckpointAt(20)]);

        AssertFault(result, VerificationFault.RootMismatch, 19);
        Assert.Equal(0, result.CheckpointedSize);
    }

    [Fact]
    public async Task VerifyAsync_CheckpointProblems_AreReportedBeforeEntries()
    {
        using var stranger = LocalCheckpointSigner.Generate(TestLog.Name);
        var unknown = await new Checkpoint(TestLog.Name, 5, TestLog.RootOf(Log.Copy(5))).SignAsync(stranger, Token);
        var tampered = Log.CheckpointAt(5).Replace("\n5\n", "\n6\n", StringComparison.Ordinal);
        var otherLog = TestLog.Sign(Log.Entries, 5, origin: "medledger.test/log-9");

        AssertFault(await TestLog.VerifyAsync(Log.Copy(5), [unknown]), VerificationFault.UnknownKey, null);
        AssertFault(await TestLog.VerifyAsync(Log.Copy(5), [tampered]), VerificationFault.BadSignature, null);
        AssertFault(await TestLog.VerifyAsync(Log.Copy(5), ["not a note"]), VerificationFault.MalformedCheckpoint, null);
        AssertFault(await TestLog.VerifyAsync(Log.Copy(5), [Log.CheckpointAt(5), otherLog]), VerificationFault.LogMismatch, null);
        AssertFault(await TestLog.VerifyAsync(Log.Copy(5), [otherLog], new LogVerifierOptions { LogName = TestLog.Name }), VerificationFault.LogMismatch, null);
    }

    [Fact]
    public async Task VerifyAsync_TwoSignedRootsForOneSize_IsFork()
    {
        var forked = TestLog.Sign(new TestLog(8, contentOffset: 100).Entries, 8);

        var result = await TestLog.VerifyAsync(Log.Copy(8), [Log.CheckpointAt(8), forked]);

        AssertFault(result, VerificationFault.Fork, null);
    }

    [Fact]
    public async Task VerifyAsync_EmptyTreeCheckpoints_AreCheckedAgainstTheEmptyRoot()
    {
        var empty = await new Checkpoint(TestLog.Name, 0, MerkleHash.EmptyRoot).SignAsync(TestLog.Signer, Token);
        var wrong = await new Checkpoint(TestLog.Name, 0, LedgerHash.Zero).SignAsync(TestLog.Signer, Token);

        Assert.True((await TestLog.VerifyAsync(Log.Copy(3), [empty])).IsValid);
        AssertFault(await TestLog.VerifyAsync(Log.Copy(3), [wrong]), VerificationFault.RootMismatch, null);
    }

    [Fact]
    public async Task VerifyAsync_HugeCheckpointSize_IsTruncatedWithoutOverflow()
    {
        var huge = await new Checkpoint(TestLog.Name, long.MaxValue, LedgerHash.Zero).SignAsync(TestLog.Signer, Token);

        AssertFault(await TestLog.VerifyAsync(Log.Copy(3), [huge]), VerificationFault.Truncated, 3);
    }

    [Fact]
    public async Task VerifyAsync_RandomBytesAsEntries_NeverThrows()
    {
        var random = new Random(12345);
        for (var round = 0; round < 50; round++)
        {
            var entries = Log.Copy(10);
            var junk = new byte[random.Next(0, 400)];
            random.NextBytes(junk);
            entries[random.Next(10)] = junk;

            var result = await TestLog.VerifyAsync(entries, [Log.CheckpointAt(10)]);

            Assert.False(result.IsValid);
        }
    }

    [Fact]
    public async Task VerifyAsync_StoredEntries_VerifyLikeBytes()
    {
        var entries = Log.Copy(30);

        var result = await new LogVerifier([TestLog.Key]).VerifyAsync(Stored(entries), [Log.CheckpointAt(30)], cancellationToken: Token);

        Assert.True(result.IsValid, result.ToString());
    }

    [Fact]
    public async Task VerifyAsync_Cancelled_Throws()
    {
        var verifier = new LogVerifier([TestLog.Key], new LogVerifierOptions { BatchSize = 16 });

        using var cancelled = CancellationTokenSource.CreateLinkedTokenSource(Token);
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            verifier.VerifyAsync(TestLog.Stream(Log.Entries, Token), [], cancellationToken: cancelled.Token));
    }

    [Fact]
    public async Task VerifyStoreAsync_AppendedLog_IsValidAndChecksTheHead()
    {
        var store = new InMemoryLogStore(TestLog.Name);
        var appender = new MedLedger.Ledger.Appending.LogAppender(store, new Testing.Time.FakeTimeProvider());
        await appender.AppendAsync(Enumerable.Range(0, 40).Select(i => Testing.Ledger.TestDrafts.Create(i)).ToList(), Token);
        var head = await store.ReadHeadAsync(Token);
        await store.SaveCheckpointAsync(new StoredCheckpoint(40, await new Checkpoint(TestLog.Name, 40, head.RootHash).SignAsync(TestLog.Signer, Token)), Token);

        var result = await new LogVerifier([TestLog.Key]).VerifyStoreAsync(store, cancellationToken: Token);
        var shortened = await new LogVerifier([TestLog.Key]).VerifyStoreAsync(new LyingStore(store), cancellationToken: Token);

        Assert.True(result.IsValid, result.ToString());
        Assert.Equal(40, result.CheckpointedSize);
        AssertFault(shortened, VerificationFault.Truncated, 39);
    }

    [Fact]
    public void VerifyConsistency_PrefixCheckpoints_IsValid()
    {
        var leaves = Log.Entries.Take(100).Select(e => MerkleHash.Leaf(e)).ToList();
        var verifier = new LogVerifier([TestLog.Key]);

        foreach (var (older, newer) in new[] { (1, 100), (37, 100), (64, 100), (99, 100), (100, 100), (5, 6) })
        {
            var proof = NaiveProofs.Consistency(leaves.Take(newer).ToList(), older);

            var result = verifier.VerifyConsistency(Log.CheckpointAt(newer), Log.CheckpointAt(older), proof);

            Assert.True(result.IsValid, $"{older}->{newer}: {result}");
            Assert.Equal(newer, result.CheckpointedSize);
        }
    }

    [Fact]
    public void VerifyConsistency_ForkedOrWrongProof_IsFork()
    {
        var leaves = Log.Entries.Take(100).Select(e => MerkleHash.Leaf(e)).ToList();
        var forkedLog = Log.Copy(100);
        forkedLog[20] = TestLog.Rewrite(forkedLog, 20, content: 4242);
        var forked = TestLog.Sign(forkedLog, 100);
        var proof = NaiveProofs.Consistency(leaves, 37);
        var verifier = new LogVerifier([TestLog.Key]);

        AssertFault(verifier.VerifyConsistency(Log.CheckpointAt(37), forked, proof), VerificationFault.Fork, null);
        AssertFault(verifier.VerifyConsistency(Log.CheckpointAt(37), Log.CheckpointAt(100), proof[1..]), VerificationFault.Fork, null);
        AssertFault(verifier.VerifyConsistency(Log.CheckpointAt(37), Log.CheckpointAt(100), [.. proof, proof[0]]), VerificationFault.Fork, null);
        AssertFault(verifier.VerifyConsistency(Log.CheckpointAt(100), forked, []), VerificationFault.Fork, null);
        AssertFault(verifier.VerifyConsistency(Log.CheckpointAt(37), "garbage", proof), VerificationFault.MalformedCheckpoint, null);
    }

    private static void AssertFault(VerificationResult result, VerificationFault fault, long? index)
    {
        Assert.False(result.IsValid);
        Assert.True((fault, index) == (result.Fault, result.FirstBadIndex), $"expected {fault} at {index}, got {result}");
    }

    private static async IAsyncEnumerable<StoredEntry> Stored(IEnumerable<byte[]> entries)
    {
        long index = 0;
        foreach (var entry in entries)
        {
            yield return new StoredEntry(index++, entry);
        }

        await Task.CompletedTask;
    }

    private sealed class SynchronousProgress : IProgress<long>
    {
        public List<long> Values { get; } = [];

        public void Report(long value) => Values.Add(value);
    }

    /// <summary>A store whose head claims one entry more than it returns.</summary>
    private sealed class LyingStore(InMemoryLogStore inner) : ILogStore
    {
        public string LogName => inner.LogName;

        public int MaxAppendOperations => inner.MaxAppendOperations;

        public int MaxAppendEntryBytes => inner.MaxAppendEntryBytes;

        public Task<LogHead> ReadHeadAsync(CancellationToken cancellationToken = default) => inner.ReadHeadAsync(cancellationToken);

        public Task<AppendStatus> AppendAsync(LogAppendBatch batch, CancellationToken cancellationToken = default) => inner.AppendAsync(batch, cancellationToken);

        public IAsyncEnumerable<StoredEntry> ReadEntriesAsync(long start, long end, CancellationToken cancellationToken = default) =>
            inner.ReadEntriesAsync(start, end - 1, cancellationToken);

        public Task<IReadOnlyList<MedLedger.Ledger.Tiles.Tile?>> ReadTilesAsync(IReadOnlyList<MedLedger.Ledger.Tiles.TileCoordinate> coordinates, CancellationToken cancellationToken = default) =>
            inner.ReadTilesAsync(coordinates, cancellationToken);

        public Task<EventLocation?> FindEventAsync(string eventId, CancellationToken cancellationToken = default) => inner.FindEventAsync(eventId, cancellationToken);

        public Task<IReadOnlyList<long>> ReadIndexAsync(LogIndexKey key, long fromIndex, int maxCount, CancellationToken cancellationToken = default) =>
            inner.ReadIndexAsync(key, fromIndex, maxCount, cancellationToken);

        public Task SaveCheckpointAsync(StoredCheckpoint checkpoint, CancellationToken cancellationToken = default) => inner.SaveCheckpointAsync(checkpoint, cancellationToken);

        public Task<StoredCheckpoint?> ReadLatestCheckpointAsync(CancellationToken cancellationToken = default) => inner.ReadLatestCheckpointAsync(cancellationToken);

        public IAsyncEnumerable<StoredCheckpoint> ReadCheckpointsAsync(CancellationToken cancellationToken = default) =>
            AllButLast(cancellationToken);

        // The largest checkpoint covers the missing entry; leave it out so the head check is what fails.
        private async IAsyncEnumerable<StoredCheckpoint> AllButLast([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
        {
            var all = new List<StoredCheckpoint>();
            await foreach (var checkpoint in inner.ReadCheckpointsAsync(cancellationToken))
            {
                all.Add(checkpoint);
            }

            foreach (var checkpoint in all.SkipLast(1))
            {
                yield return checkpoint;
            }
        }
    }
}
