using System.Globalization;
using System.Text.RegularExpressions;
using MedLedger.Infra.Tests.Bicep;

namespace MedLedger.Infra.Tests.Checks;

/// <summary>Security settings of storage, Key Vault, monitoring, the function app and Easy Auth; credentials; outputs.</summary>
internal static partial class InfraRules
{
    private static IEnumerable<string> StorageAccount(InfraTemplates t)
    {
        var findings = new List<string>();
        if (Single(t, "Microsoft.Storage/storageAccounts", findings) is var (file, account))
        {
            findings.AddRange(Expect(t, file, account, "properties.allowSharedKeyAccess", "false"));
            findings.AddRange(Expect(t, file, account, "properties.defaultToOAuthAuthentication", "true"));
            findings.AddRange(Expect(t, file, account, "properties.allowBlobPublicAccess", "false"));
            findings.AddRange(Expect(t, file, account, "properties.minimumTlsVersion", "'TLS1_2'"));
            findings.AddRange(Expect(t, file, account, "properties.supportsHttpsTrafficOnly", "true"));
            findings.AddRange(Expect(t, file, account, "kind", "'StorageV2'"));
        }

        return findings;
    }

    private static IEnumerable<string> BlobDataProtection(InfraTemplates t)
    {
        var findings = new List<string>();
        if (Single(t, "Microsoft.Storage/storageAccounts/blobServices", findings) is var (file, blob))
        {
            findings.AddRange(Expect(t, file, blob, "properties.isVersioningEnabled", "true"));
            findings.AddRange(Expect(t, file, blob, "properties.deleteRetentionPolicy.enabled", "true"));
            findings.AddRange(Expect(t, file, blob, "properties.containerDeleteRetentionPolicy.enabled", "true"));
            foreach (var path in new[] { "properties.deleteRetentionPolicy.days", "properties.containerDeleteRetentionPolicy.days" })
            {
                if (ParameterNamed(file, blob.At(path)) is not { } days || days.Decorator("minValue") is null)
                {
                    findings.Add($"{t.Where(file, blob.Line)}: {path} must come from a parameter with @minValue");
                }
            }
        }

        return findings;
    }

    private static IEnumerable<string> ContainersPrivate(InfraTemplates t)
    {
        var containers = t.Declared("Microsoft.Storage/storageAccounts/blobServices/containers").ToList();
        if (containers.Count < 3)
        {
            yield return $"expected the records, checkpoints and deployment containers, found {containers.Count} container(s)";
        }

        foreach (var (file, container) in containers)
        {
            foreach (var finding in Expect(t, file, container, "properties.publicAccess", "'None'"))
            {
                yield return finding;
            }
        }
    }

    private static IEnumerable<string> CheckpointWorm(InfraTemplates t)
    {
        var findings = new List<string>();
        var storage = t.Module("storage");
        var checkpoints = storage.Resources.SingleOrDefault(r =>
            r.Type == "Microsoft.Storage/storageAccounts/blobServices/containers" && r.At("name")?.Text == "checkpointsContainerName");
        if (checkpoints is null)
        {
            findings.Add("storage.bicep: no container named by checkpointsContainerName");
            return findings;
        }

        var policies = storage.Resources.Where(r =>
            r.Type == "Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies"
            && r.At("parent")?.Text == checkpoints.SymbolicName).ToList();
        if (policies.Count != 1)
        {
            findings.Add($"storage.bicep: the checkpoints container needs exactly one immutabilityPolicies child, found {policies.Count}");
            return findings;
        }

        var policy = policies[0];
        findings.AddRange(Expect(t, storage, policy, "name", "'default'"));
        var period = ParameterNamed(storage, policy.At("properties.immutabilityPeriodSinceCreationInDays"));
        var min = period?.Decorator("minValue")?.Arguments.Text;
        var max = period?.Decorator("maxValue")?.Arguments.Text;
        if (period is null || min is null || max is null
            || int.Parse(min, CultureInfo.InvariantCulture) < 1 || int.Parse(max, CultureInfo.InvariantCulture) > 146000)
        {
            findings.Add($"{t.Where(storage, policy.Line)}: the retention period must be a parameter bounded to 1..146000 days");
        }

        // A locked policy cannot be re-written, so the template may skip it; only on the flag the script controls.
        if (policy.Condition is not null && policy.Condition != "manageCheckpointRetentionPolicy")
        {
            findings.Add($"{t.Where(storage, policy.Line)}: the policy may only be conditional on manageCheckpointRetentionPolicy, found '{policy.Condition}'");
        }

        var script = t.DeployScript;
        if (!LockCommand().IsMatch(script))
        {
            findings.Add("scripts/deploy: does not lock the checkpoint retention policy (az storage container immutability-policy lock --if-match)");
        }

        if (!LockedPolicyDetected().IsMatch(script) || !script.Contains("\"manageCheckpointRetentionPolicy=$manage_retention_policy\"", StringComparison.Ordinal))
        {
            findings.Add("scripts/deploy: must detect a locked policy and pass manageCheckpointRetentionPolicy to the template");
        }

        return findings;
    }

