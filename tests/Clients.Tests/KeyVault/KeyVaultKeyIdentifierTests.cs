using MedLedger.Clients.KeyVault;

namespace MedLedger.Clients.Tests.KeyVault;

public sealed class KeyVaultKeyIdentifierTests
{
    [Fact]
    public void Parse_VersionedKid_ReturnsPartsAndCanonicalForm()
    {
        var id = KeyVaultKeyIdentifier.Parse("https://contoso.vault.azure.net/keys/record-wrap/0123456789abcdef0123456789abcdef");

        Assert.Equal(new Uri("https://contoso.vault.azure.net/"), id.VaultUri);
        Assert.Equal("record-wrap", id.Name);
        Assert.Equal("0123456789abcdef0123456789abcdef", id.Version);
        Assert.True(id.IsVersioned);
        Assert.Equal("https://contoso.vault.azure.net/keys/record-wrap/0123456789abcdef0123456789abcdef", id.ToString());
    }

    [Fact]
    public void Parse_UnversionedKid_HasNoVersion()
    {
        var id = KeyVaultKeyIdentifier.Parse("https://contoso.vault.azure.net/keys/record-wrap");

        Assert.False(id.IsVersioned);
        Assert.Equal("https://contoso.vault.azure.net/keys/record-wrap", id.ToString());
    }

    [Theory]
    [InlineData("http://contoso.vault.azure.net/keys/k/v1")]
    [InlineData("https://contoso.vault.azure.net/secrets/k/v1")]
    [InlineData("https://contoso.vault.azure.net/keys/k/v1/extra")]
    [InlineData("https://contoso.vault.azure.net/keys/k/v1?x=1")]
    [InlineData("https://contoso.vault.azure.net/keys/k/v1#f")]
    [InlineData("https://contoso.vault.azure.net/keys/bad_name/v1")]
    [InlineData("https://contoso.vault.azure.net/keys//v1")]
    [InlineData("https://user@contoso.vault.azure.net/keys/k/v1")]
    [InlineData("local:wrapping-key/abc")]
    [InlineData("")]
    public void TryParse_NotAKeyVaultKeyId_ReturnsFalse(string text)
    {
        Assert.False(KeyVaultKeyIdentifier.TryParse(text, out _));
        Assert.Throws<FormatException>(() => KeyVaultKeyIdentifier.Parse(text));
    }

    [Fact]
    public void IsInVault_ComparesHostAndPortOnly()
    {
        var id = KeyVaultKeyIdentifier.Parse("https://contoso.vault.azure.net/keys/k/v1");

        Assert.True(id.IsInVault(new Uri("https://CONTOSO.vault.azure.net/")));
        Assert.False(id.IsInVault(new Uri("https://contoso.vault.azure.net:8443/")));
        Assert.False(id.IsInVault(new Uri("https://evil.vault.azure.net/")));
    }

    [Fact]
    public void Create_InvalidParts_Throws()
    {
        var vault = new Uri("https://contoso.vault.azure.net/");

        Assert.Throws<ArgumentException>(() => KeyVaultKeyIdentifier.Create(new Uri("http://contoso.vault.azure.net/"), "k"));
        Assert.Throws<ArgumentException>(() => KeyVaultKeyIdentifier.Create(vault, "a/b"));
        Assert.Throws<ArgumentException>(() => KeyVaultKeyIdentifier.Create(vault, new string('k', 128)));
        Assert.Throws<ArgumentException>(() => KeyVaultKeyIdentifier.Create(vault, "k", "v/1"));
    }
}
