using System.Buffers.Text;

namespace MedLedger.Clients.KeyVault;

/// <summary>Base64url as JWK and Key Vault use it (RFC 7515 §2: no padding), decoded tolerantly.</summary>
internal static class JsonWebKeyEncoding
{
    private static readonly System.Buffers.SearchValues<byte> Base64UrlAlphabet =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"u8);

    /// <summary>Encodes <paramref name="data"/> as unpadded base64url UTF-8 bytes.</summary>
    public static byte[] EncodeToUtf8(ReadOnlySpan<byte> data)
    {
        var encoded = new byte[Base64Url.GetEncodedLength(data.Length)];
        Base64Url.EncodeToUtf8(data, encoded);
        return encoded;
    }

    /// <summary>Decodes base64url, also accepting the standard alphabet ('+', '/') and '=' padding.</summary>
    /// <remarks>The Key Vault REST examples mix both alphabets, so the service's answers are read either way.</remarks>
    /// <returns>The decoded bytes, or <see langword="null"/> if the text is not base64 in either alphabet.</returns>
    public static byte[]? DecodeTolerant(ReadOnlySpan<byte> utf8)
    {
        // Work on a copy: the caller's buffer may be the service response, and the copy can hold a data key.
        var normalized = utf8.ToArray();
        try
        {
            var length = normalized.Length;
            while (length > 0 && normalized[length - 1] == (byte)'=')
            {
                length--;
            }

            for (var i = 0; i < length; i++)
            {
                normalized[i] = normalized[i] switch
                {
                    (byte)'+' => (byte)'-',
                    (byte)'/' => (byte)'_',
                    var b => b,
                };
            }

            var input = normalized.AsSpan(0, length);
            // Base64Url.IsValid skips whitespace; a key value never contains any, so refuse it.
            if (input.ContainsAnyExcept(Base64UrlAlphabet) || !Base64Url.IsValid(input, out var decodedLength))
            {
                return null;
            }

            var decoded = new byte[decodedLength];
            var status = Base64Url.DecodeFromUtf8(input, decoded, out _, out var written);
            return status == System.Buffers.OperationStatus.Done && written == decodedLength ? decoded : null;
        }
        finally
        {
            Array.Clear(normalized);
        }
    }
}