    private static IEnumerable<string> StorageLayoutRule(InfraTemplates t)
    {
        var layout = t.StorageLayout;
        var required = new (string What, bool Present)[]
        {
            ("records container 'records'", layout.RecordsContainer == "records"),
            ("checkpoints container 'checkpoints'", layout.CheckpointsContainer == "checkpoints"),
            ("a deployment container", layout.DeploymentContainer.Length >= 3),
            ("queue 'ledger-events'", layout.Queues.Contains("ledger-events")),
            ("queue 'ledger-events-poison'", layout.Queues.Contains("ledger-events-poison")),
            ("table 'ledger'", layout.Tables.Contains("ledger")),
        };
        foreach (var (what, _) in required.Where(r => !r.Present))
        {
            yield return $"infra/storage-layout.json: missing {what}";
        }

        var containers = new[] { layout.RecordsContainer, layout.CheckpointsContainer, layout.DeploymentContainer };
        if (containers.Distinct(StringComparer.Ordinal).Count() != containers.Length)
        {
            yield return "infra/storage-layout.json: container names must be distinct";
        }

        if (!t.Main.Variable("storageLayout")?.Value.Text.Equals("loadJsonContent('storage-layout.json')", StringComparison.Ordinal) ?? true)
        {
            yield return "main.bicep: var storageLayout must be loadJsonContent('storage-layout.json')";
        }

        var storage = t.Main.Modules.SingleOrDefault(m => m.SymbolicName == "storage");
        (string Parameter, string Value)[] wiring =
        [
            ("recordsContainerName", "storageLayout.containers.records"),
            ("checkpointsContainerName", "storageLayout.containers.checkpoints"),
            ("deploymentContainerName", "storageLayout.containers.deployment"),
            ("queueNames", "storageLayout.queues"),
            ("tableNames", "storageLayout.tables"),
        ];
        foreach (var (parameter, value) in wiring.Where(w => storage?.Body.At($"params.{w.Parameter}")?.Text != w.Value))
        {
            yield return $"main.bicep: module storage must pass {parameter}: {value}";
        }

        (string Type, string Loop)[] loops =
        [
            ("Microsoft.Storage/storageAccounts/queueServices/queues", "queueNames"),
            ("Microsoft.Storage/storageAccounts/tableServices/tables", "tableNames"),
        ];
        foreach (var (type, loop) in loops)
        {
            var resource = t.Module("storage").Resources.SingleOrDefault(r => r.Type == type);
            if (resource is null || !resource.IsLoop)
            {
                yield return $"storage.bicep: {type} must be declared once, as a loop over {loop}";
            }
        }
    }

    private static IEnumerable<string> KeyVault(InfraTemplates t)
    {
        var findings = new List<string>();
        if (Single(t, "Microsoft.KeyVault/vaults", findings) is var (file, vault))
        {
            findings.AddRange(Expect(t, file, vault, "properties.enableRbacAuthorization", "true"));
            findings.AddRange(Expect(t, file, vault, "properties.enableSoftDelete", "true"));
            findings.AddRange(Expect(t, file, vault, "properties.enablePurgeProtection", "true"));
            if (ParameterNamed(file, vault.At("properties.softDeleteRetentionInDays")) is not { } days
                || days.Decorator("minValue") is null || days.Decorator("maxValue") is null)
            {
                findings.Add($"{t.Where(file, vault.Line)}: softDeleteRetentionInDays must come from a bounded parameter");
            }

            if (vault.At("properties.accessPolicies") is not null)
            {
                findings.Add($"{t.Where(file, vault.Line)}: access policies are not used with RBAC authorization");
            }
        }

        return findings;
    }

