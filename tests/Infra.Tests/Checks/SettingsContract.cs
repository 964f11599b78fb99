using System.Reflection;
using MedLedger.Functions.Configuration;

namespace MedLedger.Infra.Tests.Checks;

/// <summary>
/// The contract between the app and the template: the settings the app reads (every public constant of
/// <see cref="SettingNames"/>, with <c>:</c> written as <c>__</c>) must be exactly the settings the template writes,
/// apart from the platform's own settings and the few the app reads only in local development.
/// </summary>
internal static class SettingsContract
{
    /// <summary>Settings read only in local development, each with the reason the template must not write it.</summary>
    public static IReadOnlyDictionary<string, string> LocalOnly { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [SettingNames.LocalKeyDirectory] = "local key files stand in for Key Vault in development only",
        [SettingNames.CheckpointInterval] = "under the Functions host the Checkpoint timer trigger's schedule applies",
    };

    /// <summary>Array sections: each element's keys are the constants of the nested class.</summary>
    public static IReadOnlyDictionary<string, Type> ArraySections { get; } = new Dictionary<string, Type>(StringComparer.Ordinal)
    {
        [SettingNames.Insurers] = typeof(SettingNames.InsurerKeys),
    };

    /// <summary>
    /// Keys of an identity-based connection (functions-app-settings: <c>&lt;CONNECTION&gt;__accountName</c>, the per-service
    /// URIs, <c>__credential</c>, <c>__clientId</c>, <c>__managedIdentityResourceId</c>).
    /// </summary>
    public static IReadOnlySet<string> IdentityConnectionKeys { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "accountName", "blobServiceUri", "queueServiceUri", "tableServiceUri", "credential", "clientId", "managedIdentityResourceId",
    };

    /// <summary>Settings the platform reads, not the app (Application Insights with Entra ID authentication).</summary>
    public static IReadOnlySet<string> PlatformSettings { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "APPLICATIONINSIGHTS_CONNECTION_STRING", "APPLICATIONINSIGHTS_AUTHENTICATION_STRING",
    };

    /// <summary>What the app reads, taken from <see cref="SettingNames"/> by reflection.</summary>
    public static AppConfiguration FromSettingNames()
    {
        var flat = Constants(typeof(SettingNames));
        var nested = typeof(SettingNames).GetNestedTypes(BindingFlags.Public);
        var unregistered = nested.Where(type => !ArraySections.Values.Contains(type)).Select(type => type.Name).ToList();
        if (unregistered.Count > 0)
        {
            throw new InvalidOperationException(
                $"SettingNames has nested classes this contract does not know: {string.Join(", ", unregistered)}. "
                + "Register each in SettingsContract.ArraySections with the section constant it describes.");
        }

        var sections = ArraySections.ToDictionary(s => s.Key, s => (IReadOnlyList<string>)Constants(s.Value), StringComparer.Ordinal);
        return new AppConfiguration(flat.Where(name => !sections.ContainsKey(name)).ToList(), sections, LocalOnly.Keys.ToList());
    }

    /// <summary>Every mismatch between what the app reads and what the template writes, each a sentence; empty when they agree.</summary>
    public static IReadOnlyList<string> Compare(AppConfiguration app, IReadOnlyCollection<string> written)
    {
        var problems = new List<string>();
        var writtenSet = new HashSet<string>(written, StringComparer.Ordinal);
        var explained = new HashSet<string>(StringComparer.Ordinal);

        foreach (var key in app.Settings)
        {
            var setting = ToAppSetting(key);
            if (app.LocalOnly.Contains(key))
            {
                if (writtenSet.Contains(setting))
                {
                    problems.Add($"The template writes '{setting}', which the app reads only in local development ({LocalOnly.GetValueOrDefault(key)}).");
                }

                continue;
            }

            if (setting == SettingNames.Storage)
            {
                var identityKeys = writtenSet.Where(name => name.StartsWith($"{setting}__", StringComparison.Ordinal)).ToList();
                explained.UnionWith(identityKeys);
                if (identityKeys.Count == 0)
                {
                    problems.Add($"The app reads the storage connection '{setting}' but the template writes no identity-based '{setting}__*' settings.");
                }

                problems.AddRange(identityKeys
                    .Where(name => !IdentityConnectionKeys.Contains(name[(setting.Length + 2)..]))
                    .Select(name => $"The template writes '{name}', which is not a key of an identity-based connection ({string.Join(", ", IdentityConnectionKeys)})."));
                continue;
            }

            if (writtenSet.Contains(setting))
            {
                explained.Add(setting);
            }
            else
            {
                problems.Add($"The app reads '{key}' (SettingNames) but the template does not write '{setting}'. "
                    + "Add it to the app settings in infra/modules/functionapp.bicep, or, if it is read only in local development, to SettingsContract.LocalOnly with the reason.");
            }
        }

        foreach (var (section, keys) in app.Sections)
        {
            foreach (var key in keys)
            {
                var pattern = $"{ToAppSetting(section)}__{{n}}__{key}";
                if (writtenSet.Contains(pattern))
                {
                    explained.Add(pattern);
                }
                else
                {
                    problems.Add($"The app reads '{section}:<n>:{key}' (SettingNames) but the template does not write '{pattern}'.");
                }
            }
        }

        foreach (var name in written.Where(name => !explained.Contains(name) && !PlatformSettings.Contains(name)))
        {
            problems.Add($"The template writes '{name}' but the app never reads it: no SettingNames constant maps to it. "
                + "Add the constant to src/Functions/Configuration/SettingNames.cs, or remove the setting.");
        }

        return problems;
    }

    public static string ToAppSetting(string configurationKey) => configurationKey.Replace(":", "__", StringComparison.Ordinal);

    private static List<string> Constants(Type type) =>
        type.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.IsLiteral && field.FieldType == typeof(string))
            .Select(field => (string)field.GetRawConstantValue()!)
            .ToList();
}
