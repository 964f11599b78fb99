using System.Diagnostics.CodeAnalysis;
using MedLedger.Ledger.Hashing;

namespace MedLedger.Ledger.Tiles;

/// <summary>A tile: the stored hashes of up to 256 consecutive tree nodes at one level.</summary>
/// <remarks>
/// Tiles only grow: the hashes of a tile at a smaller tree size are a prefix of the same tile at a larger size,
/// so a store keeps the newest version of each tile. The persisted form is one version byte (<see cref="FormatVersion"/>)
/// followed by the hashes.
/// </remarks>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed class Tile
{
    /// <summary>The version byte that starts the persisted form.</summary>
    public const byte FormatVersion = 1;

    private readonly LedgerHash[] _hashes;

    /// <summary>Creates a tile from its hashes.</summary>
    /// <exception cref="ArgumentException">There are no hashes, or more than <see cref="TileLayout.Width"/>.</exception>
    public Tile(TileCoordinate coordinate, IEnumerable<LedgerHash> hashes)
    {
        ArgumentNullException.ThrowIfNull(hashes);
        _hashes = [.. hashes];
        if (_hashes.Length is 0 or > TileLayout.Width)
        {
            throw new ArgumentException($"A tile holds 1 to {TileLayout.Width} hashes, not {_hashes.Length}.", nameof(hashes));
        }

        if (coordinate.Level < 0 || coordinate.Index < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(coordinate), coordinate, "Tile coordinates are not negative.");
        }

        Coordinate = coordinate;
    }

    /// <summary>Gets the tile's place in the tree.</summary>
    public TileCoordinate Coordinate { get; }

    /// <summary>Gets the number of hashes the tile holds (1 to 256).</summary>
    public int Width => _hashes.Length;

    /// <summary>Gets the hashes, in node order.</summary>
    public ReadOnlySpan<LedgerHash> Hashes => _hashes;

    /// <summary>Gets whether the tile holds all 256 hashes and will never change again.</summary>
    public bool IsFull => _hashes.Length == TileLayout.Width;

    /// <summary>Encodes the persisted form: the version byte, then the hashes.</summary>
    public byte[] Encode()
    {
        var bytes = new byte[1 + (_hashes.Length * LedgerHash.Size)];
        bytes[0] = FormatVersion;
        for (var i = 0; i < _hashes.Length; i++)
        {
            _hashes[i].CopyTo(bytes.AsSpan(1 + (i * LedgerHash.Size)));
        }

        return bytes;
    }

    /// <summary>Decodes the persisted form; returns <see langword="false"/> for an unknown version or a bad length.</summary>
    public static bool TryDecode(TileCoordinate coordinate, ReadOnlySpan<byte> bytes, [NotNullWhen(true)] out Tile? tile)
    {
        tile = null;
        if (coordinate.Level < 0 || coordinate.Index < 0 || bytes.Length < 1 || bytes[0] != FormatVersion)
        {
            return false;
        }

        var body = bytes[1..];
        if (body.Length == 0 || body.Length % LedgerHash.Size != 0 || body.Length / LedgerHash.Size > TileLayout.Width)
        {
            return false;
        }

        var hashes = new LedgerHash[body.Length / LedgerHash.Size];
        for (var i = 0; i < hashes.Length; i++)
        {
            hashes[i] = new LedgerHash(body.Slice(i * LedgerHash.Size, LedgerHash.Size));
        }

        tile = new Tile(coordinate, hashes);
        return true;
    }
}
