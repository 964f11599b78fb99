using System.Security.Cryptography;
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

    [Theory]
    [InlineData(0)]
    [InlineData(63)]
    [InlineData(134)]
    public void RawToDer_BadLength_Throws(int length)
    {
        Assert.Throws<ArgumentException>(() => EcdsaSignatureEncoding.RawToDer(new byte[length]));
    }
}
