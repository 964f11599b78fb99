using MedLedger.Access.Policy;
using MedLedger.Access.UserDirectory;
using MedLedger.Access.Webhooks;
using MedLedger.Functions.Access;
using MedLedger.Functions.Configuration;
using MedLedger.Functions.Records;
using MedLedger.Functions.Storage;
using MedLedger.Infrastructure.Access;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MedLedger.Functions.Composition;

/// <summary>
/// Composition of who may see what (issue 5): authentication of Easy Auth principals against the Table directory,
/// the access gate (rights table, consent policy, every decision logged), the consent state read from the log, and
/// signed insurer webhooks with the shared replay guard.
/// </summary>
internal static class AccessCompositionExtensions
{
    /// <summary>Registers the access services.</summary>
    public static WebApplicationBuilder AddAccess(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<HostAuthentication>();
        services.TryAddSingleton(sp => new TableDirectory(sp.GetRequiredService<LedgerStorage>().Directory));
        services.TryAddSingleton<IDirectoryAdministration>(sp => sp.GetRequiredService<TableDirectory>());
        // Lookups remember found patients and organizations (add-only, so never stale); users are read every time.
        services.TryAddSingleton<IDirectory>(sp => new AddOnlyEntryCache(sp.GetRequiredService<IDirectoryAdministration>()));
        services.TryAddSingleton<IPatientPseudonyms>(sp => sp.GetRequiredService<TableDirectory>());
        services.AddSingleton<DirectorySeeding>();
        services.TryAddSingleton<IReplayGuard>(sp => new TableReplayGuard(sp.GetRequiredService<LedgerStorage>().Replays, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new WebhookSecretRegistry(sp.GetRequiredService<IOptions<MedLedgerOptions>>().Value.Insurers));
        services.AddSingleton(sp => new WebhookVerifier(sp.GetRequiredService<WebhookSecretRegistry>(), sp.GetRequiredService<IReplayGuard>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new PolicyDecisionPoint(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(_ => new SubjectHistoryCache());
        services.AddSingleton<AccessLedger>();
        services.AddSingleton<AccessGate>();
        services.AddSingleton<RecordReader>();
        return builder;
    }

    /// <summary>Puts authentication in front of the API (every route but the health probe and the signed webhook).</summary>
    public static WebApplication UseCallerAuthentication(this WebApplication app)
    {
        app.UseMiddleware<CallerAuthenticationMiddleware>();
        return app;
    }
}
