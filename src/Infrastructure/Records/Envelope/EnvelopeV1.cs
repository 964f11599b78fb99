using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using MedLedger.Clients.KeyVault;

namespace MedLedger.Infrastructure.Records.Envelope;

/// <summary>Envelope format version 1: AES-256-GCM content encryption with an RSA-OAEP-256 wrapped data key.</summary>
/// <remarks>
/// <para>Layout (integers big-endian):</para>
/// <code>
/// u8   version = 0x01
/// u16  key id length (1..1024)      key id (UTF-8: the versioned key encryption key id)
/// u8   algorithm length (1..64)     wrap algorithm (ASCII; "RSA-OAEP-256")
/// u16  wrapped key length (1..1024) wrapped data key
/// 12   nonce
/// u32  ciphertext length (0..64 MiB)
///      ciphertext
/// 16   tag
/// </code>
/// <para>
/// The header is everything before the ciphertext. The AAD (NIST SP 800-38D §5.2.1) is the header followed by the
/// record context (log name, record id, patient pseudonym, each u16-length-prefixed UTF-8): any change to the version,
/// key id, algorithm, wrapped key, nonce or lengths, or use under another record's context, fails authentication.
/// The parser is strict: unknown versions, lengths out of range, invalid UTF-8 and bytes after the tag are rejected.
/// </para>
/// </remarks>
/// <threadsafety>Immutable; safe for concurrent use.</threadsafety>
public sealed class EnvelopeV1
{
    /// <summary>The version byte.</summary>
    public const byte Version = 0x01;

    /// <summary>The only wrap algorithm version 1 allows.</summary>
    public const string WrapAlgorithmName = KeyVaultAlgorithms.RsaOaep256;

    /// <summary>The data key length: AES-256.</summary>
    public const int DataKeyLength = 32;

    /// <summary>The AES-GCM nonce length (96 bits, SP 800-38D §8.2).</summary>
    public const int NonceLength = 12;

    /// <summary>The AES-GCM tag length (128 bits).</summary>
    public const int TagLength = 16;

    /// <summary>The largest key id, in UTF-8 bytes.</summary>
    public const int MaxKeyIdLength = 1024;

    /// <summary>The largest algorithm name, in bytes.</summary>
    public const int MaxAlgorithmLength = 64;

    /// <summary>The largest wrapped key (RSA-8192 would need 1024).</summary>
    public const int MaxWrappedKeyLength = 1024;

    /// <summary>The largest plaintext: 64 MiB, the largest blob MedLedger uploads in one request.</summary>
    public const int MaxPlaintextLength = 64 * 1024 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private EnvelopeV1(string keyId, string wrapAlgorithm, ReadOnlyMemory<byte> header, ReadOnlyMemory<byte> wrappedKey,
        ReadOnlyMemory<byte> nonce, ReadOnlyMemory<byte> ciphertext, ReadOnlyMemory<byte> tag)
    {
        KeyId = keyId;
        WrapAlgorithm = wrapAlgorithm;
        Header = header;
        WrappedKey = wrappedKey;
        Nonce = nonce;
        Ciphertext = ciphertext;
        Tag = tag;
    }

    /// <summary>Gets the key encryption key id (with version) that wrapped the data key.</summary>
    public string KeyId { get; }

    /// <summary>Gets the wrap algorithm.</summary>
    public string WrapAlgorithm { get; }

    /// <summary>Gets the wrapped data key.</summary>
    public ReadOnlyMemory<byte> WrappedKey { get; }

    /// <summary>Gets the AES-GCM nonce.</summary>
    public ReadOnlyMemory<byte> Nonce { get; }

    /// <summary>Gets the ciphertext.</summary>
    public ReadOnlyMemory<byte> Ciphertext { get; }

    /// <summary>Gets the AES-GCM tag.</summary>
    public ReadOnlyMemory<byte> Tag { get; }

    /// <summary>Gets the header bytes (everything before the ciphertext), which the AAD covers.</summary>
    internal ReadOnlyMemory<byte> Header { get; }

