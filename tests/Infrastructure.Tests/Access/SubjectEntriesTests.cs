using MedLedger.Infrastructure.Access;
using MedLedger.Ledger.Storage;
using MedLedger.Ledger.Tiles;
using MedLedger.Testing.Time;

namespace MedLedger.Infrastructure.Tests.Access;

/// <summary>Reading a subject's entries through the index: paging, gaps, and an index that lies.</summary>
public sealed class SubjectEntriesTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static async Task<List<long>> ReadIndexesAsync(ILogStore store, string subject, long from = 0) =>
        await SubjectEntries.ReadAsync(store, subject, from, Token).Select(e => e.Sequence).ToListAsync(Token);

    [Fact]
    public async Task Read_ManyEntriesWithWideGaps_ReturnsExactlyTheSubjectsInOrder()
    {
        var store = new InMemoryLogStore("medledger.test/subject");
        var time = new FakeTimeProvider(PatientLogWriter.Start);
        var mine = new PatientLogWriter(store, time, "p-1");
        var others = new PatientLogWriter(store, time, "p-2");
        var expected = new List<long>();
        for (var i = 0; i < SubjectEntries.IndexPageSize + 44; i++)
        {
            expected.Add((await mine.OtherAsync()).Index);
            for (var gap = 0; gap < i % (SubjectEntries.MaxGap + 3); gap++)
            {
                await others.OtherAsync();
            }
        }

        Assert.Equal(expected, await ReadIndexesAsync(store, mine.Subject));
        Assert.Equal(expected.Where(i => i >= expected[100]), await ReadIndexesAsync(store, mine.Subject, expected[100]));
    }

    [Fact]
    public async Task Read_ScatteredEntries_ReadsAtMostConcurrentRunsAtOnceAndKeepsLogOrder()
    {
        var store = new InMemoryLogStore("medledger.test/subject");
        var time = new FakeTimeProvider(PatientLogWriter.Start);
        var mine = new PatientLogWriter(store, time, "p-1");
        var others = new PatientLogWriter(store, time, "p-2");
        var expected = new List<long>();
        for (var i = 0; i < 40; i++)
        {
            expected.Add((await mine.OtherAsync()).Index);
            for (var gap = 0; gap <= SubjectEntries.MaxGap; gap++)
            {
                await others.OtherAsync();
            }
        }

        var slow = new SlowReadsStore(store);

        Assert.Equal(expected, await ReadIndexesAsync(slow, mine.Subject));
        Assert.Equal(40, slow.Reads);
        Assert.InRange(slow.MostInFlight, 2, SubjectEntries.ConcurrentRuns);
    }

    [Fact]
    public async Task Read_AnotherSubjectsEntryAmongConcurrentRuns_IsInvalidData()
    {
        var (store, mine, theirs) = await TwoPatientsAsync();
        var lying = new LyingIndexStore(new SlowReadsStore(store), indexes => [.. indexes.Append(theirs).Order()]);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => ReadIndexesAsync(lying, mine));
        Assert.Contains("another subject", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_IndexNamingAnotherSubjectsEntry_IsInvalidData()
    {
        var (store, mine, theirs) = await TwoPatientsAsync();
        var lying = new LyingIndexStore(store, indexes => [.. indexes.Append(theirs).Order()]);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => ReadIndexesAsync(lying, mine));
        Assert.Contains("another subject", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_IndexNamingAMissingEntry_IsInvalidData()
    {
        var (store, mine, _) = await TwoPatientsAsync();
        var lying = new LyingIndexStore(store, indexes => [.. indexes, 1_000]);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => ReadIndexesAsync(lying, mine));
        Assert.Contains("missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_IndexOutOfOrder_IsInvalidData()
    {
        var (store, mine, _) = await TwoPatientsAsync();
        var lying = new LyingIndexStore(store, indexes => [.. indexes.Reverse()]);

        await Assert.ThrowsAsync<InvalidDataException>(() => ReadIndexesAsync(lying, mine));
    }

    [Fact]
    public async Task Read_IndexDroppingAnEntry_OnlyLosesThatEntry()
    {
        // The index rows are not part of the Merkle tree: a dropped row hides an entry from this reader, never from the log,
        // which still holds and proves it. (A known limit, stated in docs/ledger-events.md.)
        var (store, mine, _) = await TwoPatientsAsync();
        var all = await ReadIndexesAsync(store, mine);
        var lying = new LyingIndexStore(store, indexes => [.. indexes.Where(i => i != all[0])]);

        Assert.Equal(all.Skip(1), await ReadIndexesAsync(lying, mine));
    }

    private static async Task<(InMemoryLogStore Store, string Mine, long Theirs)> TwoPatientsAsync()
    {
        var store = new InMemoryLogStore("medledger.test/subject");
        var time = new FakeTimeProvider(PatientLogWriter.Start);
        var mine = new PatientLogWriter(store, time, "p-1");
        var theirs = new PatientLogWriter(store, time, "p-2");
        await mine.OtherAsync();
        var other = await theirs.OtherAsync();
        await mine.OtherAsync();
        return (store, mine.Subject, other.Index);
    }

    /// <summary>A store whose subject index is rewritten by a test: the entries stay genuine.</summary>
    private sealed class LyingIndexStore(ILogStore inner, Func<IReadOnlyList<long>, IReadOnlyList<long>> rewrite) : ILogStore
    {
        public string LogName => inner.LogName;

        public int MaxAppendOperations => inner.MaxAppendOperations;

        public Task<LogHead> ReadHeadAsync(CancellationToken cancellationToken = default) => inner.ReadHeadAsync(cancellationToken);

        public Task<AppendStatus> AppendAsync(LogAppendBatch batch, CancellationToken cancellationToken = default) => inner.AppendAsync(batch, cancellationToken);

        public IAsyncEnumerable<StoredEntry> ReadEntriesAsync(long start, long end, CancellationToken cancellationToken = default) =>
            inner.ReadEntriesAsync(start, end, cancellationToken);

        public Task<IReadOnlyList<Tile?>> ReadTilesAsync(IReadOnlyList<TileCoordinate> coordinates, CancellationToken cancellationToken = default) =>
            inner.ReadTilesAsync(coordinates, cancellationToken);

        public Task<EventLocation?> FindEventAsync(string eventId, CancellationToken cancellationToken = default) => inner.FindEventAsync(eventId, cancellationToken);

        public async Task<IReadOnlyList<long>> ReadIndexAsync(LogIndexKey key, long fromIndex, int maxCount, CancellationToken cancellationToken = default) =>
            fromIndex == 0 ? rewrite(await inner.ReadIndexAsync(key, fromIndex, maxCount, cancellationToken)) : [];

        public Task SaveCheckpointAsync(StoredCheckpoint checkpoint, CancellationToken cancellationToken = default) => inner.SaveCheckpointAsync(checkpoint, cancellationToken);

        public Task<StoredCheckpoint?> ReadLatestCheckpointAsync(CancellationToken cancellationToken = default) => inner.ReadLatestCheckpointAsync(cancellationToken);

        public IAsyncEnumerable<StoredCheckpoint> ReadCheckpointsAsync(CancellationToken cancellationToken = default) => inner.ReadCheckpointsAsync(cancellationToken);
    }
}
