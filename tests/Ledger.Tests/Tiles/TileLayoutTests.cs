using MedLedger.Ledger.Hashing;
using MedLedger.Ledger.Merkle;
using MedLedger.Ledger.Tests.Reference;
using MedLedger.Ledger.Tests.Support;
using MedLedger.Ledger.Tiles;
using MedLedger.Testing.Tiles;

namespace MedLedger.Ledger.Tests.Tiles;

public sealed class TileLayoutTests
{
    /// <summary>Checks every hash of a tile against the reference: hash j of tile (L, N) is MTH of its 256^L leaves.</summary>
    private static void AssertTileMatchesReference(Tile tile, long treeSize, ReferenceMerkleTree reference)
    {
        Assert.Equal(TileLayout.WidthAt(tile.Coordinate, treeSize), tile.Width);
        var span = 1L << (tile.Coordinate.Level * TileLayout.Height);
        for (var j = 0; j < tile.Width; j++)
        {
            var node = (tile.Coordinate.Index * TileLayout.Width) + j;
            Assert.True(
                reference.Mth(node * span, (node + 1) * span).AsSpan().SequenceEqual(tile.Hashes[j].ToArray()),
                $"tile {tile.Coordinate} hash {j} at size {treeSize}");
        }
    }

    /// <summary>The tiles whose width differs between two sizes: exactly the ones an append must write.</summary>
    private static HashSet<TileCoordinate> TilesThatGrew(long before, long after)
    {
        var grew = new HashSet<TileCoordinate>();
        for (var level = 0; level <= TileLayout.MaxLevel; level++)
        {
            var shift = level * TileLayout.Height;
            var nodesBefore = before >> shift;
            var nodesAfter = after >> shift;
            for (var index = nodesBefore / TileLayout.Width; nodesAfter > nodesBefore && index <= (nodesAfter - 1) / TileLayout.Width; index++)
            {
                grew.Add(new TileCoordinate(level, index));
            }
        }

        return grew;
    }

    [Fact]
    public void Append_RandomBatchesAcrossTileBoundaries_MatchesReferenceTilesAndRoots()
    {
        long[] landmarks = [1, 2, 3, 255, 256, 257, 511, 512, 513, 65_535, 65_536, 65_537, 65_791, 65_792, 65_793, 66_000];
        var total = (int)landmarks[^1];
        var leaves = SyntheticLeaves.Range(0, total);
        var reference = ReferenceMerkleTree.FromLeafHashes(leaves.Select(l => l.ToArray()));
        var tiles = new InMemoryTiles();
        var random = new Random(256);
        var batches = 0;

        while (tiles.Size < total)
        {
            var before = tiles.Size;
            var nextLandmark = landmarks.First(l => l > before);
            // Mostly small batches, some large ones; every landmark size is hit exactly.
            var count = (int)Math.Min(nextLandmark - before, random.Next(4) == 0 ? random.Next(1, 3000) : random.Next(1, 40));
            var result = tiles.Append(leaves[(int)before..(int)(before + count)]);
            var after = before + count;
            batches++;

            Assert.Equal(after, result.TreeSize);
            Assert.True(reference.Root(after).AsSpan().SequenceEqual(result.RootHash.ToArray()), $"root at {after}");
            Assert.Equal(TilesThatGrew(before, after), result.ChangedTiles.Select(t => t.Coordinate).ToHashSet());
            Assert.Equal(result.ChangedTiles.Count, result.ChangedTiles.Select(t => t.Coordinate).Distinct().Count());
            foreach (var tile in result.ChangedTiles)
            {
                AssertTileMatchesReference(tile, after, reference);
            }

            var edge = TileLayout.RightEdge(after).Select(c => tiles.Get(c)!).ToList();
            Assert.Equal(result.RootHash, TileLayout.RootFromRightEdge(after, edge));
        }

        Assert.True(batches > landmarks.Length);
        foreach (var tile in tiles.Tiles)
        {
            AssertTileMatchesReference(tile, total, reference);
        }
    }

    [Fact]
    public void Append_ChangedTiles_AreOrderedLowestLevelFirst()
    {
        var result = TileLayout.Append(0, [], SyntheticLeaves.Range(0, 70_000));

        var coordinates = result.ChangedTiles.Select(t => t.Coordinate).ToList();
        Assert.Equal(coordinates.OrderBy(c => c.Level).ThenBy(c => c.Index), coordinates);
        Assert.Equal(274 + 2 + 1, coordinates.Count);
    }

    [Fact]
    public void Append_EmptyBatch_ChangesNothing()
    {
        var tiles = InMemoryTiles.Build(SyntheticLeaves.Range(0, 300));
        var edge = TileLayout.RightEdge(300).Select(c => tiles.Get(c)!).ToList();

        var result = TileLayout.Append(300, edge, []);

        Assert.Equal(300, result.TreeSize);
        Assert.Equal(tiles.RootHash, result.RootHash);
        Assert.Empty(result.ChangedTiles);
    }

