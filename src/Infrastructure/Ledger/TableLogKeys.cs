using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using MedLedger.Clients.Tables;
using MedLedger.Ledger.Storage;
using MedLedger.Ledger.Tiles;

namespace MedLedger.Infrastructure.Ledger;

/// <summary>The partition and row keys of the Table-backed log (layout version 1).</summary>
/// <remarks>
/// <para>One partition per log, so one entity-group transaction can write every row of an append. Row keys start with
/// the row type and a <c>|</c>; numbers are zero-padded to 19 digits (the width of <see cref="long.MaxValue"/>) so
/// that the ordinal order of keys is the numeric order and range queries page in index order:</para>
/// <code>
/// head                                         the head: size, root hash, last leaf hash
/// entry|0000000000000000042                     entry 42, its bytes verbatim
/// event|{event id}                              event id → index and leaf hash (idempotency)
/// subject|{pseudonym}|0000000000000000042       subject index row
/// record|{record id}|0000000000000000042        record index row
/// tile|00|0000000000000000000                   tile level/index (Tile.Encode)
/// checkpoint|0000000000000000042                signed checkpoint for tree size 42
/// checkpoint-newest|9223372036854775765         the same checkpoint, keyed so the newest sorts first
/// </code>
/// <para>Text in keys (the log name, event ids, index keys) is escaped reversibly: the characters
/// <c>A–Z a–z 0–9 . _ - : @ + = ~</c> stand for themselves; every other character, as UTF-8 bytes, becomes <c>!</c>
/// and two uppercase hex digits. Identifiers of <see cref="MedLedger.Ledger.Entries.EntryFormat"/> only ever escape
/// <c>/</c> (which keys may not contain), so keys stay readable. The escaped text never contains <c>|</c>, which makes
/// <c>subject|{key}|</c> an exact prefix: no other key's rows fall into its range. <c>!</c> rather than <c>%</c> keeps
/// keys clear of URL-decoding ambiguity.</para>
/// </remarks>
internal static class TableLogKeys
{
    /// <summary>The row key of the head.</summary>
    public const string Head = "head";

    private const string EntryPrefix = "entry|";
    private const string EventPrefix = "event|";
    private const string SubjectPrefix = "subject|";
    private const string RecordPrefix = "record|";
    private const string TilePrefix = "tile|";
    private const string CheckpointPrefix = "checkpoint|";
    private const string NewestCheckpointPrefix = "checkpoint-newest|";

    // Sorts after every digit and every escaped character: the exclusive upper bound of a prefix range.
    private const string AfterPrefix = "~";

    private const char Escape = '!';
    private const string Number = "D19";

    /// <summary>Returns the partition key of the log <paramref name="logName"/>.</summary>
    public static string Partition(string logName) => EscapeText(logName);

    /// <summary>Returns the row key of entry <paramref name="index"/>.</summary>
    public static string Entry(long index) => EntryPrefix + Pad(index);

    /// <summary>Gets the exclusive upper bound of all entry row keys.</summary>
    public static string EntriesEnd => EntryPrefix + AfterPrefix;

    /// <summary>Returns the row key of an event id's index row.</summary>
    public static string Event(string eventId) => EventPrefix + EscapeText(eventId);

    /// <summary>Returns the row key of one secondary index row.</summary>
    public static string Index(LogIndexKey key, long index) => IndexPrefix(key) + Pad(index);

    /// <summary>Returns the exclusive upper bound of a secondary index key's rows.</summary>
    public static string IndexEnd(LogIndexKey key) => IndexPrefix(key) + AfterPrefix;

    /// <summary>Returns the row key of a tile.</summary>
    public static string Tile(TileCoordinate coordinate) =>
        TilePrefix + coordinate.Level.ToString("D2", CultureInfo.InvariantCulture) + "|" + Pad(coordinate.Index);

    /// <summary>Returns the ascending row key of a checkpoint.</summary>
    public static string Checkpoint(long treeSize) => CheckpointPrefix + Pad(treeSize);

    /// <summary>Gets the inclusive lower and exclusive upper bound of the ascending checkpoint rows.</summary>
    public static (string From, string To) Checkpoints => (CheckpointPrefix, CheckpointPrefix + AfterPrefix);

