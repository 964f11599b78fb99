using MedLedger.Ledger.Storage;
using MedLedger.Ledger.Tiles;

namespace MedLedger.Ledger.Appending;

/// <summary>The end of the log an append builds on: the head and the partial tiles on its right edge.</summary>
internal sealed record LogEdge(LogHead Head, IReadOnlyList<Tile> Tiles);
