using MedLedger.Ledger.Hashing;
using MedLedger.Ledger.Tests.Support;
using MedLedger.Ledger.Tiles;

namespace MedLedger.Ledger.Tests.Tiles;

public sealed class TileTests
{
    private static readonly TileCoordinate Coordinate = new(1, 42);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(255)]
    [InlineData(256)]
    public void EncodeThenTryDecode_AnyWidth_RoundTrips(int width)
    {
        var tile = new Tile(Coordinate, SyntheticLeaves.Range(0, width));

        var bytes = tile.Encode();

        Assert.Equal(Tile.FormatVersion, bytes[0]);
        Assert.Equal(1 + (width * LedgerHash.Size), bytes.Length);
        Assert.True(Tile.TryDecode(Coordinate, bytes, out var decoded));
        Assert.Equal(Coordinate, decoded.Coordinate);
        Assert.Equal(tile.Hashes.ToArray(), decoded.Hashes.ToArray());
        Assert.Equal(width == TileLayout.Width, decoded.IsFull);
    }

    [Fact]
    public void TryDecode_UnknownVersion_ReturnsFalse()
    {
        var bytes = new Tile(Coordinate, SyntheticLeaves.Range(0, 3)).Encode();
        foreach (var version in new byte[] { 0, 2, 0xFF })
        {
            bytes[0] = version;

            Assert.False(Tile.TryDecode(Coordinate, bytes, out var tile));
            Assert.Null(tile);
        }
    }

    [Theory]
    [InlineData(0)] // nothing at all
    [InlineData(1)] // a version byte and no hashes
    [InlineData(2)]
    [InlineData(32)]
    [InlineData(34)]
    [InlineData(1 + (257 * 32))] // one hash too many
    public void TryDecode_BadLength_ReturnsFalse(int length)
    {
        var bytes = new byte[length];
        if (length > 0)
        {
            bytes[0] = Tile.FormatVersion;
        }

        Assert.False(Tile.TryDecode(Coordinate, bytes, out _));
    }

    [Fact]
    public void TryDecode_NegativeCoordinate_ReturnsFalse()
    {
        var bytes = new Tile(Coordinate, SyntheticLeaves.Range(0, 3)).Encode();

        Assert.False(Tile.TryDecode(new TileCoordinate(-1, 0), bytes, out _));
        Assert.False(Tile.TryDecode(new TileCoordinate(0, -1), bytes, out _));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(257)]
    public void Constructor_WrongNumberOfHashes_Throws(int count)
    {
        Assert.Throws<ArgumentException>(() => new Tile(Coordinate, SyntheticLeaves.Range(0, count)));
    }

    [Fact]
    public void Constructor_NegativeCoordinate_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Tile(new TileCoordinate(-1, 0), SyntheticLeaves.Range(0, 1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Tile(new TileCoordinate(0, -1), SyntheticLeaves.Range(0, 1)));
    }

    [Fact]
    public void Constructor_SourceListChangedLater_TileKeepsItsHashes()
    {
        var hashes = SyntheticLeaves.Range(0, 4).ToList();
        var tile = new Tile(Coordinate, hashes);

        hashes[0] = SyntheticLeaves.Leaf(99);
        hashes.Add(SyntheticLeaves.Leaf(100));

        Assert.Equal(SyntheticLeaves.Range(0, 4), tile.Hashes.ToArray());
    }

    [Fact]
    public void ToString_Coordinate_IsLevelSlashIndex()
    {
        Assert.Equal("1/42", Coordinate.ToString());
    }
}
