using System.Buffers.Text;
using MedLedger.Ledger.Hashing;

namespace MedLedger.Ledger.Entries;

/// <summary>
/// The fast path of entry parsing: accepts exactly the bytes <see cref="EntryWriter"/> produces and nothing else.
/// </summary>
/// <remarks>
/// Matching the fixed layout literally checks field order, the absence of whitespace and the version in one pass, so
/// a valid entry is canonical by construction. Anything it rejects goes to <see cref="EntryDiagnostics"/>, which says
/// exactly what is wrong; the scanner itself only answers yes or no.
/// </remarks>
internal static class EntryScanner
{
    public static bool TryScan(ReadOnlySpan<byte> entry, out ScannedEntry scanned)
    {
        scanned = default;
        if (entry.Length > EntryFormat.MaxEntryBytes)
        {
            return false;
        }

        var position = 0;
        if (!TryExpect(entry, ref position, "{\"v\":1,\"log\":\""u8)
            || !TryReadIdentifier(entry, ref position, out scanned.Log)
            || !EntryFormat.IsValidLogName(entry[scanned.Log])
            || !TryExpect(entry, ref position, ",\"seq\":"u8)
            || !TryReadSequence(entry, ref position, out scanned.Sequence)
            || !TryExpect(entry, ref position, ",\"time\":\""u8)
            || position + EntryTime.Length + 1 > entry.Length
            || !EntryTime.TryParse(entry.Slice(position, EntryTime.Length), out scanned.Time)
            || entry[position + EntryTime.Length] != '"')
        {
            return false;
        }

        position += EntryTime.Length + 1;
        if (!TryExpect(entry, ref position, ",\"type\":\""u8)
            || !TryReadIdentifier(entry, ref position, out scanned.Type)
            || !EntryFormat.IsValidEventType(entry[scanned.Type])
            || !TryExpect(entry, ref position, ",\"actor\":\""u8)
            || !TryReadIdentifier(entry, ref position, out scanned.Actor)
            || !EntryFormat.IsValidIdentifier(entry[scanned.Actor])
            || !TryExpect(entry, ref position, ",\"subject\":\""u8)
            || !TryReadIdentifier(entry, ref position, out scanned.Subject)
            || !EntryFormat.IsValidSubject(entry[scanned.Subject])
            || !TryExpect(entry, ref position, ",\"eventId\":\""u8)
            || !TryReadIdentifier(entry, ref position, out scanned.EventId)
            || !EntryFormat.IsValidIdentifier(entry[scanned.EventId])
            || !TryExpect(entry, ref position, ",\"data\":"u8))
        {
            return false;
        }

        var dataStart = position;
        if (!CanonicalJson.TryReadObject(entry, ref position, 1))
        {
            return false;
        }

        scanned.Data = dataStart..position;
        if (!TryExpect(entry, ref position, ",\"prev\":\""u8)
            || position + LedgerHash.Base64Length + 2 != entry.Length
            || !TryDecodeHash(entry.Slice(position, LedgerHash.Base64Length), out scanned.Prev))
        {
            return false;
        }

        position += LedgerHash.Base64Length;
        return entry[position] == '"' && entry[position + 1] == '}';
    }

    /// <summary>Decodes the canonical base64 of a 32-byte hash (padding bits zero).</summary>
    internal static bool TryDecodeHash(ReadOnlySpan<byte> base64, out LedgerHash hash)
    {
        hash = default;
        Span<byte> bytes = stackalloc byte[LedgerHash.Size];
        // The decoder rejects non-zero padding bits, so one hash has exactly one accepted spelling.
        if (base64.Length != LedgerHash.Base64Length
            || Base64.DecodeFromUtf8(base64, bytes, out var consumed, out var written) != System.Buffers.OperationStatus.Done
            || consumed != base64.Length || written != LedgerHash.Size)
        {
            return false;
        }

        hash = new LedgerHash(bytes);
        return true;
    }

    private static bool TryExpect(ReadOnlySpan<byte> entry, ref int position, ReadOnlySpan<byte> literal)
    {
        if (!entry[position..].StartsWith(literal))
        {
            return false;
        }

        position += literal.Length;
        return true;
    }

    // Identifier fields never contain quotes or backslashes, so the value ends at the next quote.
    private static bool TryReadIdentifier(ReadOnlySpan<byte> entry, ref int position, out Range value)
    {
        value = default;
        var length = entry[position..].IndexOf((byte)'"');
        if (length < 0)
        {
            return false;
        }

        value = position..(position + length);
        position += length + 1;
        return true;
    }

    private static bool TryReadSequence(ReadOnlySpan<byte> entry, ref int position, out long sequence)
    {
        sequence = 0;
        var start = position;
        while (position < entry.Length && entry[position] is >= (byte)'0' and <= (byte)'9')
        {
            position++;
        }

        var digits = entry[start..position];
        // No leading zeros, no sign, and it must fit in a long.
        return digits.Length is > 0 and <= 19
            && (digits[0] != '0' || digits.Length == 1)
            && Utf8Parser.TryParse(digits, out sequence, out var consumed)
            && consumed == digits.Length;
    }
}
