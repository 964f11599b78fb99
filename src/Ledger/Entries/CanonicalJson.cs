using System.Buffers;
using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using MedLedger.Ledger.Hashing;

namespace MedLedger.Ledger.Entries;

/// <summary>
/// The canonical JSON of an entry's <c>data</c>: the RFC 8785 (JCS) rules restricted to a subset whose canonical form is
/// simple — objects, arrays, strings, integers, booleans and null.
/// </summary>
/// <remarks>
/// <para>Canonical means: no whitespace; object members sorted by the UTF-16 code units of their names (RFC 8785
/// §3.2.3) with no duplicates; strings escaped only where JSON requires it, with the short escapes <c>\b \t \n \f \r
/// \" \\</c> and lowercase <c>\u00xx</c> for other control characters, everything else as literal UTF-8 (RFC 8785
/// §3.2.2.2); integers in plain decimal without leading zeros or <c>-0</c>.</para>
/// <para>Numbers are limited to integers of magnitude at most 2^53 − 1 (<see cref="MaxSafeInteger"/>): every JSON
/// implementation reads those exactly, and fractions or exponents would need RFC 8785's full number serialization.
/// Nesting is limited to <see cref="MaxDepth"/> levels.</para>
/// </remarks>
public static class CanonicalJson
{
    /// <summary>The largest integer magnitude allowed (2^53 − 1, the I-JSON safe range of RFC 7493 §2.2).</summary>
    public const long MaxSafeInteger = 9_007_199_254_740_991;

    /// <summary>The deepest nesting of objects and arrays allowed, counting the outermost value as 1.</summary>
    public const int MaxDepth = 32;

    // Bytes that end a run of literal string content: the quote, the backslash, control characters and non-ASCII.
    private static readonly SearchValues<byte> StringSpecials = SearchValues.Create(BuildStringSpecials());

    /// <summary>Serializes <paramref name="value"/> canonically.</summary>
    /// <exception cref="ArgumentException">
    /// The value holds a non-integer number, an integer outside ±<see cref="MaxSafeInteger"/>, an object with a duplicate
    /// member name, a string with an unpaired surrogate, or is nested deeper than <see cref="MaxDepth"/>.
    /// </exception>
    public static byte[] Serialize(JsonElement value)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        Write(buffer, value, 1);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Checks that <paramref name="utf8Json"/> is exactly one value in canonical form, with nothing around it.</summary>
    public static bool IsCanonical(ReadOnlySpan<byte> utf8Json)
    {
        var position = 0;
        return TryReadValue(utf8Json, ref position, 1) && position == utf8Json.Length;
    }

    /// <summary>Reads one canonical value starting at <paramref name="position"/>; on success moves past it.</summary>
    internal static bool TryReadValue(ReadOnlySpan<byte> json, ref int position, int depth)
    {
        if (position >= json.Length)
        {
            return false;
        }

        switch (json[position])
        {
            case (byte)'{':
                return depth <= MaxDepth && TryReadObject(json, ref position, depth);
            case (byte)'[':
                return depth <= MaxDepth && TryReadArray(json, ref position, depth);
            case (byte)'"':
                return TryReadString(json, ref position, out _);
            case (byte)'t':
                return TryReadLiteral(json, ref position, "true"u8);
            case (byte)'f':
                return TryReadLiteral(json, ref position, "false"u8);
            case (byte)'n':
                return TryReadLiteral(json, ref position, "null"u8);
            default:
                return TryReadInteger(json, ref position);
        }
    }

    /// <summary>Reads one canonical object starting at <paramref name="position"/>.</summary>
    internal static bool TryReadObject(ReadOnlySpan<byte> json, ref int position, int depth)
    {
        if (position >= json.Length || json[position] != '{' || depth > MaxDepth)
        {
            return false;
        }

        position++;
        if (position < json.Length && json[position] == '}')
        {
            position++;
            return true;
        }

        var previousKey = ReadOnlySpan<byte>.Empty;
        var previousIsPlain = false;
        var first = true;
        while (true)
        {
            var keyStart = position;
            if (!TryReadString(json, ref position, out var keyIsPlain))
            {
                return false;
            }

            var key = json[(keyStart + 1)..(position - 1)];
            if (!first && CompareKeys(previousKey, previousIsPlain, key, keyIsPlain) >= 0)
            {
                return false;
            }

            first = false;
            previousKey = key;
            previousIsPlain = keyIsPlain;
            if (position >= json.Length || json[position] != ':')
            {
                return false;
            }

            position++;
            if (!TryReadValue(json, ref position, depth + 1) || position >= json.Length)
            {
                return false;
            }

            var next = json[position++];
            if (next == '}')
            {
                return true;
            }

            if (next != ',')
            {
                return false;
            }
        }
    }

