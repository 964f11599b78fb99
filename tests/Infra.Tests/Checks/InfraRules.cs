using MedLedger.Infra.Tests.Bicep;

namespace MedLedger.Infra.Tests.Checks;

/// <summary>
/// Every check the templates must pass. Each rule returns findings (sentences with a file and line) instead of
/// asserting, so the same rule runs against the real templates (no findings) and against deliberately broken
/// copies (findings), which proves it can fail.
/// </summary>
internal static partial class InfraRules
{
    public static IReadOnlyList<InfraRule> All { get; } =
    [
        new("module-files", "every module and import refers to a file that exists, and imported types exist", ModuleFiles),
        new("module-parameters", "every parameter passed to a module is declared there, and every required one is passed", ModuleParameters),
        new("module-outputs", "every module output referenced is declared by the module", ModuleOutputs),
        new("parameter-files", "parameter files target main.bicep, set only declared parameters, set every required one, and respect the decorators", ParameterFiles),
        new("parameters-validated", "every template parameter is described, and every string and int parameter is bounded", ParametersValidated),
        new("names-deterministic", "resource names derive from uniqueString(resource group, base name), nothing random", NamesDeterministic),
        new("api-versions", "every resource type uses an API version from the reference table", ApiVersions),
        new("storage-account", "shared keys off, OAuth default, no public blob access, TLS 1.2, HTTPS only", StorageAccount),
        new("blob-data-protection", "blob versioning and soft delete for blobs and containers", BlobDataProtection),
        new("containers-private", "no container allows public access", ContainersPrivate),
        new("checkpoint-worm", "checkpoint container has a time-based retention policy that scripts/deploy locks", CheckpointWorm),
        new("storage-layout", "the containers, queues and tables come from infra/storage-layout.json and include the ledger's", StorageLayoutRule),
        new("key-vault", "RBAC authorization, soft delete, purge protection", KeyVault),
        new("key-vault-keys", "an RSA wrapping key with a rotation policy and an EC P-256 signing key", KeyVaultKeys),
        new("monitoring", "Entra-only telemetry ingestion and vault audit logs sent to the workspace", Monitoring),
        new("function-app", "Flex Consumption, custom runtime, system identity, HTTPS only, TLS 1.2, FTP and basic publishing off", FunctionApp),
        new("easy-auth", "Entra ID required with 401 for anonymous callers, except the webhook and health routes; no token store", EasyAuth),
        new("no-credentials", "no keys or connection strings in templates or app settings; secrets only as Key Vault references", NoCredentials),
        new("secure-parameters", "parameters that carry a secret are @secure", SecureParameters),
        new("outputs", "outputs are UPPER_SNAKE_CASE, include the app URL, storage, vault URI and public key location, and carry no secret", Outputs),
        new("role-definitions", "every role GUID is a documented built-in role", RoleDefinitions),
        new("role-scopes", "every role assignment is scoped to one resource, nothing at subscription or resource-group scope", RoleScopes),
        new("least-privilege", "the app identity holds exactly the roles it uses, on exactly those resources", LeastPrivilege),
    ];

    public static InfraRule Get(string id) => All.Single(rule => rule.Id == id);

    /// <summary>A finding unless the value at <paramref name="path"/> is exactly <paramref name="expected"/>.</summary>
    private static IEnumerable<string> Expect(InfraTemplates t, BicepFile file, BicepResource resource, string path, string expected)
    {
        var value = resource.At(path);
        if (value is null)
        {
            yield return $"{t.Where(file, resource.Line)}: {resource.Type} '{resource.SymbolicName}' does not set {path} (must be {expected})";
        }
        else if (value.Text != expected)
        {
            yield return $"{t.Where(file, resource.Line)}: {resource.Type} '{resource.SymbolicName}' sets {path} to {value.Text} (must be {expected})";
        }
    }

    /// <summary>The single declared resource of a type, or a finding.</summary>
    private static (BicepFile File, BicepResource Resource)? Single(InfraTemplates t, string type, List<string> findings)
    {
        var declared = t.Declared(type).ToList();
        if (declared.Count != 1)
        {
            findings.Add($"expected exactly one {type} resource, found {declared.Count}");
            return null;
        }

        return declared[0];
    }

    /// <summary>The parameter a plain identifier expression names, in the given file.</summary>
    private static BicepParameter? ParameterNamed(BicepFile file, BicepExpression? expression) =>
        expression is null ? null : file.Parameter(expression.Text);

    private static bool IsTrue(BicepExpression? value) => value?.Text == "true";

    private static List<string> StringItems(BicepExpression? array) =>
        array is { IsArray: true } ? [.. array.Items.Select(item => item.StringLiteral ?? item.Text)] : [];
}
