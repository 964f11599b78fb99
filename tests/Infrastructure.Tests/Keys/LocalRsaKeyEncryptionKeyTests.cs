using System.Security.Cryptography;
using MedLedger.Infrastructure.Keys;

namespace MedLedger.Infrastructure.Tests.Keys;

public sealed class LocalRsaKeyEncryptionKeyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly Lazy<LocalRsaKeyEncryptionKey> SharedKey = new(() => LocalRsaKeyEncryptionKey.Generate(2048));

    [Fact]
    public async Task WrapThenUnwrap_RsaOaep256_RoundTrips()
    {
        var key = SharedKey.Value;
        var dek = RandomNumberGenerator.GetBytes(32);

        var wrapped = await key.WrapKeyAsync("RSA-OAEP-256", dek, TestContext.Current.CancellationToken);

        Assert.Equal(256, wrapped.Length);
        Assert.Equal(dek, await key.UnwrapKeyAsync("RSA-OAEP-256", wrapped, TestContext.Current.CancellationToken));
        Assert.Equal(dek, key.UnwrapKey("RSA-OAEP-256", key.WrapKey("RSA-OAEP-256", dek, Ct), Ct));
    }

    [Fact]
    public void Wrap_IsStandardRsaOaepSha256_UnwrapsWithPlainDotNetRsa()
    {
        var key = SharedKey.Value;
        var pem = key.ExportPrivateKeyPem();
        using var rsa = RSA.Create();
        rsa.ImportFromPem(pem);
        var dek = RandomNumberGenerator.GetBytes(32);

        Assert.Equal(dek, rsa.Decrypt(key.WrapKey("RSA-OAEP-256", dek, Ct), RSAEncryptionPadding.OaepSHA256));
    }

    [Fact]
    public void KeyId_IsPrefixAndSpkiFingerprint_StableAcrossReloads()
    {
        var key = SharedKey.Value;
        using var reloaded = LocalRsaKeyEncryptionKey.FromPem(key.ExportPrivateKeyPem());

        Assert.Matches("^local:wrapping-key/[0-9a-f]{32}$", key.KeyId);
        Assert.Equal(key.KeyId, reloaded.KeyId);
        using var other = LocalRsaKeyEncryptionKey.Generate(2048);
        Assert.NotEqual(key.KeyId, other.KeyId);
    }

    [Fact]
    public void Unwrap_ValueFromAnotherKeyOrChanged_ThrowsCryptographicException()
    {
        var key = SharedKey.Value;
        using var other = LocalRsaKeyEncryptionKey.Generate(2048);
        var wrapped = other.WrapKey("RSA-OAEP-256", new byte[32], Ct);

        Assert.ThrowsAny<CryptographicException>(() => key.UnwrapKey("RSA-OAEP-256", wrapped, Ct));
        wrapped[10] ^= 1;
        Assert.ThrowsAny<CryptographicException>(() => other.UnwrapKey("RSA-OAEP-256", wrapped, Ct));
    }

    [Theory]
    [InlineData("RSA-OAEP")]
    [InlineData("RSA1_5")]
    [InlineData("rsa-oaep-256")]
    public void WrapOrUnwrap_OtherAlgorithm_ThrowsArgumentException(string algorithm)
    {
        Assert.Throws<ArgumentException>(() => SharedKey.Value.WrapKey(algorithm, new byte[32], Ct));
        Assert.Throws<ArgumentException>(() => SharedKey.Value.UnwrapKey(algorithm, new byte[256], Ct));
    }

    [Fact]
    public void FromPem_PublicKeySmallKeyOrGarbage_ThrowsArgumentException()
    {
        using var small = RSA.Create(1024);
        using var publicOnly = RSA.Create(2048);

        Assert.Throws<ArgumentException>(() => LocalRsaKeyEncryptionKey.FromPem(small.ExportPkcs8PrivateKeyPem()));
        Assert.Throws<ArgumentException>(() => LocalRsaKeyEncryptionKey.FromPem(publicOnly.ExportSubjectPublicKeyInfoPem()));
        Assert.Throws<ArgumentException>(() => LocalRsaKeyEncryptionKey.FromPem("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----"));
    }
}