    private static bool TryReadArray(ReadOnlySpan<byte> json, ref int position, int depth)
    {
        position++;
        if (position < json.Length && json[position] == ']')
        {
            position++;
            return true;
        }

        while (true)
        {
            if (!TryReadValue(json, ref position, depth + 1) || position >= json.Length)
            {
                return false;
            }

            var next = json[position++];
            if (next == ']')
            {
                return true;
            }

            if (next != ',')
            {
                return false;
            }
        }
    }

    /// <summary>Reads one canonically escaped string; <paramref name="isPlain"/> tells whether it is ASCII without escapes.</summary>
    internal static bool TryReadString(ReadOnlySpan<byte> json, ref int position, out bool isPlain)
    {
        isPlain = true;
        if (position >= json.Length || json[position] != '"')
        {
            return false;
        }

        position++;
        while (true)
        {
            var offset = json[position..].IndexOfAny(StringSpecials);
            if (offset < 0)
            {
                return false;
            }

            position += offset;
            var c = json[position];
            if (c == '"')
            {
                position++;
                return true;
            }

            if (c < 0x20)
            {
                return false;
            }

            isPlain = false;
            if (c == '\\')
            {
                if (!TryReadEscape(json, ref position))
                {
                    return false;
                }
            }
            else
            {
                // Non-ASCII: exactly one well-formed UTF-8 sequence (no overlongs, no surrogates).
                if (Rune.DecodeFromUtf8(json[position..], out _, out var consumed) != OperationStatus.Done)
                {
                    return false;
                }

                position += consumed;
            }
        }
    }

    private static bool TryReadEscape(ReadOnlySpan<byte> json, ref int position)
    {
        if (position + 1 >= json.Length)
        {
            return false;
        }

        switch (json[position + 1])
        {
            case (byte)'"' or (byte)'\\' or (byte)'b' or (byte)'f' or (byte)'n' or (byte)'r' or (byte)'t':
                position += 2;
                return true;
            case (byte)'u':
                // Only control characters without a short escape are written as \u00xx, in lowercase hex.
                if (position + 6 > json.Length || json[position + 2] != '0' || json[position + 3] != '0'
                    || !TryLowerHex(json[position + 4], out var high) || !TryLowerHex(json[position + 5], out var low))
                {
                    return false;
                }

                var value = (high << 4) | low;
                if (value >= 0x20 || value is 0x08 or 0x09 or 0x0A or 0x0C or 0x0D)
                {
                    return false;
                }

                position += 6;
                return true;
            default:
                return false;
        }
    }

    private static bool TryLowerHex(byte c, out int value)
    {
        value = c switch
        {
            >= (byte)'0' and <= (byte)'9' => c - '0',
            >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
            _ => -1,
        };
        return value >= 0;
    }

    private static bool TryReadLiteral(ReadOnlySpan<byte> json, ref int position, ReadOnlySpan<byte> literal)
    {
        if (!json[position..].StartsWith(literal))
        {
            return false;
        }

        position += literal.Length;
        return true;
    }

    private static bool TryReadInteger(ReadOnlySpan<byte> json, ref int position)
    {
        var start = position;
        var negative = json[position] == '-';
        if (negative)
        {
            position++;
        }

        if (position >= json.Length)
        {
            return false;
        }

        if (json[position] == '0')
        {
            position++;
            if (negative)
            {
                return false;
            }
        }
        else
        {
            var digitsStart = position;
            while (position < json.Length && json[position] is >= (byte)'0' and <= (byte)'9')
            {
                position++;
            }

            if (position == digitsStart || position - digitsStart > 16
                || !Utf8Parser.TryParse(json[digitsStart..position], out long magnitude, out _)
                || magnitude > MaxSafeInteger)
            {
                return false;
            }
        }

        // A fraction, an exponent or more digits after a leading zero would make this a different number form.
        return position > start && (position >= json.Length
            || json[position] is not ((>= (byte)'0' and <= (byte)'9') or (byte)'.' or (byte)'e' or (byte)'E'));
    }

