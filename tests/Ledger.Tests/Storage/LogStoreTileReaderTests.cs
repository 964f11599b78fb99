using MedLedger.Ledger.Merkle;
using MedLedger.Ledger.Storage;
using MedLedger.Ledger.Tests.Support;
using MedLedger.Ledger.Tiles;
using MedLedger.Testing.Tiles;

namespace MedLedger.Ledger.Tests.Storage;

public sealed class LogStoreTileReaderTests
{
    [Fact]
    public async Task ReadTilesAsync_AnyCoordinates_ForwardsToTheStoreWithTheToken()
    {
        var store = new TileOnlyStore(InMemoryTiles.Build(SyntheticLeaves.Range(0, 300)));
        var reader = new LogStoreTileReader(store);
        using var source = new CancellationTokenSource();
        TileCoordinate[] coordinates = [new(0, 1), new(1, 0), new(0, 9)];

        var tiles = await reader.ReadTilesAsync(coordinates, source.Token);

        Assert.Equal(coordinates, store.LastCoordinates);
        Assert.Equal(source.Token, store.LastToken);
        Assert.Equal(44, tiles[0]!.Width);
        Assert.Equal(1, tiles[1]!.Width);
        Assert.Null(tiles[2]);
    }

    [Fact]
    public async Task ProveInclusionAsync_ThroughAStore_VerifiesAgainstTheRoot()
    {
        var leaves = SyntheticLeaves.Range(0, 1000);
        var tiles = InMemoryTiles.Build(leaves);
        var tree = new TiledMerkleTree(new LogStoreTileReader(new TileOnlyStore(tiles)));

        var proof = await tree.ProveInclusionAsync(777, 1000, TestContext.Current.CancellationToken);

        Assert.True(MerkleProofs.VerifyInclusion(777, 1000, leaves[777], proof, tiles.RootHash));
    }

    [Fact]
    public void Constructor_NullStore_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => new LogStoreTileReader(null!));
    }

    /// <summary>A store that only has tiles: enough to show the adapter forwards exactly what it is given.</summary>
    private sealed class TileOnlyStore(InMemoryTiles tiles) : ILogStore
    {
        public IReadOnlyList<TileCoordinate>? LastCoordinates { get; private set; }

        public CancellationToken LastToken { get; private set; }

        public string LogName => "tiles-only";

        public int MaxAppendOperations => int.MaxValue;

        public Task<IReadOnlyList<Tile?>> ReadTilesAsync(IReadOnlyList<TileCoordinate> coordinates, CancellationToken cancellationToken = default)
        {
            LastCoordinates = coordinates;
            LastToken = cancellationToken;
            return tiles.ReadTilesAsync(coordinates, cancellationToken);
        }

        public Task<LogHead> ReadHeadAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<AppendStatus> AppendAsync(LogAppendBatch batch, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public IAsyncEnumerable<StoredEntry> ReadEntriesAsync(long start, long end, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<EventLocation?> FindEventAsync(string eventId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<IReadOnlyList<long>> ReadIndexAsync(LogIndexKey key, long fromIndex, int maxCount, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task SaveCheckpointAsync(StoredCheckpoint checkpoint, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<StoredCheckpoint?> ReadLatestCheckpointAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public IAsyncEnumerable<StoredCheckpoint> ReadCheckpointsAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