    /// <summary>Parses a version 1 envelope without copying; the envelope's memory slices <paramref name="data"/>.</summary>
    /// <returns><see langword="true"/> and the envelope, or <see langword="false"/> and why it was rejected.</returns>
    public static bool TryParse(ReadOnlyMemory<byte> data, [NotNullWhen(true)] out EnvelopeV1? envelope, [NotNullWhen(false)] out EnvelopeFailure? failure)
    {
        envelope = null;
        var reader = new Reader(data);
        if (!reader.TryReadByte(out var version))
        {
            failure = Malformed("the envelope is empty");
            return false;
        }

        if (version != Version)
        {
            failure = new EnvelopeFailure(EnvelopeFailureKind.UnsupportedVersion, $"envelope version {version} is not supported (expected {Version})");
            return false;
        }

        if (!reader.TryReadUInt16(out var keyIdLength) || keyIdLength is 0 or > MaxKeyIdLength || !reader.TryRead(keyIdLength, out var keyIdBytes))
        {
            failure = Malformed("the key id is missing, empty, too long or truncated");
            return false;
        }

        if (!TryDecodeText(keyIdBytes.Span, out var keyId))
        {
            failure = Malformed("the key id is not valid UTF-8 text");
            return false;
        }

        if (!reader.TryReadByte(out var algorithmLength) || algorithmLength is 0 or > MaxAlgorithmLength || !reader.TryRead(algorithmLength, out var algorithmBytes))
        {
            failure = Malformed("the wrap algorithm is missing, empty, too long or truncated");
            return false;
        }

        if (!TryDecodeText(algorithmBytes.Span, out var algorithm))
        {
            failure = Malformed("the wrap algorithm is not valid text");
            return false;
        }

        if (!reader.TryReadUInt16(out var wrappedKeyLength) || wrappedKeyLength is 0 or > MaxWrappedKeyLength || !reader.TryRead(wrappedKeyLength, out var wrappedKey))
        {
            failure = Malformed("the wrapped key is missing, empty, too long or truncated");
            return false;
        }

        if (!reader.TryRead(NonceLength, out var nonce) || !reader.TryReadUInt32(out var ciphertextLength))
        {
            failure = Malformed("the nonce or ciphertext length is truncated");
            return false;
        }

        if (ciphertextLength > MaxPlaintextLength)
        {
            failure = Malformed($"the ciphertext length {ciphertextLength} exceeds {MaxPlaintextLength}");
            return false;
        }

        var headerLength = reader.Position;
        if (!reader.TryRead((int)ciphertextLength, out var ciphertext) || !reader.TryRead(TagLength, out var tag))
        {
            failure = Malformed("the ciphertext or tag is truncated");
            return false;
        }

        if (!reader.AtEnd)
        {
            failure = Malformed($"{data.Length - reader.Position} bytes follow the tag");
            return false;
        }

        if (!string.Equals(algorithm, WrapAlgorithmName, StringComparison.Ordinal))
        {
            failure = new EnvelopeFailure(EnvelopeFailureKind.UnsupportedWrapAlgorithm, $"wrap algorithm '{algorithm}' is not allowed in version {Version}");
            return false;
        }

        envelope = new EnvelopeV1(keyId, algorithm, data[..headerLength], wrappedKey, nonce, ciphertext, tag);
        failure = null;
        return true;
    }

    /// <summary>Encrypts <paramref name="plaintext"/> under <paramref name="dataKey"/> and lays out the envelope.</summary>
    internal static byte[] Seal(string keyId, ReadOnlySpan<byte> wrappedKey, ReadOnlySpan<byte> dataKey, ReadOnlySpan<byte> nonce,
        ReadOnlySpan<byte> plaintext, EnvelopeContext context)
    {
        var keyIdLength = Encoding.UTF8.GetByteCount(keyId);
        if (keyIdLength is 0 or > MaxKeyIdLength || !TryDecodeText(Encoding.UTF8.GetBytes(keyId), out _))
        {
            throw new ArgumentException($"A key id must be 1 to {MaxKeyIdLength} UTF-8 bytes of text.", nameof(keyId));
        }

        ArgumentOutOfRangeException.ThrowIfZero(wrappedKey.Length, nameof(wrappedKey));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(wrappedKey.Length, MaxWrappedKeyLength, nameof(wrappedKey));
        ArgumentOutOfRangeException.ThrowIfNotEqual(dataKey.Length, DataKeyLength, nameof(dataKey));
        ArgumentOutOfRangeException.ThrowIfNotEqual(nonce.Length, NonceLength, nameof(nonce));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(plaintext.Length, MaxPlaintextLength, nameof(plaintext));

        var headerLength = 1 + 2 + keyIdLength + 1 + WrapAlgorithmName.Length + 2 + wrappedKey.Length + NonceLength + 4;
        // Every byte is written below (header, ciphertext, tag), so the large buffer need not be zeroed first.
        var output = GC.AllocateUninitializedArray<byte>(headerLength + plaintext.Length + TagLength);
        var span = output.AsSpan();
        span[0] = Version;
        BinaryPrimitives.WriteUInt16BigEndian(span[1..], (ushort)keyIdLength);
        span = span[3..];
        span = span[Encoding.UTF8.GetBytes(keyId, span)..];
        span[0] = (byte)WrapAlgorithmName.Length;
        span = span[1..];
        span = span[Encoding.ASCII.GetBytes(WrapAlgorithmName, span)..];
        BinaryPrimitives.WriteUInt16BigEndian(span, (ushort)wrappedKey.Length);
        span = span[2..];
        wrappedKey.CopyTo(span);
        span = span[wrappedKey.Length..];
        nonce.CopyTo(span);
        span = span[NonceLength..];
        BinaryPrimitives.WriteUInt32BigEndian(span, (uint)plaintext.Length);

        var header = output.AsSpan(0, headerLength);
        var aad = AssociatedData(header, context);
        using var aes = new AesGcm(dataKey, TagLength);
        aes.Encrypt(nonce, plaintext, output.AsSpan(headerLength, plaintext.Length), output.AsSpan(headerLength + plaintext.Length, TagLength), aad);
        return output;
    }

