namespace MedLedger.Functions.Tests.Support;

/// <summary>Complete, valid setting sets (configuration keys) for the app under test.</summary>
public static class TestSettings
{
    public const string DevelopmentSecret = "dev-only-pseudonym-secret-for-the-functions-tests";

    /// <summary>An Azure-like configuration: identity-based storage, Key Vault, not development mode (the local host is off).</summary>
    public static Dictionary<string, string?> Azure() => new()
    {
        ["AzureWebJobsStorage:accountName"] = "medledgertest",
        ["MedLedger:KeyVaultUri"] = "https://medledger-test.vault.azure.net/",
        ["MedLedger:WrappingKeyName"] = "record-wrapping",
        ["MedLedger:SigningKeyName"] = "checkpoint-signing",
        ["MedLedger:LogOrigin"] = "medledger.example.org/ledger",
        ["MedLedger:PseudonymSecret"] = "k3Jx9QvT2mLwP8rZ5nB7cY4hF6dA1sGe",
        ["WEBSITE_AUTH_ENABLED"] = "True",
    };

    /// <summary>A local development configuration: emulator storage, local keys, development mode (the local host runs).</summary>
    public static Dictionary<string, string?> Development() => new()
    {
        ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
        ["MedLedger:DevelopmentMode"] = "true",
        ["MedLedger:LocalKeyDirectory"] = "/tmp/medledger-functions-tests/keys",
        ["MedLedger:LogOrigin"] = "localhost/medledger",
        ["MedLedger:PseudonymSecret"] = DevelopmentSecret,
    };

    /// <summary>Returns <paramref name="settings"/> with <paramref name="key"/> set to <paramref name="value"/> (null removes it).</summary>
    public static Dictionary<string, string?> With(this Dictionary<string, string?> settings, string key, string? value)
    {
        if (value is null)
        {
            settings.Remove(key);
        }
        else
        {
            settings[key] = value;
        }

        return settings;
    }
}
