using MedLedger.Ledger.Tiles;

namespace MedLedger.Ledger.Storage;

/// <summary>The storage port of one log: what a store must do, and nothing more.</summary>
/// <remarks>
/// <para>The ledger computes entries, hashes, tiles and heads; a store only persists them. Every store passes the
/// same contract test suite (<c>LogStoreContractTests</c>). The contract:</para>
/// <list type="bullet">
/// <item><see cref="AppendAsync"/> is atomic: either the whole batch (entries, index rows, tiles, head) is visible or
/// none of it is. It writes only when the stored size equals <see cref="LogAppendBatch.ExpectedSize"/> and no event id
/// of the batch is present; otherwise it returns <see cref="AppendStatus.Conflict"/> and changes nothing.</item>
/// <item>Reads see every append that returned <see cref="AppendStatus.Appended"/> before the read started.</item>
/// <item>Entry bytes are returned exactly as appended. An empty log has head <see cref="LogHead.Empty"/>.</item>
/// <item>A missing entry, tile, event or checkpoint is an empty result, never an exception. Service failures throw.</item>
/// </list>
/// </remarks>
/// <threadsafety>Implementations are safe for concurrent use.</threadsafety>
public interface ILogStore
{
    /// <summary>Gets the name of the log this store holds (the checkpoint origin is derived from it).</summary>
    string LogName { get; }

    /// <summary>Gets how many operations one atomic append may carry.</summary>
    /// <remarks>
    /// Counted as: two per entry (the entry and its event-id index row), one per secondary index key, one per tile,
    /// and one for the head. Table Storage allows 100 (one entity-group transaction); an in-memory store has no limit.
    /// </remarks>
    int MaxAppendOperations { get; }

    /// <summary>Gets how many entry bytes (the sum of the <see cref="LogEntryWrite.Bytes"/> lengths) one atomic append may carry.</summary>
    /// <remarks>
    /// At least <see cref="Entries.EntryFormat.MaxEntryBytes"/>, so any single entry fits. Table Storage caps a transaction's
    /// request body at 4 MiB, which bounds the bytes of one append independently of the operation count. Stores without
    /// such a limit keep the default, <see cref="int.MaxValue"/>.
    /// </remarks>
    int MaxAppendEntryBytes => int.MaxValue;

    /// <summary>Reads the committed head; <see cref="LogHead.Empty"/> when nothing was ever appended.</summary>
    Task<LogHead> ReadHeadAsync(CancellationToken cancellationToken = default);

    /// <summary>Appends a batch atomically, guarded by its expected size.</summary>
    /// <returns><see cref="AppendStatus.Appended"/>, or <see cref="AppendStatus.Conflict"/> with nothing written.</returns>
    Task<AppendStatus> AppendAsync(LogAppendBatch batch, CancellationToken cancellationToken = default);

    /// <summary>Reads entries with indexes in [<paramref name="start"/>, <paramref name="end"/>), in index order, stopping at the log's end.</summary>
    IAsyncEnumerable<StoredEntry> ReadEntriesAsync(long start, long end, CancellationToken cancellationToken = default);

    /// <summary>Reads tiles; the result has one element per coordinate, <see langword="null"/> where the store has no such tile.</summary>
    Task<IReadOnlyList<Tile?>> ReadTilesAsync(IReadOnlyList<TileCoordinate> coordinates, CancellationToken cancellationToken = default);

    /// <summary>Finds the entry appended with <paramref name="eventId"/>, or <see langword="null"/>.</summary>
    Task<EventLocation?> FindEventAsync(string eventId, CancellationToken cancellationToken = default);

    /// <summary>Reads up to <paramref name="maxCount"/> entry indexes for <paramref name="key"/>, ascending, starting at <paramref name="fromIndex"/>.</summary>
    Task<IReadOnlyList<long>> ReadIndexAsync(LogIndexKey key, long fromIndex, int maxCount, CancellationToken cancellationToken = default);

    /// <summary>Stores a signed checkpoint for its tree size; storing the same size again keeps the first.</summary>
    Task SaveCheckpointAsync(StoredCheckpoint checkpoint, CancellationToken cancellationToken = default);

    /// <summary>Reads the checkpoint with the largest tree size, or <see langword="null"/> when none was stored.</summary>
    Task<StoredCheckpoint?> ReadLatestCheckpointAsync(CancellationToken cancellationToken = default);

    /// <summary>Reads every stored checkpoint, ascending by tree size.</summary>
    IAsyncEnumerable<StoredCheckpoint> ReadCheckpointsAsync(CancellationToken cancellationToken = default);
}
