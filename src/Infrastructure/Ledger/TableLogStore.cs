using System.Globalization;
using System.Runtime.CompilerServices;
using Azure;
using MedLedger.Clients.Storage;
using MedLedger.Clients.Tables;
using MedLedger.Ledger.Entries;
using MedLedger.Ledger.Storage;
using MedLedger.Ledger.Tiles;

namespace MedLedger.Infrastructure.Ledger;

/// <summary>A log store in Azure Table Storage: one partition per log, every append one entity-group transaction.</summary>
/// <remarks>
/// <para><b>Layout.</b> The rows of a log (head, entries, event-id index, subject and record indexes, tiles,
/// checkpoints) share the partition derived from the log name; <see cref="TableLogKeys"/> documents the row keys and
/// <see cref="TableLogRows"/> the properties. Every row carries a format version.</para>
/// <para><b>Appends.</b> <see cref="AppendAsync"/> sends one transaction with, in this order: an insert per entry row,
/// an insert per event-id row, an insert per secondary index row, an insert-or-replace per changed tile, and the head —
/// inserted create-only for the first append, otherwise replaced under <c>If-Match</c> with the ETag the head had at
/// the expected size. Inserts fail when a row exists, so a repeated event id or a concurrent append at the same size
/// fails the whole transaction (409/412), which is reported as <see cref="AppendStatus.Conflict"/> with nothing
/// written. The operation count is exactly what <see cref="ILogStore.MaxAppendOperations"/> documents.</para>
/// <para><b>Head ETags.</b> The store remembers the ETag of the newest head it read or wrote. An append at that size
/// uses it; at any other size the head is read first (a log that already moved past the expected size conflicts
/// without a request).</para>
/// <para><b>Lost answers.</b> When a transaction fails with 409/412, it may be the pipeline's retry of an attempt that
/// committed but whose answer was lost. Every append stamps its event rows and the head with a fresh write id; the store
/// looks up the batch's last event row, and if it carries this append's write id, index and leaf hash, the append
/// reports <see cref="AppendStatus.Appended"/>. The write id tells this append apart from another appender's
/// byte-identical one (same drafts, same millisecond), which is a conflict like any other.</para>
/// <para>Limits (shared/reference/azure-protocols.md §2.5–2.6): an entry is one Edm.Binary value, at most 64 KiB; an
/// append carries at most <see cref="MaxAppendOperations"/> operations and <see cref="MaxAppendEntryBytes"/> entry
/// bytes, keeping the request under the 4 MiB transaction limit. Larger input is refused before anything is sent.</para>
/// </remarks>
/// <threadsafety>Safe for concurrent use; several instances (in one or many processes) may append to the same log.</threadsafety>
public sealed class TableLogStore : ILogStore
{
    /// <summary>The table that holds the logs unless configured otherwise (listed in infra/storage-layout.json).</summary>
    public const string DefaultTableName = "ledger";

    private readonly TableClient _table;
    private readonly string _partition;
    /// <summary>The longest range of entries read as point reads rather than one range query.</summary>
    private const int MaxPointReads = 8;

    private readonly int _entryPageSize;
    private readonly int _maxConcurrentReads;
    private readonly Lock _headGate = new();
    private long _knownHeadSize = -1;
    private ETag _knownHeadETag;