    private static IEnumerable<string> KeyVaultKeys(InfraTemplates t)
    {
        var findings = new List<string>();
        var keys = t.Declared("Microsoft.KeyVault/vaults/keys").ToList();
        var wrapping = keys.Where(k => k.Resource.At("name")?.Text == "wrappingKeyName").ToList();
        var signing = keys.Where(k => k.Resource.At("name")?.Text == "signingKeyName").ToList();
        if (keys.Count != 2 || wrapping.Count != 1 || signing.Count != 1)
        {
            findings.Add($"expected exactly two keys, named by wrappingKeyName and signingKeyName, found {keys.Count}");
            return findings;
        }

        var (file, kek) = wrapping[0];
        findings.AddRange(Expect(t, file, kek, "properties.kty", "'RSA'"));
        if (ParameterNamed(file, kek.At("properties.keySize"))?.Decorator("allowed") is not { } sizes
            || sizes.Arguments.Items.Any(size => int.Parse(size.Text, CultureInfo.InvariantCulture) < 3072))
        {
            findings.Add($"{t.Where(file, kek.Line)}: keySize must come from a parameter allowing only 3072 bits or more");
        }

        var kekOps = StringItems(kek.At("properties.keyOps"));
        if (!kekOps.Order(StringComparer.Ordinal).SequenceEqual(["unwrapKey", "wrapKey"]))
        {
            findings.Add($"{t.Where(file, kek.Line)}: the wrapping key's keyOps must be exactly wrapKey and unwrapKey, found [{string.Join(", ", kekOps)}]");
        }

        var actions = kek.At("properties.rotationPolicy.lifetimeActions");
        if (actions is not { IsArray: true } || !actions.Items.Any(a => string.Equals(a.At("action.type")?.StringLiteral, "rotate", StringComparison.OrdinalIgnoreCase)))
        {
            findings.Add($"{t.Where(file, kek.Line)}: the wrapping key needs a rotationPolicy with a Rotate lifetime action");
        }

        var (signingFile, signingKey) = signing[0];
        findings.AddRange(Expect(t, signingFile, signingKey, "properties.kty", "'EC'"));
        findings.AddRange(Expect(t, signingFile, signingKey, "properties.curveName", "'P-256'"));
        var signingOps = StringItems(signingKey.At("properties.keyOps"));
        if (!signingOps.Order(StringComparer.Ordinal).SequenceEqual(["sign", "verify"]))
        {
            findings.Add($"{t.Where(signingFile, signingKey.Line)}: the signing key's keyOps must be exactly sign and verify, found [{string.Join(", ", signingOps)}]");
        }

        (string Parameter, string Name)[] names = [("wrappingKeyName", "'records-kek'"), ("signingKeyName", "'checkpoint-signing'")];
        foreach (var (parameter, name) in names.Where(n => t.Main.Variable(n.Parameter)?.Value.Text != n.Name))
        {
            findings.Add($"main.bicep: var {parameter} must be {name}");
        }

        return findings;
    }

    private static IEnumerable<string> Monitoring(InfraTemplates t)
    {
        var findings = new List<string>();
        if (Single(t, "Microsoft.Insights/components", findings) is var (file, insights))
        {
            findings.AddRange(Expect(t, file, insights, "properties.DisableLocalAuth", "true"));
            if (insights.At("properties.WorkspaceResourceId") is null)
            {
                findings.Add($"{t.Where(file, insights.Line)}: Application Insights must be workspace-based (WorkspaceResourceId)");
            }
        }

        if (Single(t, "Microsoft.OperationalInsights/workspaces", findings) is var (workspaceFile, workspace))
        {
            findings.AddRange(Expect(t, workspaceFile, workspace, "properties.features.disableLocalAuth", "true"));
        }

        var vaultAudit = t.Declared("Microsoft.Insights/diagnosticSettings")
            .Where(d => d.File == t.Module("keyvault") && d.Resource.At("scope")?.Text == "vault")
            .ToList();
        if (vaultAudit.Count != 1)
        {
            findings.Add("keyvault.bicep: the vault needs one diagnostic setting (scope: vault)");
        }
        else
        {
            var (auditFile, audit) = vaultAudit[0];
            if (audit.At("properties.workspaceId")?.Text != "workspaceId")
            {
                findings.Add($"{t.Where(auditFile, audit.Line)}: the vault's diagnostic setting must send to workspaceId");
            }

            var logs = audit.At("properties.logs");
            if (logs is not { IsArray: true } || !logs.Items.Any(l => IsTrue(l.At("enabled")) && l.At("categoryGroup")?.StringLiteral is "audit" or "allLogs"))
            {
                findings.Add($"{t.Where(auditFile, audit.Line)}: the vault's diagnostic setting must enable the audit logs");
            }
        }

        return findings;
    }

