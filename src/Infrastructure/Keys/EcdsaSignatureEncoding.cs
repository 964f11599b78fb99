namespace MedLedger.Infrastructure.Keys;

/// <summary>Converts an ECDSA signature from the raw r‖s form (IEEE P1363, JWS) to ASN.1 DER.</summary>
/// <remarks>
/// DER form (RFC 3279 §2.2.3): <c>SEQUENCE { r INTEGER, s INTEGER }</c>. Each INTEGER is minimal two's complement
/// (X.690 §8.3.2): leading zero bytes are dropped, and one 0x00 is prepended when the high bit is set so the value stays
/// positive. Key Vault's ES256 <c>sign</c> returns r‖s (RFC 7518 §3.4); signed notes carry DER.
/// </remarks>
internal static class EcdsaSignatureEncoding
{
    private const byte SequenceTag = 0x30;
    private const byte IntegerTag = 0x02;

    /// <summary>Encodes r‖s (two equal halves, big-endian) as a DER <c>SEQUENCE</c> of two INTEGERs.</summary>
    /// <exception cref="ArgumentException"><paramref name="rawSignature"/> is empty or of odd length.</exception>
    public static byte[] RawToDer(ReadOnlySpan<byte> rawSignature)
    {
        if (rawSignature.IsEmpty || rawSignature.Length % 2 != 0)
        {
            throw new ArgumentException("A raw ECDSA signature has two halves of equal, non-zero length.", nameof(rawSignature));
        }

        var half = rawSignature.Length / 2;
        var r = Minimal(rawSignature[..half]);
        var s = Minimal(rawSignature[half..]);
        var contentLength = IntegerLength(r) + IntegerLength(s);
        var output = new byte[1 + LengthOfLength(contentLength) + contentLength];
        var span = output.AsSpan();
        span[0] = SequenceTag;
        span = WriteLength(span[1..], contentLength);
        span = WriteInteger(span, r);
        span = WriteInteger(span, s);
        System.Diagnostics.Debug.Assert(span.IsEmpty, "The DER length was computed exactly.");
        return output;
    }

    // Strips leading zero bytes, keeping one byte for the value zero.
    private static ReadOnlySpan<byte> Minimal(ReadOnlySpan<byte> value)
    {
        var start = 0;
        while (start < value.Length - 1 && value[start] == 0)
        {
            start++;
        }

        return value[start..];
    }

    private static bool NeedsPad(ReadOnlySpan<byte> minimal) => (minimal[0] & 0x80) != 0;

    private static int IntegerLength(ReadOnlySpan<byte> minimal)
    {
        var valueLength = minimal.Length + (NeedsPad(minimal) ? 1 : 0);
        return 1 + LengthOfLength(valueLength) + valueLength;
    }

    private static Span<byte> WriteInteger(Span<byte> destination, ReadOnlySpan<byte> minimal)
    {
        var pad = NeedsPad(minimal);
        destination[0] = IntegerTag;
        destination = WriteLength(destination[1..], minimal.Length + (pad ? 1 : 0));
        if (pad)
        {
            destination[0] = 0x00;
            destination = destination[1..];
        }

        minimal.CopyTo(destination);
        return destination[minimal.Length..];
    }

    // X.690 §8.1.3: short form below 128, else 0x80|n followed by n big-endian length bytes.
    private static int LengthOfLength(int length) => length < 0x80 ? 1 : 1 + ((32 - int.LeadingZeroCount(length) + 7) / 8);

    private static Span<byte> WriteLength(Span<byte> destination, int length)
    {
        if (length < 0x80)
        {
            destination[0] = (byte)length;
            return destination[1..];
        }

        var count = LengthOfLength(length) - 1;
        destination[0] = (byte)(0x80 | count);
        for (var i = 0; i < count; i++)
        {
            destination[count - i] = (byte)(length >> (8 * i));
        }

        return destination[(count + 1)..];
    }
}
