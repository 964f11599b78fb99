namespace MedLedger.Infra.Tests.Checks;

/// <summary>
/// The facts the templates are checked against: resource types with their API versions and the built-in role
/// GUIDs, as listed in shared/reference/azure-protocols.md sections 7.1 and 7.5 (and 5.5 for Key Vault roles).
/// </summary>
internal static class AzureReference
{
    private const string Storage = "2025-06-01";

    /// <summary>Resource type to the API versions the reference table allows.</summary>
    public static IReadOnlyDictionary<string, string[]> ApiVersions { get; } =
        new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase)
        {
            ["Microsoft.Web/serverfarms"] = ["2024-11-01"],
            ["Microsoft.Web/sites"] = ["2024-11-01"],
            ["Microsoft.Web/sites/config"] = ["2024-11-01"],
            // Not a row of section 7.1: a child of Microsoft.Web/sites, taken at the sites row's version.
            ["Microsoft.Web/sites/basicPublishingCredentialsPolicies"] = ["2024-11-01"],
            ["Microsoft.Storage/storageAccounts"] = [Storage],
            ["Microsoft.Storage/storageAccounts/blobServices"] = [Storage],
            ["Microsoft.Storage/storageAccounts/blobServices/containers"] = [Storage],
            ["Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies"] = [Storage],
            ["Microsoft.Storage/storageAccounts/queueServices"] = [Storage],
            ["Microsoft.Storage/storageAccounts/queueServices/queues"] = [Storage],
            ["Microsoft.Storage/storageAccounts/tableServices"] = [Storage],
            ["Microsoft.Storage/storageAccounts/tableServices/tables"] = [Storage],
            ["Microsoft.KeyVault/vaults"] = ["2026-02-01"],
            ["Microsoft.KeyVault/vaults/keys"] = ["2025-05-01"],
            ["Microsoft.KeyVault/vaults/secrets"] = ["2026-02-01"],
            ["Microsoft.Authorization/roleAssignments"] = ["2022-04-01"],
            ["Microsoft.Insights/components"] = ["2020-02-02"],
            ["Microsoft.OperationalInsights/workspaces"] = ["2023-09-01", "2025-02-01"],
            // Not a row of section 7.1 (the issue asks for diagnostic logs): the current version of the ARM template
            // reference page for Microsoft.Insights/diagnosticSettings.
            ["Microsoft.Insights/diagnosticSettings"] = ["2021-05-01-preview"],
        };

    /// <summary>Built-in role definition GUID to role name (section 7.5).</summary>
    public static IReadOnlyDictionary<string, string> BuiltInRoles { get; } =
        new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["b7e6dc6d-f1e8-4753-8033-0f276bb0955b"] = "Storage Blob Data Owner",
            ["ba92f5b4-2d11-453d-a403-e96b0029c9fe"] = "Storage Blob Data Contributor",
            ["974c5e8b-45b9-4653-ba55-5f855dd0fb88"] = "Storage Queue Data Contributor",
            ["0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3"] = "Storage Table Data Contributor",
            ["e147488a-f6f5-4113-8e2d-b22465e65bf6"] = "Key Vault Crypto Service Encryption User",
            ["12338af0-0e69-4776-bea7-57ae8d297424"] = "Key Vault Crypto User",
            ["14b46e9e-c2b7-41b4-b07b-48a6ebf60603"] = "Key Vault Crypto Officer",
            ["4633458b-17de-408a-b874-0445c86b69e6"] = "Key Vault Secrets User",
            ["00482a5a-887f-4fb3-b363-3b7fe8e74483"] = "Key Vault Administrator",
            ["3913510d-42f4-4e42-8a64-420c390055eb"] = "Monitoring Metrics Publisher",
        };
}