    /// <summary>Creates a store for the log <paramref name="logName"/> in <paramref name="table"/> (no request is sent).</summary>
    /// <param name="table">The table holding the log; it must exist before the first request (<see cref="CreateTableIfNotExistsAsync"/>).</param>
    /// <param name="logName">The log name (<see cref="EntryFormat.IsValidLogName(string?)"/>); it selects the partition.</param>
    /// <param name="options">Limits and read tuning; defaults when null.</param>
    /// <exception cref="ArgumentException">The log name is invalid.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of its range.</exception>
    public TableLogStore(TableClient table, string logName, TableLogStoreOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (!EntryFormat.IsValidLogName(logName))
        {
            throw new ArgumentException($"'{logName}' is not a valid log name.", nameof(logName));
        }

        options ??= new TableLogStoreOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxAppendOperations, 4, nameof(options));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.MaxAppendOperations, TableLimits.MaxTransactionActions, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxAppendEntryBytes, EntryFormat.MaxEntryBytes, nameof(options));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.MaxAppendEntryBytes, TableLogStoreOptions.DefaultMaxAppendEntryBytes, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.EntryPageSize, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.EntryPageSize, TableLimits.MaxPageSize, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxConcurrentReads, 1, nameof(options));
        _table = table;
        LogName = logName;
        _partition = TableLogKeys.Partition(logName);
        MaxAppendOperations = options.MaxAppendOperations;
        MaxAppendEntryBytes = options.MaxAppendEntryBytes;
        _entryPageSize = options.EntryPageSize;
        _maxConcurrentReads = options.MaxConcurrentReads;
    }

    /// <inheritdoc />
    public string LogName { get; }

    /// <summary>Gets the name of the table holding the log.</summary>
    public string TableName => _table.Name;

    /// <summary>Gets the partition key of the log's rows (the log name, escaped as <see cref="TableLogKeys"/> describes).</summary>
    public string PartitionKey => _partition;

    /// <inheritdoc />
    /// <remarks>100 by default: one entity-group transaction.</remarks>
    public int MaxAppendOperations { get; }

    /// <inheritdoc />
    /// <remarks><see cref="TableLogStoreOptions.DefaultMaxAppendEntryBytes"/> by default.</remarks>
    public int MaxAppendEntryBytes { get; }

    /// <summary>Creates a store for <paramref name="logName"/> in the table <paramref name="tableName"/> of <paramref name="account"/> (no request is sent).</summary>
    /// <exception cref="ArgumentException">The log or table name is invalid.</exception>
    /// <exception cref="StorageConnectionException">The account has no Table endpoint.</exception>
    public static TableLogStore Open(StorageAccount account, string logName, TableLogStoreOptions? options = null, string tableName = DefaultTableName)
    {
        ArgumentNullException.ThrowIfNull(account);
        return new TableLogStore(account.GetTableClient(tableName), logName, options);
    }

    /// <summary>Creates the table unless it exists (deployments create it; local runs and tests call this).</summary>
    /// <returns>True when this call created it.</returns>
    public Task<bool> CreateTableIfNotExistsAsync(CancellationToken cancellationToken = default) =>
        _table.CreateIfNotExistsAsync(cancellationToken);

    /// <inheritdoc />
    /// <exception cref="InvalidDataException">The head row is not a valid row of this layout.</exception>
    /// <exception cref="RequestFailedException">The service failed (for example 404 <c>TableNotFound</c>).</exception>
    public async Task<LogHead> ReadHeadAsync(CancellationToken cancellationToken = default)
    {
        var row = await _table.GetEntityIfExistsAsync(_partition, TableLogKeys.Head, cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            return LogHead.Empty;
        }

        var head = TableLogRows.ReadHead(row);
        RememberHead(head.Size, row.ETag);
        return head;
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">
    /// The batch is malformed (no entries, indexes not contiguous from the expected size, a head that does not match, a
    /// tile twice), an entry is larger than 64 KiB, a key is too long for the service, or the batch exceeds
    /// <see cref="MaxAppendOperations"/> or <see cref="MaxAppendEntryBytes"/>; nothing is sent.
    /// </exception>
    /// <exception cref="RequestFailedException">The service rejected the transaction for another reason, or failed.</exception>
    public async Task<AppendStatus> AppendAsync(LogAppendBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var writeId = Guid.NewGuid().ToString("N");
        var actions = BuildActions(batch, writeId, out var repeatsEventId);
        if (repeatsEventId)
        {
            return AppendStatus.Conflict;
        }

        var head = TableLogRows.Head(_partition, batch.NewHead, writeId);
        var usedETag = default(ETag);
        if (batch.ExpectedSize == 0)
        {
            actions.Add(TableTransactionAction.Add(head));
        }
        else
        {
            var (knownSize, knownETag) = KnownHead();
            if (knownSize != batch.ExpectedSize)
            {
                // Sizes only grow: a head known to be larger means the batch is stale without asking.
                if (knownSize > batch.ExpectedSize || (await ReadHeadAsync(cancellationToken).ConfigureAwait(false)).Size != batch.ExpectedSize)
                {
                    return AppendStatus.Conflict;
                }

                (knownSize, knownETag) = KnownHead();
                if (knownSize != batch.ExpectedSize)
                {
                    return AppendStatus.Conflict;
                }
            }

            actions.Add(TableTransactionAction.UpdateReplace(head, knownETag));
            usedETag = knownETag;
        }

        var result = await _table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
        if (result.Succeeded)
        {
            if (result.ETags[^1] is { } etag)
            {
                RememberHead(batch.NewHead.Size, etag);
            }

            return AppendStatus.Appended;
        }

        var failure = result.Failure!;
        if (failure.Status is 409 or 412 || failure is { Status: 404, ErrorCode: "ResourceNotFound" })
        {
            // Also the answer to a retry of an attempt that committed (its response lost): check before conflicting.
            if (await IsCommittedAsync(batch, writeId, cancellationToken).ConfigureAwait(false))
            {
                return AppendStatus.Appended;
            }

            ForgetHead(usedETag);
            return AppendStatus.Conflict;
        }

        throw failure.ToException(_table.Name);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="start"/> is negative or <paramref name="end"/> is before it.</exception>
    /// <exception cref="InvalidDataException">An entry row is not a valid row of this layout.</exception>
    public IAsyncEnumerable<StoredEntry> ReadEntriesAsync(long start, long end, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfLessThan(end, start);
        return ReadEntriesCoreAsync(start, end, cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="InvalidDataException">A tile row is not a valid row of this layout.</exception>
    public async Task<IReadOnlyList<Tile?>> ReadTilesAsync(IReadOnlyList<TileCoordinate> coordinates, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(coordinates);
        var wanted = coordinates.Where(c => c.Level >= 0 && c.Index >= 0).Distinct().ToList();
        var found = new Dictionary<TileCoordinate, Tile>();
        var options = new ParallelOptions { MaxDegreeOfParallelism = _maxConcurrentReads, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(wanted, options, async (coordinate, token) =>
        {
            var row = await _table.GetEntityIfExistsAsync(_partition, TableLogKeys.Tile(coordinate), token).ConfigureAwait(false);
            if (row is not null)
            {
                var tile = TableLogRows.ReadTile(row, coordinate);
                lock (found)
                {
                    found.Add(coordinate, tile);
                }
            }
        }).ConfigureAwait(false);

        return coordinates.Select(c => found.GetValueOrDefault(c)).ToArray();
    }

    /// <inheritdoc />
    /// <exception cref="InvalidDataException">The event row is not a valid row of this layout.</exception>
    public async Task<EventLocation?> FindEventAsync(string eventId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventId);
        if (!TryKey(() => TableLogKeys.Event(eventId), out var rowKey))
        {
            return null;
        }

        var row = await _table.GetEntityIfExistsAsync(_partition, rowKey, cancellationToken).ConfigureAwait(false);
        return row is null ? null : TableLogRows.ReadEvent(row);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fromIndex"/> is negative or <paramref name="maxCount"/> is not positive.</exception>
    /// <exception cref="InvalidDataException">An index row is not a valid row of this layout.</exception>
    public async Task<IReadOnlyList<long>> ReadIndexAsync(LogIndexKey key, long fromIndex, int maxCount, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fromIndex);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
        ArgumentNullException.ThrowIfNull(key.Value, nameof(key));
        if (!TryKey(() => TableLogKeys.Index(key, fromIndex), out var from))
        {
            return [];
        }

        var query = new TableQuery
        {
            Filter = TableFilter.Create($"PartitionKey eq {_partition} and RowKey ge {from} and RowKey lt {TableLogKeys.IndexEnd(key)}"),
            Select = [TableLogRows.FormatVersionProperty, TableLogRows.IndexProperty],
            Top = Math.Min(maxCount, TableLimits.MaxPageSize),
        };
        var indexes = new List<long>(Math.Min(maxCount, TableLimits.MaxPageSize));
        await foreach (var row in _table.QueryAsync(query, cancellationToken).ConfigureAwait(false))
        {
            indexes.Add(TableLogRows.ReadIndex(row));
            if (indexes.Count == maxCount)
            {
                break;
            }
        }

        return indexes;
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The signed note is longer than a string property holds (32 K characters).</exception>
    public async Task SaveCheckpointAsync(StoredCheckpoint checkpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentOutOfRangeException.ThrowIfNegative(checkpoint.TreeSize, nameof(checkpoint));
        ArgumentNullException.ThrowIfNull(checkpoint.SignedNote, nameof(checkpoint));
        if (checkpoint.SignedNote.Length > TableLimits.MaxStringLength)
        {
            throw new ArgumentException(
                $"The signed note is {checkpoint.SignedNote.Length} characters; a checkpoint row holds at most {TableLimits.MaxStringLength}.", nameof(checkpoint));
        }

        // Both rows or neither, each create-only: the first checkpoint saved for a size wins.
        var result = await _table.SubmitTransactionAsync(
            [
                TableTransactionAction.Add(TableLogRows.Checkpoint(_partition, TableLogKeys.Checkpoint(checkpoint.TreeSize), checkpoint)),
                TableTransactionAction.Add(TableLogRows.Checkpoint(_partition, TableLogKeys.NewestCheckpoint(checkpoint.TreeSize), checkpoint)),
            ],
            cancellationToken).ConfigureAwait(false);
        if (result.Failure is { } failure && failure is not { Status: 409, ErrorCode: "EntityAlreadyExists" })
        {
            throw failure.ToException(_table.Name);
        }
    }

    /// <inheritdoc />
    /// <exception cref="InvalidDataException">The checkpoint row is not a valid row of this layout.</exception>
    public async Task<StoredCheckpoint?> ReadLatestCheckpointAsync(CancellationToken cancellationToken = default)
    {
        var (from, to) = TableLogKeys.NewestCheckpoints;
        var query = new TableQuery
        {
            Filter = TableFilter.Create($"PartitionKey eq {_partition} and RowKey ge {from} and RowKey lt {to}"),
            Top = 1,
        };
        await foreach (var row in _table.QueryAsync(query, cancellationToken).ConfigureAwait(false))
        {
            return TableLogRows.ReadCheckpoint(row);
        }

        return null;
    }

    /// <inheritdoc />
    /// <exception cref="InvalidDataException">A checkpoint row is not a valid row of this layout.</exception>
    public async IAsyncEnumerable<StoredCheckpoint> ReadCheckpointsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var (from, to) = TableLogKeys.Checkpoints;
        var query = new TableQuery { Filter = TableFilter.Create($"PartitionKey eq {_partition} and RowKey ge {from} and RowKey lt {to}") };
        await foreach (var row in _table.QueryAsync(query, cancellationToken).ConfigureAwait(false))
        {
            var checkpoint = TableLogRows.ReadCheckpoint(row);
            if (!TableLogKeys.TryParseCheckpoint(row.RowKey, out var size) || size != checkpoint.TreeSize)
            {
                throw new InvalidDataException(
                    $"The log row ({row.PartitionKey}, {row.RowKey}) holds the checkpoint for tree size {checkpoint.TreeSize}, which is not the size in its key.");
            }

            yield return checkpoint;
        }
    }

    private async IAsyncEnumerable<StoredEntry> ReadEntriesCoreAsync(long start, long end, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (start == end)
        {
            yield break;
        }

        if (end - start <= MaxPointReads)
        {
            foreach (var entry in await ReadEntriesByKeyAsync(start, end, cancellationToken).ConfigureAwait(false))
            {
                yield return entry;
            }

            yield break;
        }

        var query = new TableQuery
        {
            Filter = TableFilter.Create($"PartitionKey eq {_partition} and RowKey ge {TableLogKeys.Entry(start)} and RowKey lt {TableLogKeys.Entry(end)}"),
            Select = [TableLogRows.FormatVersionProperty, TableLogRows.EntryProperty],
            Top = _entryPageSize,
        };

        // The next page is requested while the caller consumes this one, so long reads (verification) overlap I/O.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task<TablePage>? next = _table.QueryPageAsync(query, null, stop.Token);
        try
        {
            while (next is not null)
            {
                var page = await next.ConfigureAwait(false);
                next = page.Continuation is { } continuation ? _table.QueryPageAsync(query, continuation, stop.Token) : null;
                foreach (var row in page.Entities)
                {
                    yield return TableLogRows.ReadEntry(row);
                }
            }
        }
        finally
        {
            if (next is not null)
            {
                // The caller stopped early: cancel the prefetch and observe it, whatever its outcome.
                await stop.CancelAsync().ConfigureAwait(false);
                await ((Task)next).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    // A short range is read as point reads of its rows (concurrently, in order): a point read is one lookup for the
    // service, where a range query may cost a scan (Azurite evaluates a query's filter against every row of the table).
    private async Task<IReadOnlyList<StoredEntry>> ReadEntriesByKeyAsync(long start, long end, CancellationToken cancellationToken)
    {
        var found = new StoredEntry?[end - start];
        var options = new ParallelOptions { MaxDegreeOfParallelism = _maxConcurrentReads, CancellationToken = cancellationToken };
        await Parallel.ForAsync(start, end, options, async (index, token) =>
        {
            var row = await _table.GetEntityIfExistsAsync(_partition, TableLogKeys.Entry(index), token).ConfigureAwait(false);
            if (row is not null)
            {
                var entry = TableLogRows.ReadEntry(row);
                found[index - start] = entry.Index == index
                    ? entry
                    : throw new InvalidDataException($"The log row ({row.PartitionKey}, {row.RowKey}) was read for entry {index} and holds another.");
            }
        }).ConfigureAwait(false);

        return [.. found.OfType<StoredEntry>()];
    }

    /// <summary>Validates a batch and builds every action but the head's; reports a repeated event id within the batch.</summary>
    private List<TableTransactionAction> BuildActions(LogAppendBatch batch, string writeId, out bool repeatsEventId)
    {
        ArgumentNullException.ThrowIfNull(batch.Entries, nameof(batch));
        ArgumentNullException.ThrowIfNull(batch.Tiles, nameof(batch));
        ArgumentNullException.ThrowIfNull(batch.NewHead, nameof(batch));
        ArgumentOutOfRangeException.ThrowIfNegative(batch.ExpectedSize, nameof(batch));
        if (batch.Entries.Count == 0)
        {
            throw new ArgumentException("An append carries at least one entry.", nameof(batch));
        }

        if (batch.NewHead.Size != batch.ExpectedSize + batch.Entries.Count)
        {
            throw new ArgumentException("The new head's size must be the expected size plus the number of entries.", nameof(batch));
        }

        var entryRows = new List<TableTransactionAction>(batch.Entries.Count);
        var eventRows = new List<TableTransactionAction>(batch.Entries.Count);
        var indexRows = new List<TableTransactionAction>();
        var eventIds = new HashSet<string>(StringComparer.Ordinal);
        var entryBytes = 0L;
        repeatsEventId = false;
        for (var i = 0; i < batch.Entries.Count; i++)
        {
            var entry = batch.Entries[i] ?? throw new ArgumentException($"Entry {i} of the batch is null.", nameof(batch));
            ArgumentNullException.ThrowIfNull(entry.EventId, nameof(batch));
            ArgumentNullException.ThrowIfNull(entry.IndexKeys, nameof(batch));
            if (entry.Index != batch.ExpectedSize + i)
            {
                throw new ArgumentException("Entry indexes must be contiguous from the expected size.", nameof(batch));
            }

            if (entry.Bytes.Length > TableLimits.MaxBinaryBytes)
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"Entry {entry.Index} is {entry.Bytes.Length} bytes; the Table-backed log stores entries of at most {TableLimits.MaxBinaryBytes} bytes (one binary property)."),
                    nameof(batch));
            }

            entryBytes += entry.Bytes.Length;
            repeatsEventId |= !eventIds.Add(entry.EventId);
            entryRows.Add(TableTransactionAction.Add(TableLogRows.Entry(_partition, entry)));
            RequireKey(() => TableLogKeys.Event(entry.EventId), "event id", entry.EventId);
            eventRows.Add(TableTransactionAction.Add(TableLogRows.Event(_partition, entry, writeId)));
            foreach (var key in entry.IndexKeys.Distinct())
            {
                ArgumentNullException.ThrowIfNull(key.Value, nameof(batch));
                RequireKey(() => TableLogKeys.Index(key, entry.Index), "index key", key.Value);
                indexRows.Add(TableTransactionAction.Add(TableLogRows.Index(_partition, key, entry.Index)));
            }
        }

        if (entryBytes > MaxAppendEntryBytes)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"The append carries {entryBytes} entry bytes; this store allows {MaxAppendEntryBytes} per transaction."),
                nameof(batch));
        }

        var tileRows = new List<TableTransactionAction>(batch.Tiles.Count);
        var coordinates = new HashSet<TileCoordinate>();
        foreach (var tile in batch.Tiles)
        {
            ArgumentNullException.ThrowIfNull(tile, nameof(batch));
            if (!coordinates.Add(tile.Coordinate))
            {
                throw new ArgumentException($"The batch carries tile {tile.Coordinate} twice.", nameof(batch));
            }

            tileRows.Add(TableTransactionAction.UpsertReplace(TableLogRows.Tile(_partition, tile)));
        }

        var operations = entryRows.Count + eventRows.Count + indexRows.Count + tileRows.Count + 1;
        if (operations > MaxAppendOperations)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"The append needs {operations} operations; this store allows {MaxAppendOperations}."), nameof(batch));
        }

        return [.. entryRows, .. eventRows, .. indexRows, .. tileRows];
    }

    private static void RequireKey(Func<string> key, string what, string value)
    {
        if (!TryKey(key, out _))
        {
            throw new ArgumentException(
                $"The {what} '{value}' does not fit a table key (at most {TableLimits.MaxKeyLength} characters once escaped, no unpaired surrogates).",
                "batch");
        }
    }

    private static bool TryKey(Func<string> build, out string key)
    {
        try
        {
            key = build();
        }
        catch (ArgumentException)
        {
            key = string.Empty;
            return false;
        }

        return TableLogKeys.IsValid(key);
    }

    /// <summary>Whether this very transaction (not merely an identical one from another appender) is in the log.</summary>
    private async Task<bool> IsCommittedAsync(LogAppendBatch batch, string writeId, CancellationToken cancellationToken)
    {
        var last = batch.Entries[^1];
        var row = await _table.GetEntityIfExistsAsync(_partition, TableLogKeys.Event(last.EventId), cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            return false;
        }

        var found = TableLogRows.ReadEvent(row);
        return found.Index == last.Index && found.LeafHash == last.LeafHash && TableLogRows.ReadWriteId(row) == writeId;
    }

    private (long Size, ETag ETag) KnownHead()
    {
        lock (_headGate)
        {
            return (_knownHeadSize, _knownHeadETag);
        }
    }

    private void ForgetHead(ETag etag)
    {
        lock (_headGate)
        {
            if (etag != default && _knownHeadETag == etag)
            {
                _knownHeadSize = -1;
                _knownHeadETag = default;
            }
        }
    }

    private void RememberHead(long size, ETag etag)
    {
        lock (_headGate)
        {
            // Sizes only grow; the same size may come back with a new ETag when the row was rewritten.
            if (size >= _knownHeadSize && etag != default)
            {
                _knownHeadSize = size;
                _knownHeadETag = etag;
            }
        }
    }
}
