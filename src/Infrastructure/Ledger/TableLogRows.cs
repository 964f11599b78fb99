using System.Globalization;
using MedLedger.Clients.Tables;
using MedLedger.Ledger.Hashing;
using MedLedger.Ledger.Storage;
using MedLedger.Ledger.Tiles;

namespace MedLedger.Infrastructure.Ledger;

/// <summary>Builds and reads the rows of the Table-backed log (layout version 1; keys in <see cref="TableLogKeys"/>).</summary>
/// <remarks>
/// Every row carries <c>FormatVersion</c> (Edm.Int32); a reader refuses rows of any other version rather than guess.
/// Hashes are Edm.Binary of 32 bytes, sizes and indexes Edm.Int64. A row that breaks these rules is reported as
/// <see cref="InvalidDataException"/> naming the row, because the store cannot answer from it.
/// </remarks>
internal static class TableLogRows
{
    /// <summary>The layout version every row is written with.</summary>
    public const int FormatVersion = 1;

    public const string FormatVersionProperty = "FormatVersion";
    public const string SizeProperty = "Size";
    public const string RootHashProperty = "RootHash";
    public const string LastLeafHashProperty = "LastLeafHash";
    public const string IndexProperty = "Index";
    public const string EntryProperty = "Entry";
    public const string LeafHashProperty = "LeafHash";
    public const string EventIdProperty = "EventId";
    public const string LevelProperty = "Level";
    public const string TileProperty = "Tile";
    public const string TreeSizeProperty = "TreeSize";
    public const string SignedNoteProperty = "SignedNote";
    public const string WriteIdProperty = "WriteId";

    public static TableEntity Head(string partition, LogHead head, string writeId) => new(partition, TableLogKeys.Head)
    {
        [FormatVersionProperty] = FormatVersion,
        [WriteIdProperty] = writeId,
        [SizeProperty] = head.Size,
        [RootHashProperty] = head.RootHash.ToArray(),
        [LastLeafHashProperty] = head.LastLeafHash.ToArray(),
    };

    public static TableEntity Entry(string partition, LogEntryWrite entry) => new(partition, TableLogKeys.Entry(entry.Index))
    {
        [FormatVersionProperty] = FormatVersion,
        [IndexProperty] = entry.Index,
        [EntryProperty] = TableValue.FromBinary(entry.Bytes.Span),
        [LeafHashProperty] = entry.LeafHash.ToArray(),
    };

    public static TableEntity Event(string partition, LogEntryWrite entry, string writeId) => new(partition, TableLogKeys.Event(entry.EventId))
    {
        [FormatVersionProperty] = FormatVersion,
        [WriteIdProperty] = writeId,
        [EventIdProperty] = entry.EventId,
        [IndexProperty] = entry.Index,
        [LeafHashProperty] = entry.LeafHash.ToArray(),
    };

    public static TableEntity Index(string partition, LogIndexKey key, long index) => new(partition, TableLogKeys.Index(key, index))
    {
        [FormatVersionProperty] = FormatVersion,
        [IndexProperty] = index,
    };

    public static TableEntity Tile(string partition, Tile tile) => new(partition, TableLogKeys.Tile(tile.Coordinate))
    {
        [FormatVersionProperty] = FormatVersion,
        [LevelProperty] = tile.Coordinate.Level,
        [IndexProperty] = tile.Coordinate.Index,
        [TileProperty] = tile.Encode(),
    };

    public static TableEntity Checkpoint(string partition, string rowKey, StoredCheckpoint checkpoint) => new(partition, rowKey)
    {
        [FormatVersionProperty] = FormatVersion,
        [TreeSizeProperty] = checkpoint.TreeSize,
        [SignedNoteProperty] = checkpoint.SignedNote,
    };

    public static LogHead ReadHead(TableEntity row)
    {
        RequireVersion(row);
        var size = Int64(row, SizeProperty);
        if (size < 1)
        {
            throw Invalid(row, $"its size is {size}; a stored head has at least one entry");
        }

        return new LogHead(size, Hash(row, RootHashProperty), Hash(row, LastLeafHashProperty));
    }

    public static StoredEntry ReadEntry(TableEntity row)
    {
        RequireVersion(row);
        if (!TableLogKeys.TryParseEntry(row.RowKey, out var index))
        {
            throw Invalid(row, "its row key is not an entry key");
        }

        return new StoredEntry(index, Binary(row, EntryProperty));
    }

    public static EventLocation ReadEvent(TableEntity row)
    {
        RequireVersion(row);
        var index = Int64(row, IndexProperty);
        return index < 0 ? throw Invalid(row, "its index is negative") : new EventLocation(index, Hash(row, LeafHashProperty));
    }

    /// <summary>Reads the id of the append that wrote an event row (null when absent).</summary>
    public static string? ReadWriteId(TableEntity row) =>
        row.TryGetValue(WriteIdProperty, out var value) && value.Type == TableEdmType.String ? value.AsString() : null;

    public static long ReadIndex(TableEntity row)
    {
        RequireVersion(row);
        var index = Int64(row, IndexProperty);
        return index < 0 ? throw Invalid(row, "its index is negative") : index;
    }

    public static Tile ReadTile(TableEntity row, TileCoordinate coordinate) =>
        RequireVersion(row) && MedLedger.Ledger.Tiles.Tile.TryDecode(coordinate, Binary(row, TileProperty).Span, out var tile)
            ? tile
            : throw Invalid(row, "its tile bytes are not a valid encoded tile");

    public static StoredCheckpoint ReadCheckpoint(TableEntity row)
    {
        RequireVersion(row);
        var treeSize = Int64(row, TreeSizeProperty);
        return treeSize < 0
            ? throw Invalid(row, "its tree size is negative")
            : new StoredCheckpoint(treeSize, String(row, SignedNoteProperty));
    }

    private static bool RequireVersion(TableEntity row)
    {
        var version = row.TryGetValue(FormatVersionProperty, out var value) && value.Type == TableEdmType.Int32 ? value.AsInt32() : (int?)null;
        return version == FormatVersion
            ? true
            : throw Invalid(row, version is null
                ? "it has no Int32 FormatVersion"
                : string.Create(CultureInfo.InvariantCulture, $"its format version is {version}; this reader knows version {FormatVersion}"));
    }

    private static long Int64(TableEntity row, string name) =>
        row.TryGetValue(name, out var value) && value.Type == TableEdmType.Int64 ? value.AsInt64() : throw Invalid(row, $"it has no Int64 property '{name}'");

    private static string String(TableEntity row, string name) =>
        row.TryGetValue(name, out var value) && value.Type == TableEdmType.String ? value.AsString() : throw Invalid(row, $"it has no String property '{name}'");

    private static ReadOnlyMemory<byte> Binary(TableEntity row, string name) =>
        row.TryGetValue(name, out var value) && value.Type == TableEdmType.Binary ? value.AsBinary() : throw Invalid(row, $"it has no Binary property '{name}'");

    private static LedgerHash Hash(TableEntity row, string name)
    {
        var bytes = Binary(row, name);
        return bytes.Length == LedgerHash.Size
            ? new LedgerHash(bytes.Span)
            : throw Invalid(row, string.Create(CultureInfo.InvariantCulture, $"its property '{name}' is {bytes.Length} bytes, not a {LedgerHash.Size}-byte hash"));
    }

    private static InvalidDataException Invalid(TableEntity row, string problem) =>
        new($"The log row ({row.PartitionKey}, {row.RowKey}) is not a valid version-{FormatVersion} row: {problem}.");
}
