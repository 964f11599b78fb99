using System.Runtime.CompilerServices;
using MedLedger.Ledger.Entries;
using MedLedger.Ledger.Tiles;

namespace MedLedger.Ledger.Storage;

/// <summary>A log store in process memory: for tests, local runs and as the reference behaviour of <see cref="ILogStore"/>.</summary>
/// <remarks>
/// One lock guards all state, so every append is atomic and every read sees whole appends. Entry bytes are copied on
/// the way in, so callers may reuse their buffers.
/// </remarks>
/// <threadsafety>Safe for concurrent use.</threadsafety>
public sealed class InMemoryLogStore : ILogStore
{
    private readonly Lock _gate = new();
    private readonly List<byte[]> _entries = [];
    private readonly Dictionary<string, EventLocation> _events = new(StringComparer.Ordinal);
    private readonly Dictionary<LogIndexKey, List<long>> _index = [];
    private readonly Dictionary<TileCoordinate, Tile> _tiles = [];
    private readonly SortedDictionary<long, StoredCheckpoint> _checkpoints = [];
    private LogHead _head = LogHead.Empty;

    /// <summary>Creates an empty store for the log <paramref name="logName"/>.</summary>
    /// <param name="logName">The log name (<see cref="EntryFormat.IsValidLogName(string?)"/>).</param>
    /// <param name="maxAppendOperations">The operation budget per append; tests lower it to force small batches.</param>
    /// <param name="maxAppendEntryBytes">The entry-byte budget per append; tests lower it to mimic Table Storage's request size limit.</param>
    /// <exception cref="ArgumentException">The log name is invalid.</exception>
    /// <exception cref="ArgumentOutOfRangeException">
    /// The operation budget is below 4 (one entry, its event row, a tile and the head), or the byte budget is below
    /// <see cref="EntryFormat.MaxEntryBytes"/>.
    /// </exception>
    public InMemoryLogStore(string logName, int maxAppendOperations = int.MaxValue, int maxAppendEntryBytes = int.MaxValue)
    {
        if (!EntryFormat.IsValidLogName(logName))
        {
            throw new ArgumentException($"'{logName}' is not a valid log name.", nameof(logName));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(maxAppendOperations, 4);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAppendEntryBytes, EntryFormat.MaxEntryBytes);
        LogName = logName;
        MaxAppendOperations = maxAppendOperations;
        MaxAppendEntryBytes = maxAppendEntryBytes;
    }

    /// <inheritdoc />
    public string LogName { get; }

    /// <inheritdoc />
    public int MaxAppendOperations { get; }

    /// <inheritdoc />
    public int MaxAppendEntryBytes { get; }

