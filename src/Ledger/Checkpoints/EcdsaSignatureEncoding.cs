namespace MedLedger.Ledger.Checkpoints;

/// <summary>Converts ECDSA signatures between the raw r‖s form (IEEE P1363, JWS, Key Vault) and ASN.1 DER (RFC 3279).</summary>
/// <remarks>
/// DER form (RFC 3279 §2.2.3): <c>SEQUENCE { r INTEGER, s INTEGER }</c>, each INTEGER minimal two's complement
/// (X.690 §8.3.2): leading zero bytes dropped, one 0x00 prepended when the high bit is set so the value stays positive.
/// Signed notes carry DER; Key Vault's ES256 <c>sign</c> returns r‖s (RFC 7518 §3.4), so a Key Vault signer converts with this.
/// </remarks>
public static class EcdsaSignatureEncoding
{
    /// <summary>Encodes a raw r‖s signature (two equal-length big-endian integers) as a DER SEQUENCE of two INTEGERs.</summary>
    /// <exception cref="ArgumentException">The input is empty, of odd length, or longer than 132 bytes (P-521).</exception>
    public static byte[] RawToDer(ReadOnlySpan<byte> rawSignature)
    {
        if (rawSignature.IsEmpty || rawSignature.Length % 2 != 0 || rawSignature.Length > 132)
        {
            throw new ArgumentException("A raw ECDSA signature is r‖s: two halves of equal length.", nameof(rawSignature));
        }

        var half = rawSignature.Length / 2;
        var r = Integer(rawSignature[..half]);
        var s = Integer(rawSignature[half..]);
        var content = r.Length + s.Length;

        // At most 2 × (2 + 67) = 138 content bytes (P-521), so the length is short form or 0x81 and one byte (X.690 §8.1.3).
        var header = content < 0x80 ? 2 : 3;
        var der = new byte[header + content];
        der[0] = 0x30;
        if (header == 2)
        {
            der[1] = (byte)content;
        }
        else
        {
            der[1] = 0x81;
            der[2] = (byte)content;
        }

        r.CopyTo(der, header);
        s.CopyTo(der, header + r.Length);
        return der;
    }

    // A DER INTEGER: minimal big-endian bytes, with a leading zero when the high bit would make it negative.
    private static byte[] Integer(ReadOnlySpan<byte> magnitude)
    {
        var start = 0;
        while (start < magnitude.Length - 1 && magnitude[start] == 0)
        {
            start++;
        }

        var value = magnitude[start..];
        var pad = (value[0] & 0x80) != 0 ? 1 : 0;
        var encoded = new byte[2 + pad + value.Length];
        encoded[0] = 0x02;
        encoded[1] = (byte)(pad + value.Length);
        value.CopyTo(encoded.AsSpan(2 + pad));
        return encoded;
    }
}
