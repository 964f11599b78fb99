using Azure.Core;
using Azure.Identity;
using MedLedger.Clients.KeyVault;
using MedLedger.Clients.Pipeline;
using MedLedger.Clients.Storage;
using MedLedger.Functions.Checkpointing;
using MedLedger.Functions.Configuration;
using MedLedger.Functions.Keys;
using MedLedger.Functions.LedgerEvents;
using MedLedger.Functions.LedgerLogs;
using MedLedger.Functions.LocalHost;
using MedLedger.Functions.Patients;
using MedLedger.Functions.Records;
using MedLedger.Functions.Storage;
using MedLedger.Infrastructure.Keys;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MedLedger.Functions.Composition;

/// <summary>
/// Composition of the ledger service: storage clients from <c>AzureWebJobsStorage</c>, keys from Key Vault or the local
/// key directory, the logs, intake, reads, the appender and the checkpointer. Nothing here sends a request while the app
/// starts; storage provisioning (development) and key loading run in the background.
/// </summary>
internal static class LedgerCompositionExtensions
{
    /// <summary>Registers every service of the ledger and the ports the trigger functions and the local host call.</summary>
    public static WebApplicationBuilder AddLedger(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;

        // Storage: the connection the Functions host uses, as a connection string or identity-based settings.
        services.AddOptions<LedgerStorageNames>();
        services.TryAddSingleton(_ => new StorageClientOptions());
        services.TryAddSingleton(sp => new StorageAccount(
            StorageConnection.FromSettings(SettingNames.Storage, name => configuration[name.Replace("__", ":", StringComparison.Ordinal)]),
            sp.GetRequiredService<StorageClientOptions>()));
        services.AddSingleton<LedgerStorage>();
        services.AddSingleton<StorageProvisioner>();
        services.AddHostedService<StorageProvisioningService>();

        // Keys.
        services.TryAddSingleton(sp => CreateKeyVaultClient(sp.GetRequiredService<IOptions<MedLedgerOptions>>().Value, configuration));
        services.AddSingleton(sp => new DataKeyCache(timeProvider: sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<LedgerKeysProvider>();
        services.AddHostedService<KeysWarmup>();
        services.AddSingleton<LedgerSecrets>();
        services.AddSingleton<PatientPseudonymizer>();
        services.AddSingleton<LedgerIdentifiers>();

        // The logs. The one place that decides where logs live.
        services.AddSingleton(sp =>
        {
            var settings = sp.GetRequiredService<IOptions<MedLedgerOptions>>().Value;
            return new LogRouter(settings.LogOrigin!, settings.LogCount);
        });
        services.TryAddSingleton<ILogStoreFactory, TableLogStoreFactory>();
        services.AddSingleton<LedgerLogSet>();

        // The ports of the trigger functions and the local host.
        services.AddSingleton<ILedgerEventAppender, LedgerEventAppender>();
        services.AddSingleton<LedgerCheckpointer>();
        services.AddSingleton<ILedgerCheckpointer>(sp => sp.GetRequiredService<LedgerCheckpointer>());
        services.AddSingleton<ITriggerQueueClient, StorageTriggerQueueClient>();

        // The HTTP side.
        services.AddSingleton<RecordIntake>();
        services.AddSingleton<LedgerEventStatusReader>();
        services.AddHealthChecks()
            .AddCheck<StorageHealthCheck>("storage")
            .AddCheck<KeysHealthCheck>("keys");
        return builder;
    }

    private static KeyVaultKeysClient CreateKeyVaultClient(MedLedgerOptions settings, IConfiguration configuration) =>
        new(settings.KeyVaultUri ?? throw new InvalidOperationException("No Key Vault is configured."), CreateCredential(configuration));

    /// <summary>The identity that reaches Key Vault: the managed identity the storage settings name, or the default chain.</summary>
    private static TokenCredential CreateCredential(IConfiguration configuration)
    {
        var credential = configuration[SettingNames.Storage + ":credential"];
        var clientId = configuration[SettingNames.Storage + ":clientId"];
        var resourceId = configuration[SettingNames.Storage + ":managedIdentityResourceId"];
        if (string.Equals(credential, "managedidentity", StringComparison.OrdinalIgnoreCase))
        {
            var identity = !string.IsNullOrWhiteSpace(clientId)
                ? ManagedIdentityId.FromUserAssignedClientId(clientId)
                : !string.IsNullOrWhiteSpace(resourceId)
                    ? ManagedIdentityId.FromUserAssignedResourceId(new ResourceIdentifier(resourceId))
                    : ManagedIdentityId.SystemAssigned;
            return new ManagedIdentityCredential(identity);
        }

        var options = new DefaultAzureCredentialOptions();
        if (!string.IsNullOrWhiteSpace(clientId))
        {
            options.ManagedIdentityClientId = clientId;
        }

        return new DefaultAzureCredential(options);
    }
}