    private static int CompareKeys(ReadOnlySpan<byte> left, bool leftIsPlain, ReadOnlySpan<byte> right, bool rightIsPlain)
    {
        if (leftIsPlain && rightIsPlain)
        {
            // For ASCII, byte order is UTF-16 code unit order.
            return left.SequenceCompareTo(right);
        }

        return string.CompareOrdinal(DecodeString(left), DecodeString(right));
    }

    /// <summary>Decodes the content (between the quotes) of a string already checked by <see cref="TryReadString"/>.</summary>
    internal static string DecodeString(ReadOnlySpan<byte> content)
    {
        var builder = new StringBuilder(content.Length);
        while (content.Length > 0)
        {
            var escape = content.IndexOf((byte)'\\');
            var literal = escape < 0 ? content : content[..escape];
            builder.Append(Encoding.UTF8.GetString(literal));
            if (escape < 0)
            {
                break;
            }

            var kind = content[escape + 1];
            builder.Append(kind switch
            {
                (byte)'b' => '\b',
                (byte)'f' => '\f',
                (byte)'n' => '\n',
                (byte)'r' => '\r',
                (byte)'t' => '\t',
                (byte)'u' => (char)Convert.ToInt32(Encoding.ASCII.GetString(content.Slice(escape + 2, 4)), 16),
                _ => (char)kind,
            });
            content = content[(escape + (kind == 'u' ? 6 : 2))..];
        }

        return builder.ToString();
    }

    /// <summary>Writes <paramref name="value"/> as a canonical JSON integer (shortest form, no sign for non-negatives).</summary>
    internal static void WriteInteger(IBufferWriter<byte> output, long value)
    {
        Utf8Formatter.TryFormat(value, output.GetSpan(20), out var written);
        output.Advance(written);
    }

    /// <summary>Writes <paramref name="hashes"/> as a JSON array of canonical base64 strings, the form proofs take in receipts and proofs.</summary>
    internal static void WriteHashArray(IBufferWriter<byte> output, IReadOnlyList<LedgerHash> hashes)
    {
        output.Write("["u8);
        for (var i = 0; i < hashes.Count; i++)
        {
            if (i > 0)
            {
                output.Write(","u8);
            }

            WriteString(output, hashes[i].ToBase64());
        }

        output.Write("]"u8);
    }

    /// <summary>Reads what <see cref="WriteHashArray"/> writes: an array of at most <paramref name="maxCount"/> canonical base64 hashes.</summary>
    /// <param name="element">The array.</param>
    /// <param name="maxCount">The most hashes accepted.</param>
    /// <param name="hashes">The hashes, in order, when the array is valid.</param>
    /// <param name="badIndex">When invalid: the position of the first hash that is not canonical base64 of 32 bytes, or -1 when
    /// <paramref name="element"/> is not an array of at most <paramref name="maxCount"/> items.</param>
    internal static bool TryReadHashArray(JsonElement element, int maxCount, [NotNullWhen(true)] out List<LedgerHash>? hashes, out int badIndex)
    {
        hashes = null;
        badIndex = -1;
        if (element.ValueKind != JsonValueKind.Array || element.GetArrayLength() > maxCount)
        {
            return false;
        }

        var list = new List<LedgerHash>(element.GetArrayLength());
        foreach (var item in element.EnumerateArray())
        {
            string? text = null;
            try
            {
                text = item.ValueKind == JsonValueKind.String ? item.GetString() : null;
            }
            catch (InvalidOperationException)
            {
                // An unpaired surrogate escape: not base64 either way.
            }

            if (!LedgerHash.TryParseBase64(text, out var hash))
            {
                badIndex = list.Count;
                return false;
            }

            list.Add(hash);
        }

        hashes = list;
        return true;
    }

