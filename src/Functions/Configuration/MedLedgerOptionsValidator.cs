using MedLedger.Functions.LedgerLogs;
using Microsoft.Extensions.Options;

namespace MedLedger.Functions.Configuration;

/// <summary>Checks <see cref="MedLedgerOptions"/> for missing and contradictory settings; each failure names its setting.</summary>
/// <remarks>Messages never contain a setting's value: several settings are secrets or connection strings.</remarks>
internal sealed class MedLedgerOptionsValidator : IValidateOptions<MedLedgerOptions>
{
    /// <summary>The prefix that marks the sample pseudonym secret (local.settings.sample.json) as unusable outside development.</summary>
    public const string DevelopmentSecretPrefix = "dev-only-";

    /// <summary>How an app setting that is a Key Vault reference starts; the platform replaces it with the secret when it can.</summary>
    public const string KeyVaultReferencePrefix = "@Microsoft.KeyVault(";

    /// <summary>The shortest pseudonym secret accepted: 32 characters.</summary>
    public const int MinimumPseudonymSecretLength = 32;

    /// <summary>The smallest body cap accepted: 1 KiB.</summary>
    public const long MinimumMaxRequestBodyBytes = 1024;

    /// <summary>The largest body cap accepted: 100 MiB, the Functions host's own default request limit.</summary>
    public const long MaximumMaxRequestBodyBytes = 100 * 1024 * 1024;

    private static readonly TimeSpan MinimumCheckpointInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaximumCheckpointInterval = TimeSpan.FromHours(1);

