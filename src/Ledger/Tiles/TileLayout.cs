using System.Runtime.InteropServices;
using MedLedger.Ledger.Hashing;

namespace MedLedger.Ledger.Tiles;

/// <summary>The arithmetic of storing a Merkle tree as tiles of 256 hashes (the C2SP tlog-tiles idea, height 8).</summary>
/// <remarks>
/// Level-0 tiles hold leaf hashes. Level <c>L+1</c> holds the roots of full level-<c>L</c> tiles, so any perfect
/// subtree's root is one tile read plus at most 255 hash operations, and a proof at size n reads O(log n) tiles.
/// Appending only touches the right edge: at most one partial tile per level.
/// </remarks>
public static class TileLayout
{
    /// <summary>The height of a tile: each tile level spans 8 tree levels.</summary>
    public const int Height = 8;

    /// <summary>The number of hashes in a full tile (2^<see cref="Height"/>).</summary>
    public const int Width = 1 << Height;

    /// <summary>The highest tile level a tree can have: level 7 holds nodes at height 56, and sizes stay below 2^63.</summary>
    public const int MaxLevel = 7;

    /// <summary>Gets how many hashes tile <paramref name="coordinate"/> holds in a tree of <paramref name="treeSize"/> leaves (0 if none).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The size or a coordinate is negative.</exception>
    public static int WidthAt(TileCoordinate coordinate, long treeSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(treeSize);
        if (coordinate.Level < 0 || coordinate.Index < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(coordinate), coordinate, "Tile coordinates are not negative.");
        }

        // Divide rather than multiply the index by the width, so a huge index cannot overflow.
        var nodes = NodesAtLevel(coordinate.Level, treeSize);
        var fullTiles = nodes / Width;
        if (coordinate.Index < fullTiles)
        {
            return Width;
        }