    /// <summary>Writes <paramref name="value"/> as a canonical JSON string.</summary>
    /// <exception cref="ArgumentException">The string holds an unpaired surrogate.</exception>
    internal static void WriteString(IBufferWriter<byte> output, ReadOnlySpan<char> value)
    {
        var span = output.GetSpan((value.Length * 6) + 2);
        var written = 0;
        span[written++] = (byte)'"';
        while (!value.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(value, out var rune, out var consumed) != OperationStatus.Done)
            {
                throw new ArgumentException("A string holds an unpaired surrogate, which has no UTF-8 encoding.", nameof(value));
            }

            value = value[consumed..];
            switch (rune.Value)
            {
                case '"':
                    span[written++] = (byte)'\\';
                    span[written++] = (byte)'"';
                    break;
                case '\\':
                    span[written++] = (byte)'\\';
                    span[written++] = (byte)'\\';
                    break;
                case '\b':
                    span[written++] = (byte)'\\';
                    span[written++] = (byte)'b';
                    break;
                case '\f':
                    span[written++] = (byte)'\\';
                    span[written++] = (byte)'f';
                    break;
                case '\n':
                    span[written++] = (byte)'\\';
                    span[written++] = (byte)'n';
                    break;
                case '\r':
                    span[written++] = (byte)'\\';
                    span[written++] = (byte)'r';
                    break;
                case '\t':
                    span[written++] = (byte)'\\';
                    span[written++] = (byte)'t';
                    break;
                case < 0x20:
                    span[written++] = (byte)'\\';
                    span[written++] = (byte)'u';
                    span[written++] = (byte)'0';
                    span[written++] = (byte)'0';
                    span[written++] = (byte)"0123456789abcdef"[rune.Value >> 4];
                    span[written++] = (byte)"0123456789abcdef"[rune.Value & 0xF];
                    break;
                default:
                    written += rune.EncodeToUtf8(span[written..]);
                    break;
            }
        }

        span[written++] = (byte)'"';
        output.Advance(written);
    }

    private static void Write(IBufferWriter<byte> output, JsonElement value, int depth)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                CheckDepth(depth);
                var members = new List<(string Name, JsonElement Value)>();
                foreach (var member in value.EnumerateObject())
                {
                    members.Add((Text(() => member.Name), member.Value));
                }

                members.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
                Append(output, "{"u8);
                for (var i = 0; i < members.Count; i++)
                {
                    if (i > 0)
                    {
                        if (string.Equals(members[i - 1].Name, members[i].Name, StringComparison.Ordinal))
                        {
                            throw new ArgumentException($"The object has the member \"{members[i].Name}\" twice.", nameof(value));
                        }

                        Append(output, ","u8);
                    }

                    WriteString(output, members[i].Name);
                    Append(output, ":"u8);
                    Write(output, members[i].Value, depth + 1);
                }

                Append(output, "}"u8);
                break;
            case JsonValueKind.Array:
                CheckDepth(depth);
                Append(output, "["u8);
                var firstItem = true;
                foreach (var item in value.EnumerateArray())
                {
                    if (!firstItem)
                    {
                        Append(output, ","u8);
                    }

                    firstItem = false;
                    Write(output, item, depth + 1);
                }

                Append(output, "]"u8);
                break;
            case JsonValueKind.String:
                WriteString(output, Text(value.GetString));
                break;
            case JsonValueKind.Number:
                if (!value.TryGetInt64(out var integer) || integer is > MaxSafeInteger or < -MaxSafeInteger)
                {
                    throw new ArgumentException(
                        $"The number {value.GetRawText()} is not an integer within ±{MaxSafeInteger}; canonical data holds only such integers.",
                        nameof(value));
                }

                var digits = output.GetSpan(24);
                Utf8Formatter.TryFormat(integer, digits, out var length);
                output.Advance(length);
                break;
            case JsonValueKind.True:
                Append(output, "true"u8);
                break;
            case JsonValueKind.False:
                Append(output, "false"u8);
                break;
            case JsonValueKind.Null:
                Append(output, "null"u8);
                break;
            case JsonValueKind.Undefined:
            default:
                throw new ArgumentException("The JSON value is undefined (a default JsonElement).", nameof(value));
        }
    }

    // System.Text.Json throws InvalidOperationException for an escaped unpaired surrogate; here it is bad input.
    private static string Text(Func<string?> read)
    {
        try
        {
            return read() ?? string.Empty;
        }
        catch (InvalidOperationException exception)
        {
            throw new ArgumentException("A string holds an unpaired surrogate, which has no UTF-8 encoding.", nameof(read), exception);
        }
    }

    private static void CheckDepth(int depth)
    {
        if (depth > MaxDepth)
        {
            throw new ArgumentException($"The value is nested deeper than {MaxDepth} levels.", nameof(depth));
        }
    }

    private static void Append(IBufferWriter<byte> output, ReadOnlySpan<byte> bytes) => output.Write(bytes);

    private static byte[] BuildStringSpecials()
    {
        var specials = new List<byte> { (byte)'"', (byte)'\\' };
        for (var b = 0; b < 0x20; b++)
        {
            specials.Add((byte)b);
        }

        for (var b = 0x80; b <= 0xFF; b++)
        {
            specials.Add((byte)b);
        }

        return [.. specials];
    }
}
