using MedLedger.Ledger.Storage;
using MedLedger.Ledger.Tiles;

namespace MedLedger.Bench;

/// <summary>Passes every call to a store and counts appends (transactions), appended entries and conflicts.</summary>
internal sealed class CountingLogStore(ILogStore inner) : ILogStore
{
    private long _appends;
    private long _entries;
    private long _conflicts;

    public long Appends => Interlocked.Read(ref _appends);

    public long Entries => Interlocked.Read(ref _entries);

    public long Conflicts => Interlocked.Read(ref _conflicts);

    public string LogName => inner.LogName;

    public int MaxAppendOperations => inner.MaxAppendOperations;

    public int MaxAppendEntryBytes => inner.MaxAppendEntryBytes;

    public async Task<AppendStatus> AppendAsync(LogAppendBatch batch, CancellationToken cancellationToken = default)
    {
        var status = await inner.AppendAsync(batch, cancellationToken);
        Interlocked.Increment(ref _appends);
        if (status == AppendStatus.Appended)
        {
            Interlocked.Add(ref _entries, batch.Entries.Count);
        }
        else
        {
            Interlocked.Increment(ref _conflicts);
        }

        return status;
    }

    public Task<LogHead> ReadHeadAsync(CancellationToken cancellationToken = default) => inner.ReadHeadAsync(cancellationToken);

    public IAsyncEnumerable<StoredEntry> ReadEntriesAsync(long start, long end, CancellationToken cancellationToken = default) =>
        inner.ReadEntriesAsync(start, end, cancellationToken);

    public Task<IReadOnlyList<Tile?>> ReadTilesAsync(IReadOnlyList<TileCoordinate> coordinates, CancellationToken cancellationToken = default) =>
        inner.ReadTilesAsync(coordinates, cancellationToken);

    public Task<EventLocation?> FindEventAsync(string eventId, CancellationToken cancellationToken = default) => inner.FindEventAsync(eventId, cancellationToken);

    public Task<IReadOnlyList<long>> ReadIndexAsync(LogIndexKey key, long fromIndex, int maxCount, CancellationToken cancellationToken = default) =>
        inner.ReadIndexAsync(key, fromIndex, maxCount, cancellationToken);

    public Task SaveCheckpointAsync(StoredCheckpoint checkpoint, CancellationToken cancellationToken = default) => inner.SaveCheckpointAsync(checkpoint, cancellationToken);

    public Task<StoredCheckpoint?> ReadLatestCheckpointAsync(CancellationToken cancellationToken = default) => inner.ReadLatestCheckpointAsync(cancellationToken);

    public IAsyncEnumerable<StoredCheckpoint> ReadCheckpointsAsync(CancellationToken cancellationToken = default) => inner.ReadCheckpointsAsync(cancellationToken);
}
