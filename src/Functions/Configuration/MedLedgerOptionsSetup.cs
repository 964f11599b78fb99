using System.Globalization;
using Microsoft.Extensions.Options;

namespace MedLedger.Functions.Configuration;

/// <summary>Reads <see cref="MedLedgerOptions"/> from configuration, recording unparsable values instead of throwing.</summary>
/// <remarks>
/// The configuration binder would throw on a malformed value with a message that may quote it; reading each setting
/// by hand lets a bad value surface as one validation line that names the setting and never shows the value.
/// </remarks>
internal sealed class MedLedgerOptionsSetup(IConfiguration configuration) : IConfigureOptions<MedLedgerOptions>
{
    public void Configure(MedLedgerOptions options)
    {
        options.DevelopmentMode = ReadBoolean(options, SettingNames.DevelopmentMode) ?? false;
        options.Storage = new StorageConnectionSettings
        {
            ConnectionString = ReadString(SettingNames.Storage),
            AccountName = ReadString(StorageConnectionSettings.AccountNameKey),
            BlobServiceUri = ReadAbsoluteUri(options, StorageConnectionSettings.BlobServiceUriKey),
            QueueServiceUri = ReadAbsoluteUri(options, StorageConnectionSettings.QueueServiceUriKey),
            TableServiceUri = ReadAbsoluteUri(options, StorageConnectionSettings.TableServiceUriKey),
        };
        options.KeyVaultUri = ReadAbsoluteUri(options, SettingNames.KeyVaultUri);
        options.WrappingKeyName = ReadString(SettingNames.WrappingKeyName);
        options.SigningKeyName = ReadString(SettingNames.SigningKeyName);
        options.LocalKeyDirectory = ReadString(SettingNames.LocalKeyDirectory);
        options.LogOrigin = ReadString(SettingNames.LogOrigin);
        options.PseudonymSecret = ReadString(SettingNames.PseudonymSecret);
        options.LogCount = ReadInt32(options, SettingNames.LogCount) ?? 1;
        options.MaxRequestBodyBytes = ReadInt64(options, SettingNames.MaxRequestBodyBytes) ?? MedLedgerOptions.DefaultMaxRequestBodyBytes;
        options.CheckpointInterval = ReadTimeSpan(options, SettingNames.CheckpointInterval) ?? MedLedgerOptions.DefaultCheckpointInterval;
        ReadInsurers(options);
    }

    // MedLedger:Insurers:<n>:{Id,Secret,PreviousSecret}. A secret that is not a whsec_ value — an unresolved Key Vault
    // reference included — stops the app at startup rather than leaving an insurer silently unable to verify.
    private void ReadInsurers(MedLedgerOptions options)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in configuration.GetSection(SettingNames.Insurers).GetChildren())
        {
            var prefix = $"{SettingNames.Insurers}:{entry.Key}:";
            var id = ReadString(prefix + SettingNames.InsurerKeys.Id);
            if (!MedLedger.Access.Identifiers.IdentifierSyntax.IsValid(id))
            {
                options.SettingErrors.Add($"{SettingNameFormat.AppSetting(prefix + SettingNames.InsurerKeys.Id)} must be an organization id (1 to 64 of A-Z a-z 0-9 - .).");
                continue;
            }

            if (!seen.Add(id))
            {
                options.SettingErrors.Add($"{SettingNameFormat.AppSetting(prefix + SettingNames.InsurerKeys.Id)} names an insurer listed before.");
                continue;
            }

            var current = ReadSecret(options, prefix + SettingNames.InsurerKeys.Secret, required: true);
            var previous = ReadSecret(options, prefix + SettingNames.InsurerKeys.PreviousSecret, required: false);
            if (current is not null)
            {
                options.Insurers.Add(new MedLedger.Access.Webhooks.InsurerWebhookSecrets(id, current, previous));
            }
        }
    }

    // Development sample secrets carry "dev-only-" in their key bytes (local.settings.sample.json).
    private static bool IsDevelopmentSecret(string text)
    {
        var bytes = new byte[text.Length];
        return Convert.TryFromBase64String(text[MedLedger.Access.Webhooks.WebhookSecret.Prefix.Length..], bytes, out var written)
            && bytes.AsSpan(0, written).StartsWith(System.Text.Encoding.ASCII.GetBytes(MedLedgerOptionsValidator.DevelopmentSecretPrefix));
    }

    private MedLedger.Access.Webhooks.WebhookSecret? ReadSecret(MedLedgerOptions options, string key, bool required)
    {
        if (ReadString(key) is not { } text)
        {
            if (required)
            {
                options.SettingErrors.Add($"{SettingNameFormat.AppSetting(key)} is required: the insurer's webhook secret (whsec_…).");
            }

            return null;
        }

        if (MedLedger.Access.Webhooks.WebhookSecret.TryParse(text.Trim(), out var secret, out var error))
        {
            if (!options.DevelopmentMode && IsDevelopmentSecret(text.Trim()))
            {
                // The sample's secret is public: it must never guard a deployment.
                options.SettingErrors.Add($"{SettingNameFormat.AppSetting(key)} is contradictory: it is the development sample secret, but {SettingNameFormat.AppSetting(SettingNames.DevelopmentMode)} is not true.");
                return null;
            }

            return secret;
        }

        options.SettingErrors.Add($"{SettingNameFormat.AppSetting(key)} is not usable: {error}");
        return null;
    }

    // An empty or all-blank value counts as absent: app settings cannot express "unset" any other way.
    private string? ReadString(string key) => configuration[key] is { } value && !string.IsNullOrWhiteSpace(value) ? value : null;

    private bool? ReadBoolean(MedLedgerOptions options, string key)
    {
        if (ReadString(key) is not { } text)
        {
            return null;
        }

        if (bool.TryParse(text.Trim(), out var value))
        {
            return value;
        }

        options.SettingErrors.Add($"{SettingNameFormat.AppSetting(key)} must be true or false.");
        return null;
    }

    private long? ReadInt64(MedLedgerOptions options, string key)
    {
        if (ReadString(key) is not { } text)
        {
            return null;
        }

        if (long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        options.SettingErrors.Add($"{SettingNameFormat.AppSetting(key)} must be a whole number of bytes.");
        return null;
    }

    private int? ReadInt32(MedLedgerOptions options, string key)
    {
        if (ReadString(key) is not { } text)
        {
            return null;
        }

        if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        options.SettingErrors.Add($"{SettingNameFormat.AppSetting(key)} must be a whole number.");
        return null;
    }

    private TimeSpan? ReadTimeSpan(MedLedgerOptions options, string key)
    {
        if (ReadString(key) is not { } text)
        {
            return null;
        }

        if (TimeSpan.TryParseExact(text.Trim(), "c", CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        options.SettingErrors.Add($"{SettingNameFormat.AppSetting(key)} must be a duration in the form hh:mm:ss (for example 00:00:05).");
        return null;
    }

    private Uri? ReadAbsoluteUri(MedLedgerOptions options, string key)
    {
        if (ReadString(key) is not { } text)
        {
            return null;
        }

        if (Uri.TryCreate(text.Trim(), UriKind.Absolute, out var value))
        {
            return value;
        }

        options.SettingErrors.Add($"{SettingNameFormat.AppSetting(key)} must be an absolute URI.");
        return null;
    }
}
