using System.Security.Cryptography;
using MedLedger.Infrastructure.Keys;

namespace MedLedger.Infrastructure.Tests.Keys;

public sealed class LocalCheckpointSignerTests
{
    [Fact]
    public async Task SignAsync_ReturnsDerOverSha256OfMessage()
    {
        using var signer = new LocalCheckpointSigner("log", ECDsa.Create(ECCurve.NamedCurves.nistP256));
        using var verifier = ECDsa.Create();
        verifier.ImportSubjectPublicKeyInfo(signer.PublicKeyInfo.Span, out _);
        var message = "origin\n1\nroot\n"u8.ToArray();

        var signature = await signer.SignAsync(message, TestContext.Current.CancellationToken);

        Assert.True(verifier.VerifyHash(SHA256.HashData(message), signature, DSASignatureFormat.Rfc3279DerSequence));
    }

    [Fact]
    public void Constructor_NotP256_Throws()
    {
        Assert.Throws<ArgumentException>(() => new LocalCheckpointSigner("log", ECDsa.Create(ECCurve.NamedCurves.nistP384)));
    }
}
