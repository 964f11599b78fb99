using System.Security.Cryptography;
using Azure;
using MedLedger.Clients.KeyVault;
using MedLedger.Infrastructure.Keys;
using MedLedger.Testing.KeyVault;

namespace MedLedger.Infrastructure.Tests.Keys;

public sealed class KeyVaultKeyEncryptionKeyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CreateAsync_LatestVersion_KeyIdIsTheVersionedKid()
    {
        using var vault = new FakeKeyVault();
        vault.AddRsaKey("records");
        var latest = vault.AddRsaKey("records");

        var kek = await KeyVaultKeyEncryptionKey.CreateAsync(vault.CreateClient(), "records", cancellationToken: Ct);

        Assert.Equal(latest.ToString(), kek.KeyId);
    }

    [Fact]
    public async Task CreateAsync_EcKey_ThrowsInvalidOperation()
    {
        using var vault = new FakeKeyVault();
        vault.AddEcKey("checkpoints");

        await Assert.ThrowsAsync<InvalidOperationException>(() => KeyVaultKeyEncryptionKey.CreateAsync(vault.CreateClient(), "checkpoints", cancellationToken: Ct));
    }

    [Fact]
    public async Task WrapThenUnwrap_ThroughKeyVault_RoundTripsAndIsRealRsaOaep256()
    {
        using var vault = new FakeKeyVault();
        var kid = vault.AddRsaKey("records", 3072);
        var kek = new KeyVaultKeyEncryptionKey(vault.CreateClient(), kid);
        var dek = RandomNumberGenerator.GetBytes(32);

        var wrapped = await kek.WrapKeyAsync(KeyVaultAlgorithms.RsaOaep256, dek, Ct);

        Assert.Equal(dek, await kek.UnwrapKeyAsync(KeyVaultAlgorithms.RsaOaep256, wrapped, Ct));
        Assert.Equal(dek, kek.UnwrapKey(KeyVaultAlgorithms.RsaOaep256, kek.WrapKey(KeyVaultAlgorithms.RsaOaep256, dek, Ct), Ct));
        Assert.Equal(dek, vault.GetRsaKey(kid).Decrypt(wrapped, RSAEncryptionPadding.OaepSHA256));
        Assert.Empty(vault.Violations);
    }

    [Fact]
    public async Task Unwrap_AfterRotation_UsesTheRecordedVersion()
    {
        using var vault = new FakeKeyVault();
        var v1 = vault.AddRsaKey("records");
        var client = vault.CreateClient();
        var wrapped = await new KeyVaultKeyEncryptionKey(client, v1).WrapKeyAsync(KeyVaultAlgorithms.RsaOaep256, new byte[32], Ct);
        vault.AddRsaKey("records"); // rotation: a new latest version

        var resolved = await new KeyVaultKeyEncryptionKeyResolver(client).ResolveAsync(v1.ToString(), Ct);
        var unwrapped = await resolved.UnwrapKeyAsync(KeyVaultAlgorithms.RsaOaep256, wrapped, Ct);

        Assert.Equal(new byte[32], unwrapped);
        Assert.EndsWith($"/keys/records/{v1.Version}/unwrapkey", vault.Requests[^1].Path, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unwrap_DeletedVersion_ThrowsRequestFailed404()
    {
        using var vault = new FakeKeyVault();
        var kid = vault.AddRsaKey("records");
        var kek = new KeyVaultKeyEncryptionKey(vault.CreateClient(), kid);
        var wrapped = await kek.WrapKeyAsync(KeyVaultAlgorithms.RsaOaep256, new byte[32], Ct);
        vault.DeleteVersion(kid);

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => kek.UnwrapKeyAsync(KeyVaultAlgorithms.RsaOaep256, wrapped, Ct));

        Assert.Equal((404, "KeyNotFound"), (error.Status, error.ErrorCode));
    }

    [Fact]
    public void Constructor_UnversionedOrForeignKeyId_Throws()
    {
        using var vault = new FakeKeyVault();
        var client = vault.CreateClient();

        Assert.Throws<ArgumentException>(() => new KeyVaultKeyEncryptionKey(client, KeyVaultKeyIdentifier.Create(vault.VaultUri, "records")));
        Assert.Throws<ArgumentException>(() => new KeyVaultKeyEncryptionKey(client, KeyVaultKeyIdentifier.Parse("https://other.vault.azure.net/keys/records/abc")));
    }

    [Fact]
    public async Task Wrap_OtherAlgorithm_ThrowsWithoutCallingTheVault()
    {
        using var vault = new FakeKeyVault();
        var kek = new KeyVaultKeyEncryptionKey(vault.CreateClient(), vault.AddRsaKey("records"));

        await Assert.ThrowsAsync<ArgumentException>(() => kek.WrapKeyAsync("RSA1_5", new byte[32], Ct));

        Assert.Empty(vault.Requests);
    }

    [Theory]
    [InlineData("https://other.vault.azure.net/keys/records/0123")]
    [InlineData("https://fake-vault.vault.azure.net/keys/records")]
    [InlineData("local:wrapping-key/00")]
    [InlineData("not a key id")]
    public void Resolver_KeyIdOutsideTheVaultOrUnversioned_ThrowsKeyNotFound(string keyId)
    {
        using var vault = new FakeKeyVault();
        var resolver = new KeyVaultKeyEncryptionKeyResolver(vault.CreateClient());

        Assert.Throws<KeyNotFoundException>(() => resolver.Resolve(keyId, TestContext.Current.CancellationToken));
    }
}
