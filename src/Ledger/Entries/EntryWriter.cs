using System.Buffers;
using System.Buffers.Text;
using MedLedger.Ledger.Hashing;

namespace MedLedger.Ledger.Entries;

/// <summary>The one serializer of version-1 entries: fixed field order, no whitespace, canonical <c>data</c>.</summary>
internal static class EntryWriter
{
    /// <summary>Writes an entry. Every argument must already satisfy the rules of <see cref="EntryFormat"/>.</summary>
    public static byte[] Write(
        string log,
        long sequence,
        DateTimeOffset time,
        string type,
        string actor,
        string subject,
        string eventId,
        ReadOnlySpan<byte> canonicalData,
        in LedgerHash prev)
    {
        var output = new ArrayBufferWriter<byte>(256 + canonicalData.Length);
        output.Write("{\"v\":1,\"log\":\""u8);
        WriteAscii(output, log);
        output.Write("\",\"seq\":"u8);
        CanonicalJson.WriteInteger(output, sequence);
        output.Write(",\"time\":\""u8);
        EntryTime.Format(time, output.GetSpan(EntryTime.Length));
        output.Advance(EntryTime.Length);
        output.Write("\",\"type\":\""u8);
        WriteAscii(output, type);
        output.Write("\",\"actor\":\""u8);
        WriteAscii(output, actor);
        output.Write("\",\"subject\":\""u8);
        WriteAscii(output, subject);
        output.Write("\",\"eventId\":\""u8);
        WriteAscii(output, eventId);
        output.Write("\",\"data\":"u8);
        output.Write(canonicalData);
        output.Write(",\"prev\":\""u8);
        Span<byte> hash = stackalloc byte[LedgerHash.Size];
        prev.CopyTo(hash);
        Base64.EncodeToUtf8(hash, output.GetSpan(LedgerHash.Base64Length), out _, out var encoded);
        output.Advance(encoded);
        output.Write("\"}"u8);
        return output.WrittenSpan.ToArray();
    }

    // Identifier fields are validated ASCII without quotes or backslashes, so they are written as they are.
    private static void WriteAscii(ArrayBufferWriter<byte> output, string value)
    {
        var span = output.GetSpan(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            span[i] = (byte)value[i];
        }

        output.Advance(value.Length);
    }
}
