namespace MedLedger.Functions.Configuration;

/// <summary>Turns configuration keys into the names an operator types in app settings.</summary>
internal static class SettingNameFormat
{
    /// <summary>Returns the app-setting (environment variable) form of a configuration key: <c>MedLedger:LogOrigin</c> → <c>MedLedger__LogOrigin</c>.</summary>
    public static string AppSetting(string configurationKey) => configurationKey.Replace(":", "__", StringComparison.Ordinal);
}