    private static IEnumerable<string> FunctionApp(InfraTemplates t)
    {
        var findings = new List<string>();
        if (Single(t, "Microsoft.Web/serverfarms", findings) is var (planFile, plan))
        {
            findings.AddRange(Expect(t, planFile, plan, "sku.name", "'FC1'"));
            findings.AddRange(Expect(t, planFile, plan, "sku.tier", "'FlexConsumption'"));
            findings.AddRange(Expect(t, planFile, plan, "properties.reserved", "true"));
        }

        if (Single(t, "Microsoft.Web/sites", findings) is var (file, app))
        {
            findings.AddRange(Expect(t, file, app, "kind", "'functionapp,linux'"));
            findings.AddRange(Expect(t, file, app, "identity.type", "'SystemAssigned'"));
            findings.AddRange(Expect(t, file, app, "properties.httpsOnly", "true"));
            findings.AddRange(Expect(t, file, app, "properties.siteConfig.minTlsVersion", "'1.2'"));
            findings.AddRange(Expect(t, file, app, "properties.siteConfig.scmMinTlsVersion", "'1.2'"));
            findings.AddRange(Expect(t, file, app, "properties.siteConfig.ftpsState", "'Disabled'"));
            findings.AddRange(Expect(t, file, app, "properties.functionAppConfig.runtime.name", "'custom'"));
            findings.AddRange(Expect(t, file, app, "properties.functionAppConfig.runtime.version", "'1.0'"));
            findings.AddRange(Expect(t, file, app, "properties.functionAppConfig.deployment.storage.type", "'blobContainer'"));
            findings.AddRange(Expect(t, file, app, "properties.functionAppConfig.deployment.storage.authentication.type", "'SystemAssignedIdentity'"));

            var memory = ParameterNamed(file, app.At("properties.functionAppConfig.scaleAndConcurrency.instanceMemoryMB"));
            if (memory?.Decorator("allowed") is not { } sizes || sizes.Arguments.Items.Any(s => s.Text is not ("512" or "2048" or "4096")))
            {
                findings.Add($"{t.Where(file, app.Line)}: instanceMemoryMB must be a parameter with @allowed from 512, 2048, 4096");
            }

            var instances = ParameterNamed(file, app.At("properties.functionAppConfig.scaleAndConcurrency.maximumInstanceCount"));
            if (instances?.Decorator("minValue") is not { } min || instances.Decorator("maxValue") is not { } max
                || int.Parse(min.Arguments.Text, CultureInfo.InvariantCulture) < 40 || int.Parse(max.Arguments.Text, CultureInfo.InvariantCulture) > 1000)
            {
                findings.Add($"{t.Where(file, app.Line)}: maximumInstanceCount must be a parameter bounded within 40..1000");
            }

            foreach (var policy in new[] { "ftp", "scm" })
            {
                var declared = t.Declared("Microsoft.Web/sites/basicPublishingCredentialsPolicies")
                    .Where(p => p.Resource.At("name")?.StringLiteral == policy && p.Resource.At("parent")?.Text == app.SymbolicName)
                    .ToList();
                if (declared.Count != 1)
                {
                    findings.Add($"{t.Where(file, app.Line)}: basic publishing credentials for '{policy}' must be declared once and disabled");
                    continue;
                }

                findings.AddRange(Expect(t, declared[0].File, declared[0].Resource, "properties.allow", "false"));
            }
        }

        return findings;
    }