    /// <summary>Gets the number of entries currently stored.</summary>
    public long Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <inheritdoc />
    public Task<LogHead> ReadHeadAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return Task.FromResult(_head);
        }
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">
    /// The batch is malformed (no entries, indexes not contiguous from the expected size, a head that does not match) or
    /// exceeds <see cref="MaxAppendOperations"/> or <see cref="MaxAppendEntryBytes"/>; nothing is written.
    /// </exception>
    public Task<AppendStatus> AppendAsync(LogAppendBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        cancellationToken.ThrowIfCancellationRequested();
        Validate(batch);
        lock (_gate)
        {
            if (batch.ExpectedSize != _head.Size)
            {
                return Task.FromResult(AppendStatus.Conflict);
            }

            var batchEvents = new HashSet<string>(StringComparer.Ordinal);
            foreach (var entry in batch.Entries)
            {
                if (_events.ContainsKey(entry.EventId) || !batchEvents.Add(entry.EventId))
                {
                    return Task.FromResult(AppendStatus.Conflict);
                }
            }

            foreach (var entry in batch.Entries)
            {
                _entries.Add(entry.Bytes.ToArray());
                _events.Add(entry.EventId, new EventLocation(entry.Index, entry.LeafHash));
                foreach (var key in entry.IndexKeys.Distinct())
                {
                    if (!_index.TryGetValue(key, out var indexes))
                    {
                        indexes = [];
                        _index.Add(key, indexes);
                    }

                    indexes.Add(entry.Index);
                }
            }

            foreach (var tile in batch.Tiles)
            {
                _tiles[tile.Coordinate] = tile;
            }

            _head = batch.NewHead;
            return Task.FromResult(AppendStatus.Appended);
        }
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="start"/> is negative or <paramref name="end"/> is before it.</exception>
    public IAsyncEnumerable<StoredEntry> ReadEntriesAsync(long start, long end, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfLessThan(end, start);
        return ReadEntriesCoreAsync(start, end, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Tile?>> ReadTilesAsync(IReadOnlyList<TileCoordinate> coordinates, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(coordinates);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var tiles = new Tile?[coordinates.Count];
            for (var i = 0; i < tiles.Length; i++)
            {
                tiles[i] = _tiles.GetValueOrDefault(coordinates[i]);
            }

            return Task.FromResult<IReadOnlyList<Tile?>>(tiles);
        }
    }

    /// <inheritdoc />
    public Task<EventLocation?> FindEventAsync(string eventId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventId);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return Task.FromResult(_events.GetValueOrDefault(eventId));
        }
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fromIndex"/> is negative or <paramref name="maxCount"/> is not positive.</exception>
    public Task<IReadOnlyList<long>> ReadIndexAsync(LogIndexKey key, long fromIndex, int maxCount, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fromIndex);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (!_index.TryGetValue(key, out var indexes))
            {
                return Task.FromResult<IReadOnlyList<long>>([]);
            }

            var first = indexes.BinarySearch(fromIndex);
            if (first < 0)
            {
                first = ~first;
            }

            var count = Math.Min(maxCount, indexes.Count - first);
            return Task.FromResult<IReadOnlyList<long>>(indexes.GetRange(first, count).ToArray());
        }
    }

    /// <inheritdoc />
    public Task SaveCheckpointAsync(StoredCheckpoint checkpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentOutOfRangeException.ThrowIfNegative(checkpoint.TreeSize, nameof(checkpoint));
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            _checkpoints.TryAdd(checkpoint.TreeSize, checkpoint);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<StoredCheckpoint?> ReadLatestCheckpointAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return Task.FromResult(_checkpoints.Count == 0 ? null : _checkpoints.Last().Value);
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<StoredCheckpoint> ReadCheckpointsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        StoredCheckpoint[] snapshot;
        lock (_gate)
        {
            snapshot = [.. _checkpoints.Values];
        }

        foreach (var checkpoint in snapshot)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return checkpoint;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    private async IAsyncEnumerable<StoredEntry> ReadEntriesCoreAsync(long start, long end, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        const int Page = 256;
        for (var next = start; next < end;)
        {
            cancellationToken.ThrowIfCancellationRequested();
            byte[][] page;
            lock (_gate)
            {
                var stop = Math.Min(end, _entries.Count);
                if (next >= stop)
                {
                    yield break;
                }

                page = _entries.GetRange((int)next, (int)Math.Min(Page, stop - next)).ToArray();
            }

            foreach (var bytes in page)
            {
                yield return new StoredEntry(next++, bytes);
            }

            await Task.Yield();
        }
    }

    private void Validate(LogAppendBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch.Entries, nameof(batch));
        ArgumentNullException.ThrowIfNull(batch.Tiles, nameof(batch));
        ArgumentNullException.ThrowIfNull(batch.NewHead, nameof(batch));
        if (batch.Entries.Count == 0)
        {
            throw new ArgumentException("An append carries at least one entry.", nameof(batch));
        }

        for (var i = 0; i < batch.Entries.Count; i++)
        {
            if (batch.Entries[i].Index != batch.ExpectedSize + i)
            {
                throw new ArgumentException("Entry indexes must be contiguous from the expected size.", nameof(batch));
            }
        }

        if (batch.NewHead.Size != batch.ExpectedSize + batch.Entries.Count)
        {
            throw new ArgumentException("The new head's size must be the expected size plus the number of entries.", nameof(batch));
        }

        var operations = 1 + batch.Tiles.Count + batch.Entries.Sum(e => 2 + e.IndexKeys.Count);
        if (operations > MaxAppendOperations)
        {
            throw new ArgumentException($"The append needs {operations} operations; this store allows {MaxAppendOperations}.", nameof(batch));
        }

        var bytes = batch.Entries.Sum(e => (long)e.Bytes.Length);
        if (bytes > MaxAppendEntryBytes)
        {
            throw new ArgumentException($"The append carries {bytes} entry bytes; this store allows {MaxAppendEntryBytes}.", nameof(batch));
        }
    }
}
