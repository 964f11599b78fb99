using MedLedger.Infrastructure.Keys;
using MedLedger.Testing.KeyVault;

namespace MedLedger.Infrastructure.Tests.Keys;

public sealed class KeyEncryptionKeyRingTests
{
    [Fact]
    public async Task Resolve_KnownKey_ReturnsItAndUnknownFallsBack()
    {
        using var local = LocalRsaKeyEncryptionKey.Generate(2048);
        using var vault = new FakeKeyVault();
        var kid = vault.AddRsaKey("records");
        var ring = new KeyEncryptionKeyRing([local], new KeyVaultKeyEncryptionKeyResolver(vault.CreateClient()));

        Assert.Same(local, await ring.ResolveAsync(local.KeyId, TestContext.Current.CancellationToken));
        Assert.Same(local, ring.Resolve(local.KeyId, TestContext.Current.CancellationToken));
        Assert.Equal(kid.ToString(), (await ring.ResolveAsync(kid.ToString(), TestContext.Current.CancellationToken)).KeyId);
    }

    [Fact]
    public async Task Resolve_UnknownWithoutFallback_ThrowsKeyNotFound()
    {
        using var local = LocalRsaKeyEncryptionKey.Generate(2048);
        var ring = new KeyEncryptionKeyRing([local]);

        await Assert.ThrowsAsync<KeyNotFoundException>(() => ring.ResolveAsync("local:wrapping-key/ffff", TestContext.Current.CancellationToken));
        Assert.Throws<KeyNotFoundException>(() => ring.Resolve(local.KeyId.ToUpperInvariant(), TestContext.Current.CancellationToken));
    }

    [Fact]
    public void Constructor_DuplicateKeyIds_Throws()
    {
        using var local = LocalRsaKeyEncryptionKey.Generate(2048);

        Assert.Throws<ArgumentException>(() => new KeyEncryptionKeyRing([local, local]));
    }
}
