using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Text;
using Azure;
using MedLedger.Infrastructure.Keys;
using MedLedger.Testing.KeyVault;

namespace MedLedger.Infrastructure.Tests.Keys;

public sealed class KeyVaultCheckpointSignerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SignAsync_Es256_ReturnsDerThatVerifiesUnderPublicKeyInfo()
    {
        using var vault = new FakeKeyVault();
        vault.AddEcKey("checkpoints");
        var signer = await KeyVaultCheckpointSigner.CreateAsync(vault.CreateClient(), "medledger.example/log0", "checkpoints", cancellationToken: Ct);
        using var verifier = ECDsa.Create();
        verifier.ImportSubjectPublicKeyInfo(signer.PublicKeyInfo.Span, out _);

        for (var i = 0; i < 20; i++)
        {
            var message = Encoding.UTF8.GetBytes($"medledger.example/log0\n{i}\nroot\n");
            var signature = await signer.SignAsync(message, Ct);

            Assert.Equal(0x30, signature[0]);
            Assert.True(verifier.VerifyData(message, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
        }

        Assert.Equal("medledger.example/log0", signer.KeyName);
        Assert.Empty(vault.Violations);
    }

    [Fact]
    public async Task PublicKeyInfo_IsDerSpkiOfTheVaultKey()
    {
        using var vault = new FakeKeyVault();
        var kid = vault.AddEcKey("checkpoints");

        var signer = await KeyVaultCheckpointSigner.CreateAsync(vault.CreateClient(), "log", "checkpoints", kid.Version, Ct);

        Assert.Equal(vault.GetEcKey(kid).ExportSubjectPublicKeyInfo(), signer.PublicKeyInfo.ToArray());
        Assert.Equal(kid.ToString(), signer.KeyId);
        // SubjectPublicKeyInfo { AlgorithmIdentifier { id-ecPublicKey, prime256v1 }, BIT STRING } (RFC 5480 §2).
        var spki = new AsnReader(signer.PublicKeyInfo, AsnEncodingRules.DER).ReadSequence();
        var algorithm = spki.ReadSequence();
        Assert.Equal("1.2.840.10045.2.1", algorithm.ReadObjectIdentifier());
        Assert.Equal("1.2.840.10045.3.1.7", algorithm.ReadObjectIdentifier());
    }

    [Fact]
    public async Task CreateAsync_RsaKeyOrMissingKey_Fails()
    {
        using var vault = new FakeKeyVault();
        vault.AddRsaKey("records");
        var client = vault.CreateClient();

        await Assert.ThrowsAsync<InvalidOperationException>(() => KeyVaultCheckpointSigner.CreateAsync(client, "log", "records", cancellationToken: Ct));
        var error = await Assert.ThrowsAsync<RequestFailedException>(() => KeyVaultCheckpointSigner.CreateAsync(client, "log", "absent", cancellationToken: Ct));
        Assert.Equal(404, error.Status);
    }

    [Fact]
    public async Task SignAsync_VaultAnswersWithAnotherKeysSignature_ThrowsInsteadOfReturningIt()
    {
        using var vault = new FakeKeyVault();
        var kid = vault.AddEcKey("checkpoints");
        var signer = await KeyVaultCheckpointSigner.CreateAsync(vault.CreateClient(), "log", "checkpoints", kid.Version, Ct);
        // Swap the key material behind the same version: the service now signs with a key the signer does not publish.
        vault.GetEcKey(kid).ImportParameters(ECDsa.Create(ECCurve.NamedCurves.nistP256).ExportParameters(true));

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => signer.SignAsync("note"u8.ToArray(), Ct));

        Assert.Equal("MalformedResponse", error.ErrorCode);
    }
}
