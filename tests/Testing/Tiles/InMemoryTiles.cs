using MedLedger.Ledger.Hashing;
using MedLedger.Ledger.Tiles;

namespace MedLedger.Testing.Tiles;

/// <summary>
/// A tiled Merkle tree held in memory for tests and benchmarks: appends through <see cref="TileLayout.Append"/>
/// exactly as the appender does, serves <see cref="ITileReader"/>, and counts what was read.
/// </summary>
/// <remarks>Not a log store (no entries, no head); only the tiles. Not thread-safe for appends.</remarks>
public sealed class InMemoryTiles : ITileReader
{
    private readonly Dictionary<TileCoordinate, Tile> _tiles = [];
    private int _readCalls;
    private long _tilesRead;

    /// <summary>Gets the number of leaves appended.</summary>
    public long Size { get; private set; }

    /// <summary>Gets the root after the last append.</summary>
    public LedgerHash RootHash { get; private set; } = MerkleHash.EmptyRoot;

    /// <summary>Gets how many times <see cref="ReadTilesAsync"/> was called since the last <see cref="ResetCounters"/>.</summary>
    public int ReadCalls => Volatile.Read(ref _readCalls);

    /// <summary>Gets how many tiles were asked for since the last <see cref="ResetCounters"/>.</summary>
    public long TilesRead => Interlocked.Read(ref _tilesRead);

    /// <summary>Gets the coordinates of the last read, in the order asked.</summary>
    public IReadOnlyList<TileCoordinate> LastRead { get; private set; } = [];

    /// <summary>Gets every stored tile.</summary>
    public IReadOnlyCollection<Tile> Tiles => _tiles.Values;

    /// <summary>Creates a tree from <paramref name="leafHashes"/>, appended in one batch.</summary>
    public static InMemoryTiles Build(IReadOnlyList<LedgerHash> leafHashes)
    {
        var tiles = new InMemoryTiles();
        tiles.Append(leafHashes);
        return tiles;
    }

    /// <summary>Appends leaf hashes, storing every changed tile.</summary>
    public TileAppendResult Append(IReadOnlyList<LedgerHash> leafHashes)
    {
        var edge = TileLayout.RightEdge(Size).Select(c => _tiles[c]).ToList();
        var result = TileLayout.Append(Size, edge, leafHashes);
        foreach (var tile in result.ChangedTiles)
        {
            _tiles[tile.Coordinate] = tile;
        }

        Size = result.TreeSize;
        RootHash = result.RootHash;
        return result;
    }

    /// <summary>Gets a stored tile, or <see langword="null"/>.</summary>
    public Tile? Get(TileCoordinate coordinate) => _tiles.GetValueOrDefault(coordinate);

    /// <summary>Removes a tile, to simulate a store that lost it.</summary>
    public void Remove(TileCoordinate coordinate) => _tiles.Remove(coordinate);

    /// <summary>Stores <paramref name="tile"/> under <paramref name="coordinate"/>, to simulate a corrupted store.</summary>
    public void Put(TileCoordinate coordinate, Tile tile) => _tiles[coordinate] = tile;

    /// <summary>Sets the read counters back to zero.</summary>
    public void ResetCounters()
    {
        Volatile.Write(ref _readCalls, 0);
        Interlocked.Exchange(ref _tilesRead, 0);
        LastRead = [];
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Tile?>> ReadTilesAsync(IReadOnlyList<TileCoordinate> coordinates, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(coordinates);
        cancellationToken.ThrowIfCancellationRequested();
        Interlocked.Increment(ref _readCalls);
        Interlocked.Add(ref _tilesRead, coordinates.Count);
        LastRead = [.. coordinates];
        IReadOnlyList<Tile?> tiles = [.. coordinates.Select(c => _tiles.GetValueOrDefault(c))];
        return Task.FromResult(tiles);
    }
}
