using MedLedger.Infra.Tests.Checks;

namespace MedLedger.Infra.Tests.Templates;

/// <summary>
/// Each rule is proven able to fail: a copy of the templates with one setting removed or flipped must produce a
/// finding from the rule that guards it. A mutation whose text is not found fails the test, so no mutation can
/// silently stop mutating when the templates change.
/// </summary>
public sealed class BrokenTemplateTests
{
    private const string Main = "infra/main.bicep";
    private const string DevParameters = "infra/main.bicepparam";
    private const string Layout = "infra/storage-layout.json";
    private const string Storage = "infra/modules/storage.bicep";
    private const string KeyVault = "infra/modules/keyvault.bicep";
    private const string Monitoring = "infra/modules/monitoring.bicep";
    private const string FunctionApp = "infra/modules/functionapp.bicep";
    private const string Rbac = "infra/modules/rbac.bicep";
    private const string Deploy = "scripts/deploy";

    /// <summary>(rule, file, text to find, replacement, what the mutation breaks).</summary>
    private static readonly (string Rule, string File, string Find, string Replace, string Breaks)[] Mutations =
    [
        ("module-files", Main, "'modules/rbac.bicep'", "'modules/roles.bicep'", "module path points nowhere"),
        ("module-files", FunctionApp, "import { insurer } from", "import { insurerType } from", "imported type does not exist"),
        ("module-parameters", Main, "    skuName: keyVaultSku\n", "    sku: keyVaultSku\n", "passes an undeclared parameter"),
        ("module-parameters", Main, "    retentionInDays: logRetentionDays\n", "", "required module parameter not passed"),
        ("module-outputs", Main, "functionApp.outputs.principalId", "functionApp.outputs.identityId", "output the module does not declare"),
        ("parameter-files", DevParameters, "param baseName = 'medledger'", "param baseName = 'ml'", "value shorter than @minLength"),
        ("parameter-files", DevParameters, "param storageSku = 'Standard_LRS'", "param storageSku = 'Premium_LRS'", "value not @allowed"),
        ("parameter-files", DevParameters, "param checkpointRetentionDays = 1", "param checkpointRetentionDays = 0", "value below @minValue"),
        ("parameter-files", DevParameters, "param authClientId = readEnvironmentVariable('MEDLEDGER_AUTH_CLIENT_ID')", "", "required parameter not set"),
        ("parameter-files", DevParameters, "param insurers = []", "param insurers = []\n\nparam webhookUrl = 'x'", "sets an undeclared parameter"),
        ("parameters-validated", Main, "@minValue(40)\n@maxValue(1000)\nparam maximumInstanceCount", "@minValue(40)\nparam maximumInstanceCount", "int parameter without an upper bound"),
        ("parameters-validated", Storage, "@description('Azure region.')\n", "", "parameter without a description"),
        ("names-deterministic", Main, "var suffix = uniqueString(resourceGroup().id, baseName)", "var suffix = uniqueString(newGuid())", "random names"),
        ("names-deterministic", Main, "accountName: names.storageAccount", "accountName: 'stmedledger'", "name not derived"),
        ("api-versions", KeyVault, "'Microsoft.KeyVault/vaults@2026-02-01'", "'Microsoft.KeyVault/vaults@2023-07-01'", "API version outside the reference table"),
        ("api-versions", Storage, "Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {\n  name: 'audit-to-workspace'\n  scope: blobService", "Microsoft.Insights/diagnosticSetting@2021-05-01-preview' = {\n  name: 'audit-to-workspace'\n  scope: blobService", "resource type outside the reference table"),
        ("storage-account", Storage, "allowSharedKeyAccess: false", "allowSharedKeyAccess: true", "shared keys on"),
        ("storage-account", Storage, "allowBlobPublicAccess: false", "allowBlobPublicAccess: true", "public blob access on"),
        ("storage-account", Storage, "minimumTlsVersion: 'TLS1_2'", "minimumTlsVersion: 'TLS1_0'", "TLS 1.0 accepted"),
        ("storage-account", Storage, "supportsHttpsTrafficOnly: true", "supportsHttpsTrafficOnly: false", "plain HTTP accepted"),
        ("storage-account", Storage, "    defaultToOAuthAuthentication: true\n", "", "OAuth not the default"),
        ("blob-data-protection", Storage, "isVersioningEnabled: true", "isVersioningEnabled: false", "blob versioning off"),
        ("blob-data-protection", Storage, "deleteRetentionPolicy: {\n      enabled: true", "deleteRetentionPolicy: {\n      enabled: false", "blob soft delete off"),
        ("blob-data-protection", Storage, "containerDeleteRetentionPolicy: {\n      enabled: true", "containerDeleteRetentionPolicy: {\n      enabled: false", "container soft delete off"),
        ("containers-private", Storage, "name: checkpointsContainerName\n  properties: {\n    publicAccess: 'None'", "name: checkpointsContainerName\n  properties: {\n    publicAccess: 'Blob'", "anonymous read of checkpoints"),
        ("checkpoint-worm", Storage, "immutabilityPeriodSinceCreationInDays: checkpointRetentionDays", "immutabilityPeriodSinceCreationInDays: 0", "retention not a bounded parameter"),
        ("checkpoint-worm", Storage, "parent: checkpointsContainer\n", "parent: recordsContainer\n", "retention on the wrong container"),
        ("checkpoint-worm", Storage, "= if (manageCheckpointRetentionPolicy) {", "= if (false) {", "retention policy never deployed"),
        ("checkpoint-worm", Deploy, "immutability-policy lock", "immutability-policy show", "policy never locked"),
        ("checkpoint-worm", Deploy, "manage_retention_policy=false", "manage_retention_policy=true", "locked policy re-written (the script never passes false)"),
        ("storage-layout", Layout, "\"ledger-events-poison\"", "\"ledger-dead-letters\"", "poison queue missing"),
        ("storage-layout", Layout, "\"ledger\"", "\"entries\"", "ledger table missing"),
        ("storage-layout", Main, "tableNames: storageLayout.tables", "tableNames: ledgerTables", "table list not from the layout file"),
        ("key-vault", KeyVault, "enablePurgeProtection: true", "enablePurgeProtection: false", "purge protection off"),
        ("key-vault", KeyVault, "enableRbacAuthorization: true", "enableRbacAuthorization: false", "access policies instead of RBAC"),
        ("key-vault", KeyVault, "enableSoftDelete: true", "enableSoftDelete: false", "soft delete off"),
        ("key-vault-keys", KeyVault, "kty: 'EC'", "kty: 'RSA'", "signing key not EC"),
        ("key-vault-keys", KeyVault, "curveName: 'P-256'", "curveName: 'P-384'", "signing key not P-256"),
        ("key-vault-keys", KeyVault, "type: 'rotate'", "type: 'notify'", "wrapping key never rotated"),
        ("key-vault-keys", KeyVault, "      'wrapKey'\n      'unwrapKey'\n", "      'wrapKey'\n      'unwrapKey'\n      'decrypt'\n", "wrapping key usable for more than wrapping"),
        ("key-vault-keys", Main, "var signingKeyName = 'checkpoint-signing'", "var signingKeyName = 'signing'", "key name the app does not expect"),
        ("monitoring", Monitoring, "DisableLocalAuth: true", "DisableLocalAuth: false", "telemetry accepted with the instrumentation key alone"),
        ("monitoring", KeyVault, "categoryGroup: 'audit'\n        enabled: true", "categoryGroup: 'audit'\n        enabled: false", "vault audit log off"),
        ("function-app", FunctionApp, "httpsOnly: true", "httpsOnly: false", "plain HTTP accepted"),
        ("function-app", FunctionApp, "minTlsVersion: '1.2'", "minTlsVersion: '1.0'", "TLS 1.0 accepted"),
        ("function-app", FunctionApp, "ftpsState: 'Disabled'", "ftpsState: 'AllAllowed'", "FTP on"),
        ("function-app", FunctionApp, "name: 'scm'\n  properties: {\n    allow: false", "name: 'scm'\n  properties: {\n    allow: true", "basic-auth publishing on"),
        ("function-app", FunctionApp, "    type: 'SystemAssigned'\n", "    type: 'None'\n", "no managed identity"),
        ("function-app", FunctionApp, "name: 'custom'", "name: 'dotnet-isolated'", "not the custom handler runtime"),
        ("function-app", FunctionApp, "@maxValue(1000)\nparam maximumInstanceCount", "@maxValue(5000)\nparam maximumInstanceCount", "scale bound beyond the plan's"),
        ("function-app", FunctionApp, "name: 'FC1'", "name: 'Y1'", "not Flex Consumption"),
        ("easy-auth", FunctionApp, "'Return401'", "'AllowAnonymous'", "anonymous callers let through"),
        ("easy-auth", FunctionApp, "requireAuthentication: true", "requireAuthentication: false", "authentication optional"),
        ("easy-auth", FunctionApp, "        '/api/health'\n", "", "health route not excluded"),
        ("easy-auth", FunctionApp, "        '/api/health'\n", "        '/api/health'\n        '/api/records'\n", "a record route left open"),
        ("easy-auth", FunctionApp, "tokenStore: {\n        enabled: false", "tokenStore: {\n        enabled: true", "token store on"),
        ("no-credentials", FunctionApp, "name: 'AzureWebJobsStorage__credential'\n    value: 'managedidentity'", "name: 'AzureWebJobsStorage'\n    value: 'DefaultEndpointsProtocol=https;AccountName=${storage.name};AccountKey=${storage.listKeys().keys[0].value}'", "storage connection string with the account key"),
        ("no-credentials", FunctionApp, "value: 'Authorization=AAD'", "value: ''", "telemetry without Entra authentication"),
        ("no-credentials", FunctionApp, "value: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/${pseudonymSecretName}/)'", "value: pseudonymSecretName", "secret setting not a Key Vault reference"),
        ("secure-parameters", Main, "@description('Memory of each Flex", "@description('A webhook secret.')\n@minLength(1)\nparam webhookSecret string\n\n@description('Memory of each Flex", "secret parameter not @secure"),
        ("outputs", Main, "output FUNCTION_APP_URL", "output functionAppUrl", "output not UPPER_SNAKE_CASE, app URL missing"),
        ("outputs", Main, "/api/ledger/public-key'", "/api/ledger'", "public key location missing"),
        ("outputs", Main, "output PSEUDONYM_SECRET_NAME string = pseudonymSecretName", "output STORAGE_ACCOUNT_KEY string = listKeys(resourceId('Microsoft.Storage/storageAccounts', names.storageAccount), '2025-06-01').keys[0].value", "account key as an output"),
        ("role-definitions", Rbac, "monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'", "monitoringMetricsPublisher: '8e3af657-a8ff-443d-a942-f2b7b3e94fb6'", "Owner instead of a documented data role"),
        ("role-scopes", Rbac, "name: guid(storage.id, principalId, roles.storageBlobDataOwner)\n  scope: storage\n", "name: guid(storage.id, principalId, roles.storageBlobDataOwner)\n", "assignment at resource-group scope"),
        ("role-scopes", Rbac, "  scope: vault\n", "  scope: subscription()\n", "assignment at subscription scope"),
        ("role-scopes", Main, "targetScope = 'resourceGroup'", "targetScope = 'subscription'", "subscription-level deployment"),
        ("least-privilege", Rbac, "  scope: wrappingKey\n", "  scope: vault\n", "crypto role on every key of the vault"),
        ("least-privilege", Rbac, "keyVaultCryptoServiceEncryptionUser: 'e147488a-f6f5-4113-8e2d-b22465e65bf6'", "keyVaultCryptoServiceEncryptionUser: '14b46e9e-c2b7-41b4-b07b-48a6ebf60603'", "Crypto Officer (key management) for the app"),
    ];

