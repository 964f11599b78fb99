namespace MedLedger.Ledger.Tiles;

/// <summary>Reads stored tiles: the one thing <see cref="TiledMerkleTree"/> needs from storage.</summary>
/// <remarks>
/// The same shape as <see cref="Storage.ILogStore.ReadTilesAsync"/>, so a store adapts with
/// <see cref="Storage.LogStoreTileReader"/>. Callers pass every coordinate a computation needs in one call, sorted by
/// level then index, so a store can fetch them in one round trip.
/// </remarks>
public interface ITileReader
{
    /// <summary>Reads the newest stored version of each tile.</summary>
    /// <param name="coordinates">The tiles to read.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    /// <returns>
    /// Exactly one element per coordinate, in the same order: the tile, or <see langword="null"/> where the store has
    /// no tile at that coordinate. A tile may hold more hashes than an older tree size needs (tiles only grow).
    /// </returns>
    Task<IReadOnlyList<Tile?>> ReadTilesAsync(IReadOnlyList<TileCoordinate> coordinates, CancellationToken cancellationToken = default);
}
