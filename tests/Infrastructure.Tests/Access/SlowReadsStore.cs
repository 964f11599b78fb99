using MedLedger.Ledger.Storage;
using MedLedger.Ledger.Tiles;

namespace MedLedger.Infrastructure.Tests.Access;

/// <summary>A store whose entry reads wait a moment first, counting reads, entries read, and how many reads were in flight at once.</summary>
internal sealed class SlowReadsStore(ILogStore inner) : ILogStore
{
    private int _inFlight;
    private int _mostInFlight;
    private int _reads;
    private int _entriesRead;

    public int MostInFlight => Volatile.Read(ref _mostInFlight);

    public int Reads => Volatile.Read(ref _reads);

    public int EntriesRead => Volatile.Read(ref _entriesRead);

    public string LogName => inner.LogName;

    public int MaxAppendOperations => inner.MaxAppendOperations;

    public Task<LogHead> ReadHeadAsync(CancellationToken cancellationToken = default) => inner.ReadHeadAsync(cancellationToken);

    public Task<AppendStatus> AppendAsync(LogAppendBatch batch, CancellationToken cancellationToken = default) => inner.AppendAsync(batch, cancellationToken);

    public async IAsyncEnumerable<StoredEntry> ReadEntriesAsync(long start, long end, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _reads);
        var now = Interlocked.Increment(ref _inFlight);
        InterlockedMax(ref _mostInFlight, now);
        try
        {
            // Not a timing assertion: the pause only lets concurrent reads overlap so the bound can be observed.
            await Task.Delay(20, cancellationToken);
            var entries = await inner.ReadEntriesAsync(start, end, cancellationToken).ToListAsync(cancellationToken);
            Interlocked.Add(ref _entriesRead, entries.Count);
            foreach (var entry in entries)
            {
                yield return entry;
            }
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    public Task<IReadOnlyList<Tile?>> ReadTilesAsync(IReadOnlyList<TileCoordinate> coordinates, CancellationToken cancellationToken = default) =>
        inner.ReadTilesAsync(coordinates, cancellationToken);

    public Task<EventLocation?> FindEventAsync(string eventId, CancellationToken cancellationToken = default) => inner.FindEventAsync(eventId, cancellationToken);

    public Task<IReadOnlyList<long>> ReadIndexAsync(LogIndexKey key, long fromIndex, int maxCount, CancellationToken cancellationToken = default) =>
        inner.ReadIndexAsync(key, fromIndex, maxCount, cancellationToken);

    public Task SaveCheckpointAsync(StoredCheckpoint checkpoint, CancellationToken cancellationToken = default) => inner.SaveCheckpointAsync(checkpoint, cancellationToken);

    public Task<StoredCheckpoint?> ReadLatestCheckpointAsync(CancellationToken cancellationToken = default) => inner.ReadLatestCheckpointAsync(cancellationToken);

    public IAsyncEnumerable<StoredCheckpoint> ReadCheckpointsAsync(CancellationToken cancellationToken = default) => inner.ReadCheckpointsAsync(cancellationToken);

    private static void InterlockedMax(ref int target, int value)
    {
        for (var seen = Volatile.Read(ref target); value > seen; seen = Volatile.Read(ref target))
        {
            if (Interlocked.CompareExchange(ref target, value, seen) == seen)
            {
                return;
            }
        }
    }
}