    /// <summary>Decrypts and authenticates this envelope under <paramref name="dataKey"/> and <paramref name="context"/>.</summary>
    /// <returns>The plaintext, or <see langword="null"/> when authentication fails (nothing of the plaintext is released).</returns>
    internal byte[]? Open(ReadOnlySpan<byte> dataKey, EnvelopeContext context)
    {
        if (dataKey.Length != DataKeyLength)
        {
            return null;
        }

        // Decrypt writes every byte on success and the buffer is cleared on failure, so it need not be zeroed first.
        var plaintext = GC.AllocateUninitializedArray<byte>(Ciphertext.Length);
        var aad = AssociatedData(Header.Span, context);
        using var aes = new AesGcm(dataKey, TagLength);
        try
        {
            aes.Decrypt(Nonce.Span, Ciphertext.Span, Tag.Span, plaintext, aad);
            return plaintext;
        }
        catch (AuthenticationTagMismatchException)
        {
            // .NET clears the destination on a tag mismatch; clear again so no partial plaintext can survive.
            CryptographicOperations.ZeroMemory(plaintext);
            return null;
        }
    }

    private static byte[] AssociatedData(ReadOnlySpan<byte> header, EnvelopeContext context)
    {
        var aad = new byte[header.Length + context.EncodedLength];
        header.CopyTo(aad);
        var rest = context.Write(aad.AsSpan(header.Length));
        System.Diagnostics.Debug.Assert(rest.IsEmpty, "The context length was computed exactly.");
        return aad;
    }

    private static bool TryDecodeText(ReadOnlySpan<byte> bytes, [NotNullWhen(true)] out string? text)
    {
        try
        {
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            text = null;
            return false;
        }

        if (text.Any(char.IsControl))
        {
            text = null;
            return false;
        }

        return true;
    }

    private static EnvelopeFailure Malformed(string detail) => new(EnvelopeFailureKind.Malformed, detail);

    private struct Reader(ReadOnlyMemory<byte> data)
    {
        public int Position { get; private set; }

        public readonly bool AtEnd => Position == data.Length;

        public bool TryRead(int length, out ReadOnlyMemory<byte> value)
        {
            if (length < 0 || data.Length - Position < length)
            {
                value = default;
                return false;
            }

            value = data.Slice(Position, length);
            Position += length;
            return true;
        }

        public bool TryReadByte(out byte value)
        {
            var ok = TryRead(1, out var bytes);
            value = ok ? bytes.Span[0] : default;
            return ok;
        }

        public bool TryReadUInt16(out ushort value)
        {
            var ok = TryRead(2, out var bytes);
            value = ok ? BinaryPrimitives.ReadUInt16BigEndian(bytes.Span) : default;
            return ok;
        }

        public bool TryReadUInt32(out uint value)
        {
            var ok = TryRead(4, out var bytes);
            value = ok ? BinaryPrimitives.ReadUInt32BigEndian(bytes.Span) : default;
            return ok;
        }
    }
}
