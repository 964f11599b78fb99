using MedLedger.Ledger.Tiles;

namespace MedLedger.Ledger.Storage;

/// <summary>Reads a log store's tiles through <see cref="ITileReader"/>, so proofs can be computed from any store.</summary>
/// <threadsafety>As safe as the store it wraps; stores are safe for concurrent use.</threadsafety>
public sealed class LogStoreTileReader : ITileReader
{
    private readonly ILogStore _store;

    /// <summary>Creates a reader over <paramref name="store"/>'s tiles.</summary>
    public LogStoreTileReader(ILogStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Tile?>> ReadTilesAsync(IReadOnlyList<TileCoordinate> coordinates, CancellationToken cancellationToken = default) =>
        _store.ReadTilesAsync(coordinates, cancellationToken);
}