    [Fact]
    public void Append_FromOlderSizeWithNewerWiderTiles_RecomputesTheSameTiles()
    {
        // A writer that lost a race re-reads the right edge, which may already be wider than its size.
        var leaves = SyntheticLeaves.Range(0, 700);
        var tiles = InMemoryTiles.Build(leaves);
        var edge = TileLayout.RightEdge(300).Select(c => tiles.Get(c)!).ToList();

        var result = TileLayout.Append(300, edge, leaves[300..]);

        Assert.Equal(tiles.RootHash, result.RootHash);
        foreach (var tile in result.ChangedTiles)
        {
            Assert.Equal(tiles.Get(tile.Coordinate)!.Encode(), tile.Encode());
        }
    }

    [Fact]
    public void RootFromRightEdge_StoredTilesWiderThanTheSize_UseTheirPrefix()
    {
        var leaves = SyntheticLeaves.Range(0, 700);
        var tiles = InMemoryTiles.Build(leaves);

        foreach (var size in new[] { 1, 200, 255, 256, 257, 300, 511, 699 })
        {
            var edge = TileLayout.RightEdge(size).Select(c => tiles.Get(c)!).ToList();

            Assert.Equal(CompactMerkleTree.RootOf(leaves.Take(size)), TileLayout.RootFromRightEdge(size, edge));
        }

        Assert.Equal(MerkleHash.EmptyRoot, TileLayout.RootFromRightEdge(0, []));
    }

    [Fact]
    public void Append_RightEdgeTileMissing_ThrowsInvalidDataAndChangesNothing()
    {
        var tiles = InMemoryTiles.Build(SyntheticLeaves.Range(0, 300));
        var edge = TileLayout.RightEdge(300).Select(c => tiles.Get(c)!).Where(t => t.Coordinate.Level != 0).ToList();

        Assert.Throws<InvalidDataException>(() => TileLayout.Append(300, edge, SyntheticLeaves.Range(300, 5)));
        Assert.Throws<InvalidDataException>(() => TileLayout.RootFromRightEdge(300, edge));
    }

    [Fact]
    public void Append_RightEdgeTileTooShort_ThrowsInvalidData()
    {
        var tiles = InMemoryTiles.Build(SyntheticLeaves.Range(0, 300));
        var edge = TileLayout.RightEdge(300).Select(c => tiles.Get(c)!).ToList();
        edge[0] = new Tile(edge[0].Coordinate, edge[0].Hashes[..10].ToArray());

        var error = Assert.Throws<InvalidDataException>(() => TileLayout.Append(300, edge, SyntheticLeaves.Range(300, 5)));
        Assert.Contains("0/1", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, "")]
    [InlineData(1, "0/0")]
    [InlineData(255, "0/0")]
    [InlineData(256, "1/0")]
    [InlineData(257, "0/1 1/0")]
    [InlineData(65_535, "0/255 1/0")]
    [InlineData(65_536, "2/0")]
    [InlineData(65_537, "0/256 2/0")]
    [InlineData(65_793, "0/257 1/1 2/0")]
    public void RightEdge_KnownSizes_ListsThePartialTilesLowestFirst(long size, string expected)
    {
        Assert.Equal(expected, string.Join(' ', TileLayout.RightEdge(size)));
    }

    [Theory]
    [InlineData(0, 0, 0, 0)]
    [InlineData(0, 0, 300, 256)]
    [InlineData(0, 1, 300, 44)]
    [InlineData(0, 2, 300, 0)]
    [InlineData(1, 0, 300, 1)]
    [InlineData(1, 0, 255, 0)]
    [InlineData(2, 0, 65_536, 1)]
    [InlineData(0, long.MaxValue, long.MaxValue, 0)]
    [InlineData(7, 0, long.MaxValue, 127)]
    [InlineData(8, 0, long.MaxValue, 0)]
    [InlineData(int.MaxValue, 0, long.MaxValue, 0)]
    public void WidthAt_KnownCoordinates_CountsTheHashesHeld(int level, long index, long size, int expected)
    {
        Assert.Equal(expected, TileLayout.WidthAt(new TileCoordinate(level, index), size));
    }

    [Fact]
    public void WidthAt_NegativeInput_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TileLayout.WidthAt(new TileCoordinate(-1, 0), 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => TileLayout.WidthAt(new TileCoordinate(0, -1), 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => TileLayout.WidthAt(new TileCoordinate(0, 0), -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => TileLayout.RightEdge(-1));
    }
}
