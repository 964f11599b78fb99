using MedLedger.Ledger.Hashing;
using MedLedger.Ledger.Merkle;

namespace MedLedger.Ledger.Tiles;

/// <summary>
/// Computes subtree hashes, roots and RFC 9162 proofs of a log's Merkle tree from its tiles alone, never from the
/// entries.
/// </summary>
/// <remarks>
/// <para>A perfect subtree of height h is the root of 2^(h mod 8) consecutive hashes of one level-⌊h/8⌋ tile (see
/// <see cref="TileLayout"/>). A proof is planned first as RFC 9162 ranges, then every tile it needs is read in one
/// <see cref="ITileReader.ReadTilesAsync"/> call: the path to a leaf crosses one tile per tile level and the right
/// edge of the tree one more, so a proof at size n reads at most two tiles per level, O(log n) in all.</para>
/// <para>Every size passed in must be one the store has committed (at most its head size): tiles are append-only,
/// so the tiles of the current tree also serve every older size. Failures:</para>
/// <list type="bullet">
/// <item>Arguments that cannot describe a proof (an index at or past the size, a first size above the second, a
/// negative size) are caller errors: <see cref="ArgumentOutOfRangeException"/>.</item>
/// <item>A tile that is missing, too short, or answered for another coordinate means the store lost or corrupted
/// data (or the size was never committed): <see cref="InvalidDataException"/>.</item>
/// </list>
/// </remarks>
/// <threadsafety>Safe for concurrent use when the tile reader is.</threadsafety>
public sealed class TiledMerkleTree
{
    /// <summary>The highest perfect subtree a tree below 2^63 leaves can contain.</summary>
    private const int MaxHeight = 62;

    private readonly ITileReader _tiles;

    /// <summary>Creates a tree view that reads its hashes through <paramref name="tiles"/>.</summary>
    public TiledMerkleTree(ITileReader tiles)
    {
        ArgumentNullException.ThrowIfNull(tiles);
        _tiles = tiles;
    }

    /// <summary>
    /// Reads the hash of the perfect subtree of height <paramref name="height"/> at position <paramref name="index"/>
    /// (the leaves [index·2^height, (index+1)·2^height)) in a tree of <paramref name="treeSize"/> leaves.
    /// </summary>
    /// <remarks>Height 0 gives a leaf hash. Reads exactly one tile.</remarks>
    /// <exception cref="ArgumentOutOfRangeException">The subtree is not complete in a tree of that size.</exception>
    /// <exception cref="InvalidDataException">The tile holding the subtree is missing or too short.</exception>
    public async Task<LedgerHash> ReadSubtreeHashAsync(int height, long index, long treeSize, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(height);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(height, MaxHeight);
        ArgumentOutOfRangeException.ThrowIfNegative(treeSize);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        if (index >= treeSize >> height)
        {
            throw new ArgumentOutOfRangeException(
                nameof(index), index, FormattableString.Invariant($"A tree of {treeSize} leaves has no complete subtree {index} of height {height}."));
        }

        MerkleRange[] ranges = [new(index << height, (index + 1) << height)];
        var hashes = await ReadRangeHashesAsync(ranges, treeSize, cancellationToken).ConfigureAwait(false);
        return hashes[0];
    }

    /// <summary>Computes the root hash of the tree of <paramref name="treeSize"/> leaves (RFC 9162 §2.1.1 MTH).</summary>
    /// <remarks>
    /// Any committed size works, not only the newest, which is how an old checkpoint's root is checked. Reads at most
    /// one tile per tile level; the empty tree reads none.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="treeSize"/> is negative.</exception>
    /// <exception cref="InvalidDataException">A tile the root needs is missing or too short.</exception>
    public async Task<LedgerHash> ReadRootHashAsync(long treeSize, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(treeSize);
        if (treeSize == 0)
        {
            return MerkleHash.EmptyRoot;
        }

        MerkleRange[] ranges = [new(0, treeSize)];
        var hashes = await ReadRangeHashesAsync(ranges, treeSize, cancellationToken).ConfigureAwait(false);
        return hashes[0];
    }

