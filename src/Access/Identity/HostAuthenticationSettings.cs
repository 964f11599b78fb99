namespace MedLedger.Access.Identity;

/// <summary>
/// What the host environment says about authentication, read by the app at startup, and the trust decision that
/// follows from it (<see cref="DecideTrust"/>).
/// </summary>
/// <param name="WebsiteAuthEnabled">The value of <see cref="AuthEnabledVariable"/>, or null when unset.</param>
/// <param name="WebsiteSiteName">The value of <see cref="SiteNameVariable"/>, or null when unset.</param>
/// <param name="DevelopmentMode">The app's explicit local development mode setting (<c>MedLedger:DevelopmentMode</c>).</param>
public sealed record HostAuthenticationSettings(string? WebsiteAuthEnabled, string? WebsiteSiteName, bool DevelopmentMode)
{
    /// <summary>
    /// Set by App Service to <c>True</c> when its authentication module runs in front of the app (the variable
    /// Microsoft.Identity.Web's <c>AppServicesAuthenticationInformation</c> reads for the same purpose).
    /// </summary>
    public const string AuthEnabledVariable = "WEBSITE_AUTH_ENABLED";

    /// <summary>The app's name, set read-only by App Service on its instances ("Environment variables and app settings in Azure App Service").</summary>
    public const string SiteNameVariable = "WEBSITE_SITE_NAME";

    /// <summary>Decides whether and why <c>X-MS-CLIENT-PRINCIPAL</c> is believed.</summary>
    /// <remarks>
    /// <list type="number">
    /// <item>Platform authentication on (<c>WEBSITE_AUTH_ENABLED=True</c>, case-insensitive): <see cref="PrincipalHeaderTrust.Platform"/>.</item>
    /// <item>Development mode on and not hosted on App Service (no <c>WEBSITE_SITE_NAME</c>): <see cref="PrincipalHeaderTrust.LocalDevelopment"/>.</item>
    /// <item>Anything else: <see cref="PrincipalHeaderTrust.Untrusted"/>. In particular, development mode switched on in
    /// an Azure deployment whose authentication is off does not make forged headers believable.</item>
    /// </list>
    /// </remarks>
    public PrincipalHeaderTrust DecideTrust()
    {
        if (string.Equals(WebsiteAuthEnabled?.Trim(), "true", StringComparison.OrdinalIgnoreCase))
        {
            return PrincipalHeaderTrust.Platform;
        }

        return DevelopmentMode && string.IsNullOrEmpty(WebsiteSiteName)
            ? PrincipalHeaderTrust.LocalDevelopment
            : PrincipalHeaderTrust.Untrusted;
    }
}
