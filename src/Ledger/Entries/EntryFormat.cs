using System.Buffers;
using System.Text;

namespace MedLedger.Ledger.Entries;

/// <summary>The rules of entry format version 1: limits and the character sets of its identifier fields.</summary>
/// <remarks>
/// <para>An entry is one UTF-8 JSON object whose fields appear in this fixed order, with no whitespace:</para>
/// <code>{"v":1,"log":…,"seq":…,"time":…,"type":…,"actor":…,"subject":…,"eventId":…,"data":{…},"prev":…}</code>
/// <para>The first bytes, <c>{"v":1,</c>, name the format version; a future version changes them. Identifier fields
/// are restricted to printable ASCII without spaces or quotes, so they never need escaping and cannot carry free text
/// (names, notes) by accident. <c>data</c> is canonical JSON (<see cref="CanonicalJson"/>).</para>
/// </remarks>
public static class EntryFormat
{
    /// <summary>The format version this library writes and reads.</summary>
    public const int Version = 1;

    /// <summary>The largest entry accepted, in bytes; larger input is rejected before it is parsed.</summary>
    public const int MaxEntryBytes = 64 * 1024;

    /// <summary>The longest log name, actor, subject or event id, in characters.</summary>
    public const int MaxIdentifierLength = 128;

    /// <summary>The longest event type, in characters.</summary>
    public const int MaxTypeLength = 64;

    /// <summary>The textual form of <c>time</c>: UTC with exactly three fractional digits (the ISO-8601 form JavaScript prints).</summary>
    public const string TimeFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";

    private static readonly SearchValues<byte> LogNameBytes =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-:/"u8);

    private static readonly SearchValues<byte> IdentifierBytes =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-:/@+=~"u8);

    /// <summary>
    /// Checks a log name: 1 to 128 characters from <c>A–Z a–z 0–9 . _ - : /</c>. The log name is also the origin line
    /// of the log's checkpoints, so it follows the C2SP advice for origins (no spaces, no plus signs).
    /// </summary>
    public static bool IsValidLogName(string? value) => value is not null && IsValidLogName(Ascii(value));

    /// <summary>
    /// Checks an event type such as <c>record.created</c>: 3 to 64 characters, two or more dot-separated segments,
    /// each a lowercase letter followed by lowercase letters, digits, <c>_</c> or <c>-</c>. The set of types is open.
    /// </summary>
    public static bool IsValidEventType(string? value) => value is not null && IsValidEventType(Ascii(value));

    /// <summary>
    /// Checks an identifier (actor, event id, or a non-empty subject): 1 to 128 characters from
    /// <c>A–Z a–z 0–9 . _ - : / @ + = ~</c> — pseudonyms, opaque ids and base64 values, never free text.
    /// </summary>
    public static bool IsValidIdentifier(string? value) => value is not null && IsValidIdentifier(Ascii(value));

    /// <summary>Checks a subject: empty (the event concerns no patient) or a valid identifier.</summary>
    public static bool IsValidSubject(string? value) => value is not null && (value.Length == 0 || IsValidIdentifier(value));

    internal static bool IsValidLogName(ReadOnlySpan<byte> value) =>
        value.Length is > 0 and <= MaxIdentifierLength && !value.ContainsAnyExcept(LogNameBytes);

    internal static bool IsValidIdentifier(ReadOnlySpan<byte> value) =>
        value.Length is > 0 and <= MaxIdentifierLength && !value.ContainsAnyExcept(IdentifierBytes);

    internal static bool IsValidSubject(ReadOnlySpan<byte> value) => value.Length == 0 || IsValidIdentifier(value);

    internal static bool IsValidEventType(ReadOnlySpan<byte> value)
    {
        if (value.Length is < 3 or > MaxTypeLength)
        {
            return false;
        }

        var segments = 0;
        var segmentStart = true;
        foreach (var c in value)
        {
            if (segmentStart)
            {
                if (c is < (byte)'a' or > (byte)'z')
                {
                    return false;
                }

                segmentStart = false;
                segments++;
            }
            else if (c == (byte)'.')
            {
                segmentStart = true;
            }
            else if (c is not ((>= (byte)'a' and <= (byte)'z') or (>= (byte)'0' and <= (byte)'9') or (byte)'_' or (byte)'-'))
            {
                return false;
            }
        }

        return !segmentStart && segments >= 2;
    }

    // Non-ASCII strings map to a byte that no rule accepts, so the span rules reject them.
    private static byte[] Ascii(string value)
    {
        var bytes = new byte[value.Length];
        for (var i = 0; i < value.Length; i++)
        {
            bytes[i] = value[i] < 0x80 ? (byte)value[i] : (byte)0xFF;
        }

        return bytes;
    }

    internal static string DecodeAscii(ReadOnlySpan<byte> value) => Encoding.ASCII.GetString(value);
}
