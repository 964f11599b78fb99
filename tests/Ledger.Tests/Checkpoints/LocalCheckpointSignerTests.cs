using System.Security.Cryptography;
using MedLedger.Ledger.Checkpoints;

namespace MedLedger.Ledger.Tests.Checkpoints;

public sealed class LocalCheckpointSignerTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SignAsync_ProducesDerSignatureThatVerifies()
    {
        using var signer = LocalCheckpointSigner.Generate("medledger.local/log-0");
        using var key = signer.CreateVerifierKey();

        var signature = await signer.SignAsync("note text\n"u8.ToArray(), Token);

        Assert.Equal(0x30, signature[0]);
        Assert.True(key.Verify("note text\n"u8, signature));
        Assert.False(key.Verify("note text \n"u8, signature));
        Assert.Equal(CheckpointVerifierKey.ComputeKeyId(signer.PublicKeyInfo.Span), signer.KeyId);
    }

    [Fact]
    public async Task SignAsync_ReturnsDerOverSha256OfMessage_CheckedByAnIndependentKey()
    {
        using var signer = new LocalCheckpointSigner("log", ECDsa.Create(ECCurve.NamedCurves.nistP256));
        using var verifier = ECDsa.Create();
        verifier.ImportSubjectPublicKeyInfo(signer.PublicKeyInfo.Span, out _);
        var message = "origin\n1\nroot\n"u8.ToArray();

        var signature = await signer.SignAsync(message, Token);

        Assert.True(verifier.VerifyHash(SHA256.HashData(message), signature, DSASignatureFormat.Rfc3279DerSequence));
    }

    [Fact]
    public void Constructor_NotAP256PrivateKey_ThrowsAndLeavesTheKeyToTheCaller()
    {
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        using var p256 = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var publicOnly = ECDsa.Create();
        publicOnly.ImportSubjectPublicKeyInfo(p256.ExportSubjectPublicKeyInfo(), out _);

        Assert.Throws<ArgumentException>(() => new LocalCheckpointSigner("log", p384));
        Assert.Throws<ArgumentException>(() => new LocalCheckpointSigner("log", publicOnly));
        Assert.Throws<ArgumentException>(() => new LocalCheckpointSigner("bad name", p256));

        // Still usable: a failed constructor did not dispose the caller's key.
        Assert.NotEmpty(p384.ExportSubjectPublicKeyInfo());
    }

    [Fact]
    public async Task ExportPrivateKeyPem_ThenImport_SignsWithTheSameKey()
    {
        using var original = LocalCheckpointSigner.Generate("log");
        using var reloaded = LocalCheckpointSigner.FromPrivateKeyPem("log", original.ExportPrivateKeyPem());
        using var key = CheckpointVerifierKey.FromPublicKeyPem("log", original.ExportPublicKeyPem());

        var signature = await reloaded.SignAsync("m"u8.ToArray(), Token);

        Assert.Equal(original.KeyId, reloaded.KeyId);
        Assert.True(key.Verify("m"u8, signature));
    }

    [Fact]
    public void FromPrivateKeyPem_EcPrivateKeyFormat_IsAccepted()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        using var signer = LocalCheckpointSigner.FromPrivateKeyPem("log", ecdsa.ExportECPrivateKeyPem());

        Assert.Equal(ecdsa.ExportSubjectPublicKeyInfo(), signer.PublicKeyInfo.ToArray());
    }

    [Fact]
    public void FromPrivateKeyPem_WrongKeys_Throw()
    {
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        using var p256 = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        Assert.Throws<ArgumentException>(() => LocalCheckpointSigner.FromPrivateKeyPem("log", p384.ExportPkcs8PrivateKeyPem()));
        Assert.Throws<ArgumentException>(() => LocalCheckpointSigner.FromPrivateKeyPem("log", p256.ExportSubjectPublicKeyInfoPem()));
        Assert.Throws<ArgumentException>(() => LocalCheckpointSigner.FromPrivateKeyPem("log", "garbage"));
        Assert.Throws<ArgumentException>(() => LocalCheckpointSigner.FromPrivateKeyPem("bad name", p256.ExportPkcs8PrivateKeyPem()));
        Assert.Throws<ArgumentException>(() => LocalCheckpointSigner.Generate("a+b"));
    }

    [Fact]
    public async Task SignAsync_Cancelled_Throws()
    {
        using var signer = LocalCheckpointSigner.Generate("log");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => signer.SignAsync("m"u8.ToArray(), new CancellationToken(canceled: true)));
    }
}