        return coordinate.Index == fullTiles ? (int)(nodes % Width) : 0;
    }

    /// <summary>
    /// Lists the partial tiles on the right edge of a tree of <paramref name="treeSize"/> leaves, lowest level first:
    /// exactly the tiles an append must read.
    /// </summary>
    public static IReadOnlyList<TileCoordinate> RightEdge(long treeSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(treeSize);
        var edge = new List<TileCoordinate>();
        for (var level = 0; NodesAtLevel(level, treeSize) > 0; level++)
        {
            var nodes = NodesAtLevel(level, treeSize);
            if (nodes % Width != 0)
            {
                edge.Add(new TileCoordinate(level, nodes / Width));
            }
        }

        return edge;
    }

    /// <summary>Computes the root of a tree of <paramref name="treeSize"/> leaves from its right-edge tiles.</summary>
    /// <exception cref="InvalidDataException">The tiles do not match <see cref="RightEdge"/> for that size.</exception>
    public static LedgerHash RootFromRightEdge(long treeSize, IReadOnlyList<Tile> rightEdgeTiles)
    {
        ArgumentNullException.ThrowIfNull(rightEdgeTiles);
        var partial = CollectRightEdge(treeSize, rightEdgeTiles);
        return RootOf(partial);
    }

    /// <summary>
    /// Appends <paramref name="leafHashes"/> to a tree of <paramref name="treeSize"/> leaves whose right edge is
    /// <paramref name="rightEdgeTiles"/>, and returns the changed tiles and the new root.
    /// </summary>
    /// <exception cref="InvalidDataException">The tiles do not match <see cref="RightEdge"/> for that size.</exception>
    public static TileAppendResult Append(long treeSize, IReadOnlyList<Tile> rightEdgeTiles, IReadOnlyList<LedgerHash> leafHashes)
    {
        ArgumentNullException.ThrowIfNull(rightEdgeTiles);
        ArgumentNullException.ThrowIfNull(leafHashes);
        var partial = CollectRightEdge(treeSize, rightEdgeTiles);
        var changed = new List<Tile>();
        var size = treeSize;
        var highestTouchedLevel = -1;

        foreach (var leaf in leafHashes)
        {
            var hash = leaf;
            for (var level = 0; ; level++)
            {
                if (partial.Count == level)
                {
                    partial.Add(new List<LedgerHash>(Width));
                }

                partial[level].Add(hash);
                highestTouchedLevel = Math.Max(highestTouchedLevel, level);
                if (partial[level].Count < Width)
                {
                    break;
                }

                // The tile is now full and final: keep it, and its root becomes the next node one tile level up.
                var full = new TileCoordinate(level, NodesAtLevel(level, size) / Width);
                changed.Add(new Tile(full, partial[level]));
                hash = MerkleHash.PerfectRoot(CollectionsMarshal.AsSpan(partial[level]));
                partial[level].Clear();
            }

            size++;
        }

        // Partial tiles are snapshotted once, at the end: copying them after every leaf would cost O(Width) per leaf.
        // Every level up to the highest touched one received a hash, so a non-empty partial tile there has grown.
        for (var level = 0; level <= highestTouchedLevel; level++)
        {
            if (partial[level].Count > 0)
            {
                changed.Add(new Tile(new TileCoordinate(level, NodesAtLevel(level, size) / Width), partial[level]));
            }
        }

        changed.Sort(static (a, b) => a.Coordinate.Level != b.Coordinate.Level
            ? a.Coordinate.Level.CompareTo(b.Coordinate.Level)
            : a.Coordinate.Index.CompareTo(b.Coordinate.Index));
        return new TileAppendResult(size, RootOf(partial), changed);
    }

    /// <summary>The number of complete nodes at height <c>level × 8</c> in a tree of <paramref name="treeSize"/> leaves.</summary>
    private static long NodesAtLevel(int level, long treeSize) =>
        level > MaxLevel ? 0 : treeSize >> (level * Height);

    private static List<List<LedgerHash>> CollectRightEdge(long treeSize, IReadOnlyList<Tile> rightEdgeTiles)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(treeSize);
        var byCoordinate = new Dictionary<TileCoordinate, Tile>();
        foreach (var tile in rightEdgeTiles)
        {
            byCoordinate[tile.Coordinate] = tile;
        }

        var partial = new List<List<LedgerHash>>();
        for (var level = 0; NodesAtLevel(level, treeSize) > 0; level++)
        {
            var nodes = NodesAtLevel(level, treeSize);
            var width = (int)(nodes % Width);
            var hashes = new List<LedgerHash>(Width);
            if (width > 0)
            {
                var coordinate = new TileCoordinate(level, nodes / Width);
                if (!byCoordinate.TryGetValue(coordinate, out var tile) || tile.Width < width)
                {
                    throw new InvalidDataException(
                        FormattableString.Invariant($"Tile {coordinate} is missing or shorter than {width} hashes at tree size {treeSize}."));
                }

                // A stored tile may be wider than this size needs (tiles only grow); its prefix is what this size holds.
                hashes.AddRange(tile.Hashes[..width]);
            }

            partial.Add(hashes);
        }

        return partial;
    }

    private static LedgerHash RootOf(List<List<LedgerHash>> partial)
    {
        // The perfect subtrees of the tree, largest first: the top level's partial tile covers the oldest leaves.
        var subtreeRoots = new List<LedgerHash>();
        for (var level = partial.Count - 1; level >= 0; level--)
        {
            var hashes = partial[level];
            var offset = 0;
            for (var bit = Height - 1; bit >= 0; bit--)
            {
                var count = 1 << bit;
                if ((hashes.Count & count) != 0)
                {
                    subtreeRoots.Add(MerkleHash.PerfectRoot(CollectionsMarshal.AsSpan(hashes).Slice(offset, count)));
                    offset += count;
                }
            }
        }

        if (subtreeRoots.Count == 0)
        {
            return MerkleHash.EmptyRoot;
        }

        var root = subtreeRoots[^1];
        for (var i = subtreeRoots.Count - 2; i >= 0; i--)
        {
            root = MerkleHash.Node(subtreeRoots[i], root);
        }

        return root;
    }
}
