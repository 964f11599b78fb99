using MedLedger.Clients.KeyVault;

namespace MedLedger.Clients.Tests.KeyVault;

public sealed class KeyVaultChallengeTests
{
    [Fact]
    public void TryParse_ResourceForm_ScopeIsResourceDefaultAndTenantFromAuthorization()
    {
        var challenge = KeyVaultChallenge.TryParse(
            "Bearer authorization=\"https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47\", resource=\"https://vault.azure.net\"");

        Assert.Equal(new KeyVaultChallenge("https://vault.azure.net/.default", "72f988bf-86f1-41af-91ab-2d7cd011db47"), challenge);
    }

    [Fact]
    public void TryParse_ScopeForm_PrefersScope()
    {
        var challenge = KeyVaultChallenge.TryParse(
            "Bearer authorization_uri=\"https://login.microsoftonline.com/tenant-a/\", resource=\"https://other\", scope=\"https://vault.azure.net/.default\"");

        Assert.Equal(new KeyVaultChallenge("https://vault.azure.net/.default", "tenant-a"), challenge);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Basic realm=\"x\"")]
    [InlineData("Bearer authorization=\"https://login.microsoftonline.com/t\"")]
    [InlineData("Bearer resource=\"http://vault.azure.net\"")]
    public void TryParse_NoUsableBearerChallenge_ReturnsNull(string? header)
    {
        Assert.Null(KeyVaultChallenge.TryParse(header));
    }

    [Theory]
    [InlineData("contoso.vault.azure.net", true)]
    [InlineData("vault.azure.net", true)]
    [InlineData("contoso.vault.azure.net.evil.example", false)]
    [InlineData("evilvault.azure.net", false)]
    [InlineData("contoso.managedhsm.azure.net", false)]
    public void ServesHost_OnlyTheScopesDomain(string host, bool expected)
    {
        var challenge = new KeyVaultChallenge("https://vault.azure.net/.default", null);

        Assert.Equal(expected, challenge.ServesHost(host));
    }
}
