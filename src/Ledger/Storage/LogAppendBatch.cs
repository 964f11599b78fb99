using MedLedger.Ledger.Tiles;

namespace MedLedger.Ledger.Storage;

/// <summary>An atomic append: entries, their index rows, the changed tiles and the new head, all or nothing.</summary>
/// <param name="ExpectedSize">The log size the append was computed against; the store refuses it at any other size.</param>
/// <param name="Entries">The new entries, with contiguous indexes starting at <paramref name="ExpectedSize"/>.</param>
/// <param name="Tiles">The new content of every tile the entries change.</param>
/// <param name="NewHead">The head after the append.</param>
public sealed record LogAppendBatch(
    long ExpectedSize,
    IReadOnlyList<LogEntryWrite> Entries,
    IReadOnlyList<Tile> Tiles,
    LogHead NewHead);
