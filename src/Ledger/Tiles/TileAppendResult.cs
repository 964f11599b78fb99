using MedLedger.Ledger.Hashing;

namespace MedLedger.Ledger.Tiles;

/// <summary>What appending leaves changes: every tile whose content changed, and the new tree's root.</summary>
/// <param name="TreeSize">The tree size after the append.</param>
/// <param name="RootHash">The root hash after the append.</param>
/// <param name="ChangedTiles">The new content of every tile that was created or grew, lowest level first.</param>
public sealed record TileAppendResult(long TreeSize, LedgerHash RootHash, IReadOnlyList<Tile> ChangedTiles);
