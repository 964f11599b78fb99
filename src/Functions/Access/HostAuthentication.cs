using MedLedger.Access.Identity;
using MedLedger.Functions.Configuration;
using Microsoft.Extensions.Options;

namespace MedLedger.Functions.Access;

/// <summary>Whether this instance believes <c>X-MS-CLIENT-PRINCIPAL</c>, decided once from the host environment (docs/authorization.md §1).</summary>
internal sealed class HostAuthentication(IConfiguration configuration, IOptions<MedLedgerOptions> options)
{
    /// <summary>Gets the settings the decision was made from.</summary>
    public HostAuthenticationSettings Settings { get; } = new(
        configuration[HostAuthenticationSettings.AuthEnabledVariable],
        configuration[HostAuthenticationSettings.SiteNameVariable],
        options.Value.DevelopmentMode);

    /// <summary>Gets the decision.</summary>
    public PrincipalHeaderTrust Trust => Settings.DecideTrust();
}
