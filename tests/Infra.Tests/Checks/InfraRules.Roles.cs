using System.Text.RegularExpressions;
using MedLedger.Infra.Tests.Bicep;

namespace MedLedger.Infra.Tests.Checks;

/// <summary>Role assignments: documented roles only, resource scopes only, exactly the roles the app uses.</summary>
internal static partial class InfraRules
{
    /// <summary>What the app's identity must hold, and nothing more: role, scope type, and the key name where it matters.</summary>
    private static readonly (string Role, string ScopeType, string? ScopeName)[] ExpectedAssignments =
    [
        ("Storage Blob Data Owner", "Microsoft.Storage/storageAccounts", null),
        ("Storage Queue Data Contributor", "Microsoft.Storage/storageAccounts", null),
        ("Storage Table Data Contributor", "Microsoft.Storage/storageAccounts", null),
        ("Key Vault Crypto Service Encryption User", "Microsoft.KeyVault/vaults/keys", "wrappingKeyName"),
        ("Key Vault Crypto User", "Microsoft.KeyVault/vaults/keys", "signingKeyName"),
        ("Key Vault Secrets User", "Microsoft.KeyVault/vaults", null),
        ("Monitoring Metrics Publisher", "Microsoft.Insights/components", null),
    ];

    private static IEnumerable<string> RoleDefinitions(InfraTemplates t)
    {
        foreach (var file in t.Templates)
        {
            foreach (Match guid in Guid().Matches(file.Text.WithoutComments))
            {
                if (!AzureReference.BuiltInRoles.ContainsKey(guid.Value))
                {
                    yield return $"{t.Where(file, file.Text.LineOf(guid.Index))}: '{guid.Value}' is not a documented built-in role";
                }
            }

            foreach (var assignment in RoleAssignments(file))
            {
                if (RoleOf(file, assignment) is null)
                {
                    yield return $"{t.Where(file, assignment.Line)}: role assignment '{assignment.SymbolicName}' does not name a documented built-in role ({assignment.At("properties.roleDefinitionId")})";
                }
            }
        }
    }

    private static IEnumerable<string> RoleScopes(InfraTemplates t)
    {
        foreach (var file in t.Templates)
        {
            if (file.TargetScope is not (null or "resourceGroup"))
            {
                yield return $"{t.Where(file, 1)}: targetScope '{file.TargetScope}': deployments stay within the resource group";
            }

            foreach (var assignment in RoleAssignments(file))
            {
                var where = $"{t.Where(file, assignment.Line)}: role assignment '{assignment.SymbolicName}'";
                var scope = assignment.At("scope")?.Text;
                var target = scope is null ? null : file.Resource(scope);
                if (target is null)
                {
                    yield return $"{where} must be scoped to a resource of this file (scope: <symbol>), found {(scope is null ? "no scope (the whole resource group)" : $"'{scope}'")}";
                }

                if (assignment.At("properties.principalId")?.Text != "principalId")
                {
                    yield return $"{where} must be granted to the app identity (principalId)";
                }

                if (assignment.At("properties.principalType")?.Text != "'ServicePrincipal'")
                {
                    yield return $"{where} must declare principalType 'ServicePrincipal'";
                }
            }
        }

        foreach (var file in t.Templates)
        {
            foreach (var call in new[] { "subscription()", "managementGroup()", "tenant()" })
            {
                foreach (Match scope in Regex.Matches(file.Text.WithoutComments, $@"scope:\s*{Regex.Escape(call)}"))
                {
                    yield return $"{t.Where(file, file.Text.LineOf(scope.Index))}: scope {call} is not allowed";
                }
            }
        }
    }

    private static IEnumerable<string> LeastPrivilege(InfraTemplates t)
    {
        var actual = new List<(string Role, string ScopeType, string? ScopeName)>();
        foreach (var file in t.Templates)
        {
            foreach (var assignment in RoleAssignments(file))
            {
                var role = RoleOf(file, assignment);
                var scope = assignment.At("scope") is { } symbol ? file.Resource(symbol.Text) : null;
                if (role is null || scope is null)
                {
                    continue;
                }

                var name = scope.Type == "Microsoft.KeyVault/vaults/keys" ? scope.At("name")?.Text : null;
                actual.Add((AzureReference.BuiltInRoles[role], scope.Type, name));
            }
        }

        foreach (var extra in actual.Except(ExpectedAssignments))
        {
            yield return $"the app identity holds {extra.Role} on {extra.ScopeType} {extra.ScopeName}, which it does not need";
        }

        foreach (var missing in ExpectedAssignments.Except(actual))
        {
            yield return $"the app identity lacks {missing.Role} on {missing.ScopeType} {missing.ScopeName}";
        }

        if (actual.Count != actual.Distinct().Count())
        {
            yield return "a role is assigned twice on the same scope";
        }
    }

    private static IEnumerable<BicepResource> RoleAssignments(BicepFile file) =>
        file.Resources.Where(r => !r.IsExisting && r.Type == "Microsoft.Authorization/roleAssignments");

    /// <summary>The documented role GUID an assignment names, directly or through a <c>var</c> object such as <c>roles.x</c>.</summary>
    private static string? RoleOf(BicepFile file, BicepResource assignment)
    {
        var definition = assignment.At("properties.roleDefinitionId")?.Text;
        if (definition is null || !definition.StartsWith("subscriptionResourceId('Microsoft.Authorization/roleDefinitions',", StringComparison.Ordinal))
        {
            return null;
        }

        var guid = Guid().Match(definition);
        if (!guid.Success && VariableProperty().Match(definition) is { Success: true } reference)
        {
            var literal = file.Variable(reference.Groups[1].Value)?.Value.At(reference.Groups[2].Value)?.StringLiteral;
            guid = Guid().Match(literal ?? "");
        }

        return guid.Success && AzureReference.BuiltInRoles.ContainsKey(guid.Value) ? guid.Value : null;
    }

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex Guid();

    [GeneratedRegex(@",\s*(\w+)\.(\w+)\s*\)$")]
    private static partial Regex VariableProperty();
}
