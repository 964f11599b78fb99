using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using MedLedger.Infrastructure.Records.Envelope;

namespace MedLedger.Infrastructure.Tests.Records.Envelope;

public sealed class EnvelopeV1Tests
{
    private const string KeyId = "local:wrapping-key/00112233445566778899aabbccddeeff";
    private static readonly EnvelopeContext Context = new("log-0", "rec-1", "pseud-2");
    private static readonly byte[] DataKey = [.. Enumerable.Range(0, 32).Select(i => (byte)i)];
    private static readonly byte[] Nonce = [.. Enumerable.Range(100, 12).Select(i => (byte)i)];
    private static readonly byte[] WrappedKey = [.. Enumerable.Repeat((byte)0xAA, 256)];

    [Fact]
    public void Seal_EqualsHandBuiltReferenceOfTheDocumentedLayout()
    {
        var plaintext = "hello, record"u8.ToArray();

        var sealedEnvelope = EnvelopeV1.Seal(KeyId, WrappedKey, DataKey, Nonce, plaintext, Context);

        // Naive reference, written from the layout in EnvelopeV1's documentation.
        var header = new List<byte> { 0x01 };
        header.AddRange(U16(KeyId.Length));
        header.AddRange(Encoding.ASCII.GetBytes(KeyId));
        header.Add(12);
        header.AddRange("RSA-OAEP-256"u8.ToArray());
        header.AddRange(U16(256));
        header.AddRange(WrappedKey);
        header.AddRange(Nonce);
        header.AddRange([0, 0, 0, (byte)plaintext.Length]);
        var aad = new List<byte>(header);
        foreach (var field in new[] { "log-0", "rec-1", "pseud-2" })
        {
            aad.AddRange(U16(field.Length));
            aad.AddRange(Encoding.ASCII.GetBytes(field));
        }

        var ciphertext = new byte[plaintext.Length];
        var tag = new byte[16];
        using (var aes = new AesGcm(DataKey, 16))
        {
            aes.Encrypt(Nonce, plaintext, ciphertext, tag, aad.ToArray());
        }

        Assert.Equal([.. header, .. ciphertext, .. tag], sealedEnvelope);
    }

    [Fact]
    public void Seal_KnownAnswer_FrozenBytes()
    {
        // Frozen output: a change here means the persisted format changed, which needs a new version, not an edit.
        var sealedEnvelope = EnvelopeV1.Seal(KeyId, WrappedKey, DataKey, Nonce, "hello, record"u8, Context);

        Assert.Equal(KnownAnswerSha256, Convert.ToHexStringLower(SHA256.HashData(sealedEnvelope)));
        Assert.Equal(KnownAnswerTail, Convert.ToHexStringLower(sealedEnvelope.AsSpan(^29..)));
    }

    [Fact]
    public void TryParse_SealedEnvelope_ExposesEveryField()
    {
        var data = EnvelopeV1.Seal(KeyId, WrappedKey, DataKey, Nonce, new byte[100], Context);

        Assert.True(EnvelopeV1.TryParse(data, out var envelope, out var failure));
        Assert.Null(failure);
        Assert.Equal(KeyId, envelope.KeyId);
        Assert.Equal("RSA-OAEP-256", envelope.WrapAlgorithm);
        Assert.Equal(WrappedKey, envelope.WrappedKey.ToArray());
        Assert.Equal(Nonce, envelope.Nonce.ToArray());
        Assert.Equal(100, envelope.Ciphertext.Length);
        Assert.Equal(16, envelope.Tag.Length);
    }

