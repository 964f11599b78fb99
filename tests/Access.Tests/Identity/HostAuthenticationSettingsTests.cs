using MedLedger.Access.Identity;

namespace MedLedger.Access.Tests.Identity;

public sealed class HostAuthenticationSettingsTests
{
    [Theory]
    [InlineData("True", null, false, PrincipalHeaderTrust.Platform)]
    [InlineData("true", "medledger-app", false, PrincipalHeaderTrust.Platform)]
    [InlineData(" TRUE ", "medledger-app", true, PrincipalHeaderTrust.Platform)]
    [InlineData(null, null, true, PrincipalHeaderTrust.LocalDevelopment)]
    [InlineData("False", null, true, PrincipalHeaderTrust.LocalDevelopment)]
    [InlineData(null, null, false, PrincipalHeaderTrust.Untrusted)]
    [InlineData("False", "medledger-app", false, PrincipalHeaderTrust.Untrusted)]
    [InlineData("1", null, false, PrincipalHeaderTrust.Untrusted)]
    [InlineData("yes", null, false, PrincipalHeaderTrust.Untrusted)]
    public void DecideTrust_Table(string? authEnabled, string? siteName, bool developmentMode, PrincipalHeaderTrust expected)
    {
        Assert.Equal(expected, new HostAuthenticationSettings(authEnabled, siteName, developmentMode).DecideTrust());
    }

    [Fact]
    public void DecideTrust_DevelopmentModeOnAppServiceWithAuthOff_TrustsNothing()
    {
        // The dangerous misconfiguration: development mode left on in Azure with authentication switched off.
        var settings = new HostAuthenticationSettings(WebsiteAuthEnabled: null, WebsiteSiteName: "medledger-prod", DevelopmentMode: true);

        Assert.Equal(PrincipalHeaderTrust.Untrusted, settings.DecideTrust());
    }

    [Fact]
    public void VariableNames_AreThePlatformsNames()
    {
        Assert.Equal("WEBSITE_AUTH_ENABLED", HostAuthenticationSettings.AuthEnabledVariable);
        Assert.Equal("WEBSITE_SITE_NAME", HostAuthenticationSettings.SiteNameVariable);
    }
}