    private static IEnumerable<string> EasyAuth(InfraTemplates t)
    {
        var findings = new List<string>();
        var auth = t.Declared("Microsoft.Web/sites/config").Where(c => c.Resource.At("name")?.StringLiteral == "authsettingsV2").ToList();
        if (auth.Count != 1)
        {
            findings.Add($"expected one Microsoft.Web/sites/config 'authsettingsV2', found {auth.Count}");
            return findings;
        }

        var (file, settings) = auth[0];
        findings.AddRange(Expect(t, file, settings, "properties.platform.enabled", "true"));
        findings.AddRange(Expect(t, file, settings, "properties.globalValidation.requireAuthentication", "true"));
        findings.AddRange(Expect(t, file, settings, "properties.globalValidation.unauthenticatedClientAction", "'Return401'"));
        findings.AddRange(Expect(t, file, settings, "properties.identityProviders.azureActiveDirectory.enabled", "true"));
        findings.AddRange(Expect(t, file, settings, "properties.login.tokenStore.enabled", "false"));
        findings.AddRange(Expect(t, file, settings, "properties.httpSettings.requireHttps", "true"));

        var excluded = StringItems(settings.At("properties.globalValidation.excludedPaths"));
        if (!excluded.Order(StringComparer.Ordinal).SequenceEqual(["/api/claims/verify", "/api/health"]))
        {
            findings.Add($"{t.Where(file, settings.Line)}: excludedPaths must be exactly /api/claims/verify and /api/health, found [{string.Join(", ", excluded)}]");
        }

        if (settings.At("properties.identityProviders.azureActiveDirectory.registration.clientId") is null
            || settings.At("properties.identityProviders.azureActiveDirectory.validation.allowedAudiences") is null)
        {
            findings.Add($"{t.Where(file, settings.Line)}: the Entra ID provider needs registration.clientId and validation.allowedAudiences");
        }

        var providers = settings.At("properties.identityProviders");
        foreach (var other in providers?.Properties.Where(p => p.Key != "azureActiveDirectory") ?? [])
        {
            findings.Add($"{t.Where(file, settings.Line)}: identity provider '{other.Key}' is not allowed: Entra ID only");
        }

        return findings;
    }

    private static IEnumerable<string> NoCredentials(InfraTemplates t)
    {
        string[] forbidden =
        [
            "listKeys", "listKey(", "listConnectionStrings", "listSecrets", "listAccountSas", "listServiceSas",
            "AccountKey", "SharedAccessSignature", "DefaultEndpointsProtocol", "InstrumentationKey=",
        ];
        foreach (var file in t.Templates)
        {
            foreach (var token in forbidden.Where(token => file.Text.WithoutComments.Contains(token, StringComparison.OrdinalIgnoreCase)))
            {
                yield return $"{t.Where(file, file.Text.LineOf(file.Text.WithoutComments.IndexOf(token, StringComparison.OrdinalIgnoreCase)))}: contains '{token}' (credentials must not be read or written by the template)";
            }
        }

        var settings = AppSettingsReader.Read(t);
        foreach (var setting in settings)
        {
            var name = setting.Name;
            if (name == "AzureWebJobsStorage")
            {
                yield return "app setting 'AzureWebJobsStorage' is a connection string: use the identity-based AzureWebJobsStorage__* settings";
            }
            else if (name.Contains("CONNECTION_STRING", StringComparison.OrdinalIgnoreCase) && name != "APPLICATIONINSIGHTS_CONNECTION_STRING")
            {
                yield return $"app setting '{name}' is a connection string";
            }
            else if (name == "FUNCTIONS_WORKER_RUNTIME")
            {
                yield return "app setting FUNCTIONS_WORKER_RUNTIME is not used on Flex Consumption (functionAppConfig.runtime is)";
            }
            else if (name.Contains("secret", StringComparison.OrdinalIgnoreCase) && !IsKeyVaultReference(setting.Value))
            {
                yield return $"app setting '{name}' must be a Key Vault reference (@Microsoft.KeyVault(SecretUri=...)), found {setting.Value}";
            }
        }

        var authentication = settings.SingleOrDefault(s => s.Name == "APPLICATIONINSIGHTS_AUTHENTICATION_STRING");
        if (authentication?.Value != "'Authorization=AAD'")
        {
            yield return $"app setting APPLICATIONINSIGHTS_AUTHENTICATION_STRING must be 'Authorization=AAD' (Entra ingestion), found {authentication?.Value ?? "nothing"}";
        }

        foreach (var duplicate in settings.GroupBy(s => s.Name).Where(g => g.Count() > 1))
        {
            yield return $"app setting '{duplicate.Key}' is written more than once";
        }
    }