    public static TheoryData<string, string, string, string, string> BrokenCopies =>
        [.. Mutations.Select(m => (m.Rule, m.File, m.Find, m.Replace, m.Breaks))];

    [Theory]
    [MemberData(nameof(BrokenCopies))]
    public void Rule_BrokenCopy_ReportsTheBreak(string ruleId, string file, string find, string replace, string breaks)
    {
        using var copy = BrokenCopy.With(file, find, replace);

        var findings = InfraRules.Get(ruleId).Run(copy.Load());

        Assert.True(findings.Count > 0, $"rule '{ruleId}' did not notice: {breaks} ({file})");
    }

    [Fact]
    public void Mutations_CoverEveryRule()
    {
        var untested = InfraRules.All.Select(rule => rule.Id).Except(Mutations.Select(m => m.Rule)).ToList();

        Assert.True(untested.Count == 0, $"rules never shown to fail: {string.Join(", ", untested)}");
    }

    [Fact]
    public void BrokenCopy_TextNotInFile_RefusesToPretend()
    {
        var error = Assert.Throws<InvalidOperationException>(() => BrokenCopy.With(Storage, "allowSharedKeyAccess: maybe", "x"));

        Assert.Contains("does not apply", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BrokenCopy_Unchanged_HasNoFindings()
    {
        using var copy = BrokenCopy.With(Storage, "allowSharedKeyAccess: false", "allowSharedKeyAccess: false");

        var findings = InfraRules.All.SelectMany(rule => rule.Run(copy.Load())).ToList();

        Assert.True(findings.Count == 0, string.Join("\n", findings));
    }
}