    /// <summary>
    /// Generates the inclusion proof of the leaf at <paramref name="index"/> in the tree of <paramref name="treeSize"/>
    /// leaves (RFC 9162 §2.1.3.1 PATH), to be checked with <see cref="MerkleProofs.VerifyInclusion"/>.
    /// </summary>
    /// <returns>The proof hashes, nearest the leaf first; empty for a tree of one leaf.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="treeSize"/> is below 1, or <paramref name="index"/> is outside [0, treeSize).</exception>
    /// <exception cref="InvalidDataException">A tile the proof needs is missing or too short.</exception>
    public async Task<IReadOnlyList<LedgerHash>> ProveInclusionAsync(long index, long treeSize, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(treeSize, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, treeSize);
        var ranges = MerkleRange.InclusionPath(index, treeSize);
        return ranges.Count == 0 ? [] : await ReadRangeHashesAsync(ranges, treeSize, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Generates the proof that the tree of <paramref name="firstSize"/> leaves is a prefix of the tree of
    /// <paramref name="secondSize"/> leaves (RFC 9162 §2.1.4.1 PROOF), to be checked with
    /// <see cref="MerkleProofs.VerifyConsistency"/>.
    /// </summary>
    /// <returns>The proof hashes; empty when the first tree is empty or both sizes are equal.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A size is negative, or <paramref name="firstSize"/> exceeds <paramref name="secondSize"/>.</exception>
    /// <exception cref="InvalidDataException">A tile the proof needs is missing or too short.</exception>
    public async Task<IReadOnlyList<LedgerHash>> ProveConsistencyAsync(long firstSize, long secondSize, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(secondSize);
        ArgumentOutOfRangeException.ThrowIfNegative(firstSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(firstSize, secondSize);
        if (firstSize == 0 || firstSize == secondSize)
        {
            return [];
        }

        var ranges = MerkleRange.ConsistencyPath(firstSize, secondSize);
        return await ReadRangeHashesAsync(ranges, secondSize, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Computes MTH of each range, reading every tile they need in one batch.</summary>
    private async Task<LedgerHash[]> ReadRangeHashesAsync(IReadOnlyList<MerkleRange> ranges, long treeSize, CancellationToken cancellationToken)
    {
        var subtrees = new List<PerfectSubtree>(2 * ranges.Count);
        var firstSubtreeOfRange = new int[ranges.Count + 1];
        for (var i = 0; i < ranges.Count; i++)
        {
            firstSubtreeOfRange[i] = subtrees.Count;
            ranges[i].AddPerfectSubtrees(subtrees);
        }

        firstSubtreeOfRange[ranges.Count] = subtrees.Count;

        var coordinates = new List<TileCoordinate>(2 * (TileLayout.MaxLevel + 1));
        foreach (var subtree in subtrees)
        {
            var coordinate = TileOf(subtree);
            if (!coordinates.Contains(coordinate))
            {
                coordinates.Add(coordinate);
            }
        }

        coordinates.Sort(static (a, b) => a.Level != b.Level ? a.Level.CompareTo(b.Level) : a.Index.CompareTo(b.Index));
        var tiles = await _tiles.ReadTilesAsync(coordinates, cancellationToken).ConfigureAwait(false);
        if (tiles is null || tiles.Count != coordinates.Count)
        {
            throw new InvalidDataException(FormattableString.Invariant(
                $"The tile reader answered {tiles?.Count ?? 0} tiles for {coordinates.Count} coordinates."));
        }

        var subtreeHashes = new LedgerHash[subtrees.Count];
        for (var i = 0; i < subtrees.Count; i++)
        {
            var coordinate = TileOf(subtrees[i]);
            subtreeHashes[i] = SubtreeHash(subtrees[i], tiles[coordinates.IndexOf(coordinate)], coordinate, treeSize);
        }

        var hashes = new LedgerHash[ranges.Count];
        for (var i = 0; i < ranges.Count; i++)
        {
            // RFC 9162 §2.1.1 splits off the largest perfect subtree on the left, so MTH folds the subtrees from the right.
            var last = firstSubtreeOfRange[i + 1] - 1;
            var hash = subtreeHashes[last];
            for (var j = last - 1; j >= firstSubtreeOfRange[i]; j--)
            {
                hash = MerkleHash.Node(subtreeHashes[j], hash);
            }

            hashes[i] = hash;
        }

        return hashes;
    }

    private static TileCoordinate TileOf(PerfectSubtree subtree)
    {
        var level = subtree.Height / TileLayout.Height;
        var firstNode = subtree.Index << (subtree.Height % TileLayout.Height);
        return new TileCoordinate(level, firstNode / TileLayout.Width);
    }

    private static LedgerHash SubtreeHash(PerfectSubtree subtree, Tile? tile, TileCoordinate coordinate, long treeSize)
    {
        if (tile is null)
        {
            throw new InvalidDataException(FormattableString.Invariant(
                $"Tile {coordinate} is missing; a tree of {treeSize} leaves needs it."));
        }

        if (tile.Coordinate != coordinate)
        {
            throw new InvalidDataException(FormattableString.Invariant(
                $"The tile reader answered tile {tile.Coordinate} where tile {coordinate} was asked for."));
        }

        // The subtree's nodes at the tile's level: 2^(height mod 8) consecutive hashes, never crossing a tile edge.
        var count = 1 << (subtree.Height % TileLayout.Height);
        var offset = (int)((subtree.Index << (subtree.Height % TileLayout.Height)) % TileLayout.Width);
        if (tile.Width < offset + count)
        {
            throw new InvalidDataException(FormattableString.Invariant(
                $"Tile {coordinate} holds {tile.Width} hashes; a tree of {treeSize} leaves needs at least {offset + count}."));
        }

        return MerkleHash.PerfectRoot(tile.Hashes.Slice(offset, count));
    }
}