    public ValidateOptionsResult Validate(string? name, MedLedgerOptions options)
    {
        var failures = new List<string>(options.SettingErrors);
        ValidateStorage(options, failures);
        ValidateKeys(options, failures);
        ValidateLogOrigin(options, failures);
        ValidateLogCount(options, failures);
        ValidatePseudonymSecret(options, failures);
        ValidateLimits(options, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateStorage(MedLedgerOptions options, List<string> failures)
    {
        var storage = options.Storage;
        var name = SettingNames.Storage;
        if (storage.ConnectionString is not null && storage.HasIdentitySettings)
        {
            failures.Add($"{name} is contradictory: both a connection string and identity-based {name}__* settings are set; keep one.");
            return;
        }

        if (storage.ConnectionString is null && !storage.HasIdentitySettings)
        {
            failures.Add($"{name} is missing: set a connection string, or {SettingNameFormat.AppSetting(StorageConnectionSettings.AccountNameKey)} for identity-based access.");
            return;
        }

        if (storage.ConnectionString is { } connection)
        {
            if (!options.DevelopmentMode && connection.Contains("UseDevelopmentStorage=true", StringComparison.OrdinalIgnoreCase))
            {
                failures.Add($"{name} is contradictory: it names the local storage emulator but {SettingNameFormat.AppSetting(SettingNames.DevelopmentMode)} is not true.");
            }

            try
            {
                _ = Clients.Storage.StorageConnection.FromConnectionString(connection);
            }
            catch (Clients.Storage.StorageConnectionException exception)
            {
                // The parser's messages name the part at fault (AccountKey, BlobEndpoint...), never its value.
                failures.Add($"{name} is not a valid connection string: {exception.Message}");
            }

            return;
        }

        var services = new[] { storage.BlobServiceUri, storage.QueueServiceUri, storage.TableServiceUri };
        if (storage.AccountName is null && services.Any(uri => uri is null))
        {
            failures.Add($"{name} is incomplete: identity-based access needs {SettingNameFormat.AppSetting(StorageConnectionSettings.AccountNameKey)}, or all of the __blobServiceUri, __queueServiceUri and __tableServiceUri settings.");
        }

        foreach (var uri in services)
        {
            if (uri is not null && uri.Scheme != Uri.UriSchemeHttps)
            {
                failures.Add($"{name} service URIs must use https.");
                break;
            }
        }
    }

    private static void ValidateKeys(MedLedgerOptions options, List<string> failures)
    {
        var keyVault = SettingNameFormat.AppSetting(SettingNames.KeyVaultUri);
        var localKeys = SettingNameFormat.AppSetting(SettingNames.LocalKeyDirectory);
        var developmentMode = SettingNameFormat.AppSetting(SettingNames.DevelopmentMode);
        if (options.KeyVaultUri is not null && options.LocalKeyDirectory is not null)
        {
            failures.Add($"{keyVault} and {localKeys} are contradictory: set one key source, not both.");
            return;
        }

        if (options.KeyVaultUri is null && options.LocalKeyDirectory is null)
        {
            failures.Add(options.DevelopmentMode
                ? $"{localKeys} is missing: development mode needs a local key directory (or set {keyVault})."
                : $"{keyVault} is missing: set the Key Vault that holds the wrapping and signing keys.");
            return;
        }

        if (options.LocalKeyDirectory is not null && !options.DevelopmentMode)
        {
            failures.Add($"{localKeys} is contradictory: local keys are for development only, but {developmentMode} is not true; use {keyVault}.");
        }

        if (options.KeyVaultUri is { } uri)
        {
            if (uri.Scheme != Uri.UriSchemeHttps)
            {
                failures.Add($"{keyVault} must use https.");
            }

            if (options.WrappingKeyName is null)
            {
                failures.Add($"{SettingNameFormat.AppSetting(SettingNames.WrappingKeyName)} is missing: {keyVault} is set, so the wrapping key's name is needed.");
            }

            if (options.SigningKeyName is null)
            {
                failures.Add($"{SettingNameFormat.AppSetting(SettingNames.SigningKeyName)} is missing: {keyVault} is set, so the signing key's name is needed.");
            }
        }
    }

    private static void ValidateLogOrigin(MedLedgerOptions options, List<string> failures)
    {
        var name = SettingNameFormat.AppSetting(SettingNames.LogOrigin);
        if (options.LogOrigin is not { } origin)
        {
            failures.Add($"{name} is missing: set the checkpoint origin of the log (for example medledger.example.org/ledger).");
            return;
        }

        // The origin is the first line of every checkpoint and the signed-note key name (C2SP tlog-checkpoint,
        // signed-note): one line, no spaces and no '+'.
        if (origin.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c == '+'))
        {
            failures.Add($"{name} must contain no spaces, line breaks, control characters or '+'.");
            return;
        }

        // The origin is also the log's name in every entry and queue message, and log i > 0 appends "/i".
        if (!LogRouter.IsValidOrigin(origin))
        {
            failures.Add($"{name} must be 1 to {LogRouter.MaxOriginLength} characters from A-Z a-z 0-9 . _ - : / starting with a letter or digit.");
        }
    }

    private static void ValidateLogCount(MedLedgerOptions options, List<string> failures)
    {
        if (options.LogCount is < 1 or > LogRouter.MaxLogCount)
        {
            failures.Add($"{SettingNameFormat.AppSetting(SettingNames.LogCount)} must be between 1 and {LogRouter.MaxLogCount}.");
        }
    }

    private static void ValidatePseudonymSecret(MedLedgerOptions options, List<string> failures)
    {
        var name = SettingNameFormat.AppSetting(SettingNames.PseudonymSecret);
        if (options.PseudonymSecret is not { } secret)
        {
            failures.Add($"{name} is missing: set the secret that turns patient ids into pseudonyms (a Key Vault reference in Azure).");
            return;
        }

        // App Service leaves the reference text in place when it cannot resolve it; using it as a key would be silent.
        if (secret.StartsWith(KeyVaultReferencePrefix, StringComparison.OrdinalIgnoreCase))
        {
            failures.Add($"{name} is an unresolved Key Vault reference: the platform could not read the secret (check the reference and the app identity's access to the vault).");
            return;
        }

        if (secret.Length < MinimumPseudonymSecretLength)
        {
            failures.Add($"{name} is too short: use at least {MinimumPseudonymSecretLength} random characters.");
        }

        if (!options.DevelopmentMode && secret.StartsWith(DevelopmentSecretPrefix, StringComparison.Ordinal))
        {
            failures.Add($"{name} is contradictory: it is the development placeholder, but {SettingNameFormat.AppSetting(SettingNames.DevelopmentMode)} is not true.");
        }
    }

    private static void ValidateLimits(MedLedgerOptions options, List<string> failures)
    {
        if (options.MaxRequestBodyBytes is < MinimumMaxRequestBodyBytes or > MaximumMaxRequestBodyBytes)
        {
            failures.Add($"{SettingNameFormat.AppSetting(SettingNames.MaxRequestBodyBytes)} must be between {MinimumMaxRequestBodyBytes} and {MaximumMaxRequestBodyBytes} bytes.");
        }

        if (options.CheckpointInterval < MinimumCheckpointInterval || options.CheckpointInterval > MaximumCheckpointInterval)
        {
            failures.Add($"{SettingNameFormat.AppSetting(SettingNames.CheckpointInterval)} must be between 00:00:01 and 01:00:00.");
        }
    }
}
