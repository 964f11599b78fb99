namespace MedLedger.Ledger.Tiles;

/// <summary>Names one tile of the tree: its level and its index within that level (the C2SP tlog-tiles scheme).</summary>
/// <remarks>
/// A level-<c>L</c> tile holds up to <see cref="TileLayout.Width"/> hashes of tree nodes at height
/// <c>L × <see cref="TileLayout.Height"/></c>; tile <c>N</c> of that level holds the nodes numbered
/// <c>256·N … 256·N + 255</c>.
/// </remarks>
/// <param name="Level">The tile level, from 0 (leaf hashes) upwards.</param>
/// <param name="Index">The tile's index within its level, from 0.</param>
public readonly record struct TileCoordinate(int Level, long Index)
{
    /// <summary>Returns <c>L/N</c>, for messages.</summary>
    public override string ToString() => FormattableString.Invariant($"{Level}/{Index}");
}