    [Fact]
    public void TryParse_EveryTruncation_IsMalformed()
    {
        var data = EnvelopeV1.Seal(KeyId, WrappedKey, DataKey, Nonce, new byte[40], Context);

        for (var length = 0; length < data.Length; length++)
        {
            Assert.False(EnvelopeV1.TryParse(data.AsMemory(0, length), out _, out var failure));
            Assert.Equal(EnvelopeFailureKind.Malformed, failure.Kind);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(100)]
    public void TryParse_TrailingBytes_IsMalformed(int extra)
    {
        var data = EnvelopeV1.Seal(KeyId, WrappedKey, DataKey, Nonce, new byte[40], Context);

        Assert.False(EnvelopeV1.TryParse(data.Concat(new byte[extra]).ToArray(), out _, out var failure));
        Assert.Equal(EnvelopeFailureKind.Malformed, failure.Kind);
        Assert.Contains("follow the tag", failure.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0x00)]
    [InlineData(0x02)]
    [InlineData(0xFF)]
    public void TryParse_UnknownVersion_IsUnsupportedVersion(byte version)
    {
        var data = EnvelopeV1.Seal(KeyId, WrappedKey, DataKey, Nonce, new byte[4], Context);
        data[0] = version;

        Assert.False(EnvelopeV1.TryParse(data, out _, out var failure));
        Assert.Equal(EnvelopeFailureKind.UnsupportedVersion, failure.Kind);
    }

    [Theory]
    [InlineData("keyIdLength", 0)]
    [InlineData("keyIdLength", 1025)]
    [InlineData("algorithmLength", 0)]
    [InlineData("algorithmLength", 65)]
    [InlineData("wrappedKeyLength", 0)]
    [InlineData("wrappedKeyLength", 1025)]
    [InlineData("ciphertextLength", 64 * 1024 * 1024 + 1)]
    public void TryParse_LengthOutOfRange_IsMalformed(string field, int value)
    {
        var data = Build(field, value);

        Assert.False(EnvelopeV1.TryParse(data, out _, out var failure));
        Assert.Equal(EnvelopeFailureKind.Malformed, failure.Kind);
    }

    [Fact]
    public void TryParse_KeyIdNotUtf8OrControlCharacters_IsMalformed()
    {
        foreach (var bad in new byte[][] { [0xC3, 0x28], [0x41, 0x0A, 0x42], [0xED, 0xA0, 0x80] })
        {
            var data = EnvelopeV1.Seal(new string('k', bad.Length), WrappedKey, DataKey, Nonce, [], Context);
            bad.CopyTo(data.AsSpan(3));

            Assert.False(EnvelopeV1.TryParse(data, out _, out var failure));
            Assert.Equal(EnvelopeFailureKind.Malformed, failure.Kind);
        }
    }

    [Fact]
    public void TryParse_OtherWrapAlgorithm_IsUnsupportedWrapAlgorithm()
    {
        var data = EnvelopeV1.Seal(KeyId, WrappedKey, DataKey, Nonce, [], Context);
        var algorithmOffset = 3 + KeyId.Length + 1;
        "RSA1_5-OAEP-"u8.CopyTo(data.AsSpan(algorithmOffset));

        Assert.False(EnvelopeV1.TryParse(data, out _, out var failure));
        Assert.Equal(EnvelopeFailureKind.UnsupportedWrapAlgorithm, failure.Kind);
    }

    [Fact]
    public void Seal_BadArguments_Throw()
    {
        Assert.Throws<ArgumentException>(() => EnvelopeV1.Seal("", WrappedKey, DataKey, Nonce, [], Context));
        Assert.Throws<ArgumentException>(() => EnvelopeV1.Seal("a\nb", WrappedKey, DataKey, Nonce, [], Context));
        Assert.Throws<ArgumentOutOfRangeException>(() => EnvelopeV1.Seal(KeyId, [], DataKey, Nonce, [], Context));
        Assert.Throws<ArgumentOutOfRangeException>(() => EnvelopeV1.Seal(KeyId, WrappedKey, new byte[16], Nonce, [], Context));
        Assert.Throws<ArgumentOutOfRangeException>(() => EnvelopeV1.Seal(KeyId, WrappedKey, DataKey, new byte[16], [], Context));
    }

    [Fact]
    public void EnvelopeContext_EmptyOrOversizedField_Throws()
    {
        Assert.Throws<ArgumentException>(() => new EnvelopeContext("", "r", "p"));
        Assert.Throws<ArgumentException>(() => new EnvelopeContext("l", "", "p"));
        Assert.Throws<ArgumentException>(() => new EnvelopeContext("l", "r", new string('p', 1025)));
    }

    // A structurally complete envelope whose one length field is replaced by value (content sized to match when possible).
    private static byte[] Build(string field, int value)
    {
        var bytes = new List<byte> { 0x01 };
        var keyIdLength = field == "keyIdLength" ? value : 4;
        var algorithmLength = field == "algorithmLength" ? value : 12;
        var wrappedLength = field == "wrappedKeyLength" ? value : 256;
        var ciphertextLength = field == "ciphertextLength" ? value : 0;
        bytes.AddRange(U16(keyIdLength));
        bytes.AddRange(Enumerable.Repeat((byte)'k', Math.Min(keyIdLength, 2000)));
        bytes.Add((byte)Math.Min(algorithmLength, 255));
        bytes.AddRange(algorithmLength == 12 ? "RSA-OAEP-256"u8.ToArray() : Enumerable.Repeat((byte)'A', algorithmLength));
        bytes.AddRange(U16(wrappedLength));
        bytes.AddRange(new byte[Math.Min(wrappedLength, 2000)]);
        bytes.AddRange(new byte[12]);
        var length = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(length, (uint)ciphertextLength);
        bytes.AddRange(length);
        bytes.AddRange(new byte[Math.Min(ciphertextLength, 1000)]);
        bytes.AddRange(new byte[16]);
        return [.. bytes];
    }

    private static byte[] U16(int value) => [unchecked((byte)(value >> 8)), unchecked((byte)value)];

    // Computed independently with Python's `cryptography` AESGCM over the documented layout.
    private const string KnownAnswerSha256 = "0a37569af72cd9e10c34de54fe022ffa2c1b296c15d3fc8ba30e14da80493d9c";
    private const string KnownAnswerTail = "207eb20a16c576ec5b01309abe9dd6d860c9e181fabdf34edfda7612a7";
}
