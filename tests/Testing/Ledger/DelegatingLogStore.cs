using MedLedger.Ledger.Storage;
using MedLedger.Ledger.Tiles;

namespace MedLedger.Testing.Ledger;

/// <summary>
/// A store that passes every call to <see cref="Inner"/>: the base of the test and benchmark wrappers that count, slow
/// down or fail some calls, so each overrides only what it changes.
/// </summary>
public abstract class DelegatingLogStore : ILogStore
{
    /// <summary>Wraps <paramref name="inner"/>.</summary>
    protected DelegatingLogStore(ILogStore inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        Inner = inner;
    }

    /// <summary>Gets the wrapped store.</summary>
    protected ILogStore Inner { get; }

    /// <inheritdoc />
    public virtual string LogName => Inner.LogName;

    /// <inheritdoc />
    public virtual int MaxAppendOperations => Inner.MaxAppendOperations;

    /// <inheritdoc />
    public virtual int MaxAppendEntryBytes => Inner.MaxAppendEntryBytes;

    /// <inheritdoc />
    public virtual Task<LogHead> ReadHeadAsync(CancellationToken cancellationToken = default) => Inner.ReadHeadAsync(cancellationToken);

    /// <inheritdoc />
    public virtual Task<AppendStatus> AppendAsync(LogAppendBatch batch, CancellationToken cancellationToken = default) => Inner.AppendAsync(batch, cancellationToken);

    /// <inheritdoc />
    public virtual IAsyncEnumerable<StoredEntry> ReadEntriesAsync(long start, long end, CancellationToken cancellationToken = default) =>
        Inner.ReadEntriesAsync(start, end, cancellationToken);

    /// <inheritdoc />
    public virtual Task<IReadOnlyList<Tile?>> ReadTilesAsync(IReadOnlyList<TileCoordinate> coordinates, CancellationToken cancellationToken = default) =>
        Inner.ReadTilesAsync(coordinates, cancellationToken);

    /// <inheritdoc />
    public virtual Task<EventLocation?> FindEventAsync(string eventId, CancellationToken cancellationToken = default) => Inner.FindEventAsync(eventId, cancellationToken);

    /// <inheritdoc />
    public virtual Task<IReadOnlyList<long>> ReadIndexAsync(LogIndexKey key, long fromIndex, int maxCount, CancellationToken cancellationToken = default) =>
        Inner.ReadIndexAsync(key, fromIndex, maxCount, cancellationToken);

    /// <inheritdoc />
    public virtual Task SaveCheckpointAsync(StoredCheckpoint checkpoint, CancellationToken cancellationToken = default) =>
        Inner.SaveCheckpointAsync(checkpoint, cancellationToken);

    /// <inheritdoc />
    public virtual Task<StoredCheckpoint?> ReadLatestCheckpointAsync(CancellationToken cancellationToken = default) => Inner.ReadLatestCheckpointAsync(cancellationToken);

    /// <inheritdoc />
    public virtual IAsyncEnumerable<StoredCheckpoint> ReadCheckpointsAsync(CancellationToken cancellationToken = default) => Inner.ReadCheckpointsAsync(cancellationToken);
}
