using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;
using FsCheck;
using FsCheck.Fluent;
using MedLedger.Ledger.Checkpoints;

namespace MedLedger.Ledger.Tests.Checkpoints;

public sealed class EcdsaSignatureEncodingTests
{
    [Theory]
    [InlineData("0001" + "8000", "3008" + "020101" + "0203008000")]
    [InlineData("0000" + "7f00", "3007" + "020100" + "02027f00")]
    [InlineData("ff" + "01", "3007" + "020200ff" + "020101")]
    public void RawToDer_KnownValues_AreMinimalDer(string rawHex, string derHex)
    {
        Assert.Equal(Convert.FromHexString(derHex), EcdsaSignatureEncoding.RawToDer(Convert.FromHexString(rawHex)));
    }

    [Fact]
    public void RawToDer_KnownAnswers_MinimalIntegers()
    {
        var raw = new byte[64];
        raw[31] = 0x01; // r = 1
        raw[32] = 0x80; // s = 0x80 followed by zeros: high bit set → leading 0x00
        var der = EcdsaSignatureEncoding.RawToDer(raw);

        byte[] expected = [0x30, 0x26, 0x02, 0x01, 0x01, 0x02, 0x21, 0x00, 0x80, .. new byte[31]];
        Assert.Equal(expected, der);
    }

    [Fact]
    public void RawToDer_ZeroHalves_EncodeAsSingleZeroByte()
    {
        Assert.Equal(new byte[] { 0x30, 0x06, 0x02, 0x01, 0x00, 0x02, 0x01, 0x00 }, EcdsaSignatureEncoding.RawToDer(new byte[64]));
    }

    [Fact]
    public void RawToDer_LongContent_UsesLongFormLength()
    {
        // P-521-sized halves (66 bytes each, high bit set): content is 2 × (2 + 67) = 138 bytes → 0x81 0x8a.
        var raw = Enumerable.Repeat((byte)0xff, 132).ToArray();
        var der = EcdsaSignatureEncoding.RawToDer(raw);

        Assert.Equal(Reference(raw), der);
        Assert.Equal([0x30, 0x81, 0x8a], der[..3]);
    }

    [Fact]
    public void RawToDer_P256AndP521Signatures_VerifyAsDer()
    {
        foreach (var curve in new[] { ECCurve.NamedCurves.nistP256, ECCurve.NamedCurves.nistP521 })
        {
            using var key = ECDsa.Create(curve);
            for (var i = 0; i < 20; i++)
            {
                var message = BitConverter.GetBytes(i);
                var raw = key.SignData(message, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

                var der = EcdsaSignatureEncoding.RawToDer(raw);

                Assert.True(key.VerifyData(message, der, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
            }
        }
    }

    [Fact]
    public void RawToDer_ManyRealSignatures_EqualsDotNetsOwnDerOutput()
    {
        // .NET signs in DER; we extract (r, s) with AsnReader and re-encode them from the raw form with our converter.
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var digest = new byte[32];
        int leadingZero = 0, highBit = 0;
        for (var i = 0; i < 3000; i++)
        {
            RandomNumberGenerator.Fill(digest);
            var dotNetDer = key.SignHash(digest, DSASignatureFormat.Rfc3279DerSequence);
            var raw = RawFromDer(dotNetDer);
            leadingZero += (raw[0] == 0 ? 1 : 0) + (raw[32] == 0 ? 1 : 0);
            highBit += (raw[0] >= 0x80 ? 1 : 0) + (raw[32] >= 0x80 ? 1 : 0);

            Assert.Equal(dotNetDer, EcdsaSignatureEncoding.RawToDer(raw));
        }

        // The sample really covered the tricky cases (expected ≈ 23 leading zeros and ≈ 3000 high bits).
        Assert.InRange(leadingZero, 3, 100);
        Assert.InRange(highBit, 2500, 3500);
    }

    [Fact]
    public void RawToDer_RawSignaturesFromDotNet_VerifyAsDer()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var digest = new byte[32];
        for (var i = 0; i < 500; i++)
        {
            RandomNumberGenerator.Fill(digest);
            var raw = key.SignHash(digest, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

            Assert.True(key.VerifyHash(digest, EcdsaSignatureEncoding.RawToDer(raw), DSASignatureFormat.Rfc3279DerSequence));
        }
    }

    [Fact]
    public void RawToDer_ArbitraryHalvesWithForcedLeadingZeros_EqualsAsnWriterReference()
    {
        // Property: for any 64 bytes (with a random number of leading zero bytes forced into r and s), our DER equals
        // System.Formats.Asn1's DER of the same two unsigned integers.
        var gen =
            from bytes in ArbMap.Default.GeneratorFor<byte[]>().Where(b => b.Length >= 64).Select(b => b[..64])
            from zerosR in Gen.Choose(0, 33)
            from zerosS in Gen.Choose(0, 33)
            select Force(bytes, zerosR, zerosS);
        var property = Prop.ForAll(gen.ToArbitrary(), raw => EcdsaSignatureEncoding.RawToDer(raw).AsSpan().SequenceEqual(Reference(raw)));

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(2000), property);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(63)]
    [InlineData(134)]
    public void RawToDer_BadLength_Throws(int length)
    {
        Assert.Throws<ArgumentException>(() => EcdsaSignatureEncoding.RawToDer(new byte[length]));
    }

    private static byte[] Force(byte[] raw, int zerosR, int zerosS)
    {
        var copy = raw.ToArray();
        copy.AsSpan(0, Math.Min(zerosR, 32)).Clear();
        copy.AsSpan(32, Math.Min(zerosS, 32)).Clear();
        return copy;
    }

    private static byte[] Reference(byte[] raw)
    {
        var half = raw.Length / 2;
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteInteger(new BigInteger(raw.AsSpan(0, half), isUnsigned: true, isBigEndian: true));
            writer.WriteInteger(new BigInteger(raw.AsSpan(half), isUnsigned: true, isBigEndian: true));
        }

        return writer.Encode();
    }

    private static byte[] RawFromDer(byte[] der)
    {
        var reader = new AsnReader(der, AsnEncodingRules.DER).ReadSequence();
        var raw = new byte[64];
        foreach (var offset in (int[])[0, 32])
        {
            var value = reader.ReadIntegerBytes().Span;
            value = value.Length > 32 ? value[^32..] : value;
            value.CopyTo(raw.AsSpan(offset + 32 - value.Length));
        }

        return raw;
    }
}