    /// <summary>Every string the value can produce is a Key Vault reference (or empty, for an optional setting left out).</summary>
    private static bool IsKeyVaultReference(string value)
    {
        var literals = StringLiteralText().Matches(value).Select(m => m.Value).ToList();
        return literals.Any(l => KeyVaultReference().IsMatch(l)) && literals.All(l => l == "''" || KeyVaultReference().IsMatch(l));
    }

    private static IEnumerable<string> SecureParameters(InfraTemplates t)
    {
        foreach (var file in t.Templates)
        {
            foreach (var parameter in file.Parameters.Where(p => SecretLike().IsMatch(p.Name) && !p.Name.EndsWith("Name", StringComparison.Ordinal)
                && !p.Name.EndsWith("Names", StringComparison.Ordinal)))
            {
                if (parameter.Decorator("secure") is null)
                {
                    yield return $"{t.Where(file, parameter.Line)}: parameter '{parameter.Name}' looks like a secret and must be @secure()";
                }
            }
        }
    }

    private static IEnumerable<string> Outputs(InfraTemplates t)
    {
        foreach (var output in t.Main.Outputs.Where(o => !UpperSnake().IsMatch(o.Name)))
        {
            yield return $"{t.Where(t.Main, output.Line)}: output '{output.Name}' is not UPPER_SNAKE_CASE";
        }

        (string Name, string Contains)[] required =
        [
            ("FUNCTION_APP_URL", "https://"), ("STORAGE_ACCOUNT_NAME", ""), ("KEY_VAULT_URI", ""), ("LOG_PUBLIC_KEY_URL", "/api/ledger/public-key"),
        ];
        foreach (var (name, contains) in required)
        {
            var output = t.Main.Outputs.SingleOrDefault(o => o.Name == name);
            if (output is null || !output.Value.Text.Contains(contains, StringComparison.Ordinal))
            {
                yield return $"main.bicep: output {name} is missing or does not contain '{contains}'";
            }
        }

        foreach (var file in t.Templates)
        {
            var secureParameters = file.Parameters.Where(p => p.Decorator("secure") is not null).Select(p => p.Name).ToList();
            foreach (var output in file.Outputs)
            {
                var where = $"{t.Where(file, output.Line)}: output '{output.Name}'";
                if (output.Decorators.Any(d => d.Name == "secure") || output.Type.StartsWith("secure", StringComparison.Ordinal))
                {
                    yield return $"{where} is secure: outputs must never carry secrets";
                }

                if (SecretName().IsMatch(output.Name) && !Regex.IsMatch(output.Name, "(?i)(name|names)$"))
                {
                    yield return $"{where} is named like a secret";
                }

                var value = output.Value.Text;
                if (SecretValue().Match(value) is { Success: true } leak)
                {
                    yield return $"{where} reads '{leak.Value}'";
                }

                foreach (var parameter in secureParameters.Where(p => Regex.IsMatch(value, $@"\b{p}\b")))
                {
                    yield return $"{where} exposes the secure parameter '{parameter}'";
                }
            }
        }
    }

    [GeneratedRegex(@"immutability-policy\s+lock\b[^\n]*(\\\n[^\n]*)*--if-match")]
    private static partial Regex LockCommand();

    [GeneratedRegex(@"if \[\[ ""\$state"" == ""Locked"" \]\]; then\s*\n\s*manage_retention_policy=false")]
    private static partial Regex LockedPolicyDetected();

    [GeneratedRegex(@"^'@Microsoft\.KeyVault\(SecretUri=\$\{[^}]+\}secrets/\$\{[^}]+\}/\)'$")]
    private static partial Regex KeyVaultReference();

    [GeneratedRegex(@"'(?:[^'\\]|\\.)*'")]
    private static partial Regex StringLiteralText();

    [GeneratedRegex("(?i)(secret|password|token|credential|apikey|accountkey)")]
    private static partial Regex SecretLike();

    [GeneratedRegex("^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$")]
    private static partial Regex UpperSnake();

    [GeneratedRegex("(?i)(secret|password|connection_?string|access_?key|account_?key|token|credential)")]
    private static partial Regex SecretName();

    [GeneratedRegex(@"(?i)(\blist\w*\(|connectionstring|instrumentationkey|getsecret|\.properties\.value\b|primaryKey|secondaryKey)")]
    private static partial Regex SecretValue();
}