    /// <summary>Returns the row key under which a checkpoint sorts newest first.</summary>
    public static string NewestCheckpoint(long treeSize) => NewestCheckpointPrefix + Pad(long.MaxValue - treeSize);

    /// <summary>Gets the inclusive lower and exclusive upper bound of the newest-first checkpoint rows.</summary>
    public static (string From, string To) NewestCheckpoints => (NewestCheckpointPrefix, NewestCheckpointPrefix + AfterPrefix);

    /// <summary>Reads the index from an entry row key.</summary>
    public static bool TryParseEntry(string rowKey, out long index) => TryParseNumber(rowKey, EntryPrefix, out index);

    /// <summary>Reads the tree size from an ascending checkpoint row key.</summary>
    public static bool TryParseCheckpoint(string rowKey, out long treeSize) => TryParseNumber(rowKey, CheckpointPrefix, out treeSize);

    /// <summary>Whether <paramref name="key"/> fits the service's key rules (length, characters).</summary>
    public static bool IsValid(string key) => TableKeys.Problem(key) is null;

    /// <summary>Escapes text for use inside a key (see the remarks of <see cref="TableLogKeys"/>).</summary>
    public static string EscapeText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!NeedsEscaping(text))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 8);
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (IsVerbatim(c))
            {
                builder.Append(c);
                continue;
            }

            // A surrogate pair is one code point. An unpaired surrogate has no UTF-8 form, and replacing it would
            // make two different texts share a key, so it is refused.
            int length;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                length = new Rune(c, text[++i]).EncodeToUtf8(utf8);
            }
            else if (Rune.TryCreate(c, out var rune))
            {
                length = rune.EncodeToUtf8(utf8);
            }
            else
            {
                throw new ArgumentException($"The text has an unpaired surrogate at position {i}; it cannot be stored in a key.", nameof(text));
            }

            foreach (var b in utf8[..length])
            {
                builder.Append(Escape).Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    /// <summary>Reverses <see cref="EscapeText"/>; false for text <see cref="EscapeText"/> cannot have produced.</summary>
    public static bool TryUnescapeText(string escaped, [NotNullWhen(true)] out string? text)
    {
        ArgumentNullException.ThrowIfNull(escaped);
        text = null;
        var bytes = new List<byte>(escaped.Length);
        for (var i = 0; i < escaped.Length; i++)
        {
            var c = escaped[i];
            if (IsVerbatim(c))
            {
                bytes.Add((byte)c);
            }
            else if (c == Escape && i + 2 < escaped.Length && IsUpperHex(escaped[i + 1]) && IsUpperHex(escaped[i + 2]))
            {
                var b = byte.Parse(escaped.AsSpan(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
                if (b < 0x80 && IsVerbatim((char)b))
                {
                    return false;
                }

                bytes.Add(b);
                i += 2;
            }
            else
            {
                return false;
            }
        }

        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes.ToArray());
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    private static string IndexPrefix(LogIndexKey key) => key.Kind switch
    {
        LogIndexKind.Subject => SubjectPrefix,
        LogIndexKind.Record => RecordPrefix,
        _ => throw new ArgumentOutOfRangeException(nameof(key), key.Kind, "Unknown index kind."),
    } + EscapeText(key.Value) + "|";

    private static string Pad(long value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        return value.ToString(Number, CultureInfo.InvariantCulture);
    }

    private static bool TryParseNumber(string rowKey, string prefix, out long value)
    {
        value = 0;
        return rowKey.Length == prefix.Length + 19
            && rowKey.StartsWith(prefix, StringComparison.Ordinal)
            && !rowKey.AsSpan(prefix.Length).ContainsAnyExceptInRange('0', '9')
            && long.TryParse(rowKey.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    private static bool NeedsEscaping(string text)
    {
        foreach (var c in text)
        {
            if (!IsVerbatim(c))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsVerbatim(char c) =>
        c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '_' or '-' or ':' or '@' or '+' or '=' or '~';

    private static bool IsUpperHex(char c) => c is (>= '0' and <= '9') or (>= 'A' and <= 'F');
}
