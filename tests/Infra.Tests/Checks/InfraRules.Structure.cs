using System.Globalization;
using System.Text.RegularExpressions;
using MedLedger.Infra.Tests.Bicep;

namespace MedLedger.Infra.Tests.Checks;

/// <summary>Structure: modules, parameters, parameter files, names and API versions.</summary>
internal static partial class InfraRules
{
    private static IEnumerable<string> ModuleFiles(InfraTemplates t)
    {
        foreach (var file in t.Templates)
        {
            foreach (var module in file.Modules)
            {
                if (Target(t, file, module.Path) is null)
                {
                    yield return $"{t.Where(file, module.Line)}: module '{module.SymbolicName}' refers to '{module.Path}', which does not exist";
                }
            }

            foreach (var import in file.Imports)
            {
                var target = Target(t, file, import.Path);
                if (target is null)
                {
                    yield return $"{t.Where(file, import.Line)}: import from '{import.Path}', which does not exist";
                    continue;
                }

                foreach (var name in import.Names.Where(name => !target.Types.Contains(name)))
                {
                    yield return $"{t.Where(file, import.Line)}: imports type '{name}', which '{import.Path}' does not declare";
                }
            }
        }
    }

    private static IEnumerable<string> ModuleParameters(InfraTemplates t)
    {
        foreach (var file in t.Templates)
        {
            foreach (var module in file.Modules)
            {
                var target = Target(t, file, module.Path);
                if (target is null)
                {
                    continue;
                }

                var passed = module.PassedParameters;
                foreach (var name in passed.Where(name => target.Parameter(name) is null))
                {
                    yield return $"{t.Where(file, module.Line)}: module '{module.SymbolicName}' passes '{name}', which {module.Path} does not declare";
                }

                foreach (var parameter in target.Parameters.Where(p => p.IsRequired && !passed.Contains(p.Name)))
                {
                    yield return $"{t.Where(file, module.Line)}: module '{module.SymbolicName}' does not pass required parameter '{parameter.Name}' of {module.Path}";
                }

                foreach (var duplicate in passed.GroupBy(name => name).Where(g => g.Count() > 1))
                {
                    yield return $"{t.Where(file, module.Line)}: module '{module.SymbolicName}' passes '{duplicate.Key}' twice";
                }
            }
        }
    }

    private static IEnumerable<string> ModuleOutputs(InfraTemplates t)
    {
        foreach (var file in t.Templates)
        {
            foreach (Match reference in OutputReference().Matches(file.Text.WithoutComments))
            {
                var module = file.Modules.SingleOrDefault(m => m.SymbolicName == reference.Groups[1].Value);
                var target = module is null ? null : Target(t, file, module.Path);
                if (target is not null && target.Outputs.All(o => o.Name != reference.Groups[2].Value))
                {
                    yield return $"{t.Where(file, file.Text.LineOf(reference.Index))}: '{reference.Value}' is not an output of {module!.Path}";
                }
            }
        }
    }

    private static IEnumerable<string> ParameterFiles(InfraTemplates t)
    {
        if (t.ParameterFiles.Count < 2)
        {
            yield return $"expected infra/main.bicepparam and a production example, found {t.ParameterFiles.Count} parameter file(s)";
        }

        foreach (var file in t.ParameterFiles)
        {
            var where = t.Where(file, 1);
            if (file.Using is null || Target(t, file, file.Using) != t.Main)
            {
                yield return $"{where}: must start with using 'main.bicep' (found '{file.Using}')";
                continue;
            }

            foreach (var value in file.Parameters)
            {
                var declared = t.Main.Parameter(value.Name);
                if (declared is null)
                {
                    yield return $"{t.Where(file, value.Line)}: sets '{value.Name}', which main.bicep does not declare";
                    continue;
                }

                foreach (var problem in Violations(declared, value.Value!))
                {
                    yield return $"{t.Where(file, value.Line)}: '{value.Name}' = {value.Value}: {problem}";
                }
            }

            foreach (var required in t.Main.Parameters.Where(p => p.IsRequired && file.Parameter(p.Name) is null))
            {
                yield return $"{where}: does not set required parameter '{required.Name}'";
            }
        }
    }

    /// <summary>Decorator violations of a literal value (values computed at deployment time are not judged).</summary>
    private static IEnumerable<string> Violations(BicepParameter declared, BicepExpression value)
    {
        var text = value.StringLiteral;
        long? number = long.TryParse(value.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
        if (text is null && number is null)
        {
            yield break;
        }

        if (declared.Decorator("allowed") is { } allowed && !allowed.Arguments.Items.Any(a => a.Text == value.Text))
        {
            yield return $"not one of the @allowed values {allowed.Arguments}";
        }

        if (number is not null && declared.Decorator("minValue") is { } min && number < long.Parse(min.Arguments.Text, CultureInfo.InvariantCulture))
        {
            yield return $"below @minValue({min.Arguments})";
        }

        if (number is not null && declared.Decorator("maxValue") is { } max && number > long.Parse(max.Arguments.Text, CultureInfo.InvariantCulture))
        {
            yield return $"above @maxValue({max.Arguments})";
        }

        if (text is not null && declared.Decorator("minLength") is { } minLength && text.Length < int.Parse(minLength.Arguments.Text, CultureInfo.InvariantCulture))
        {
            yield return $"shorter than @minLength({minLength.Arguments})";
        }

        if (text is not null && declared.Decorator("maxLength") is { } maxLength && text.Length > int.Parse(maxLength.Arguments.Text, CultureInfo.InvariantCulture))
        {
            yield return $"longer than @maxLength({maxLength.Arguments})";
        }
    }

    private static IEnumerable<string> ParametersValidated(InfraTemplates t)
    {
        foreach (var file in t.Templates)
        {
            foreach (var parameter in file.Parameters)
            {
                var where = $"{t.Where(file, parameter.Line)}: parameter '{parameter.Name}'";
                if (parameter.Decorator("description") is null)
                {
                    yield return $"{where} has no @description";
                }

                var bounded = parameter.Decorator("allowed") is not null;
                if (parameter.Type == "int" && !bounded && (parameter.Decorator("minValue") is null || parameter.Decorator("maxValue") is null))
                {
                    yield return $"{where} is an int without @allowed or both @minValue and @maxValue";
                }

                if (parameter.Type == "string" && !bounded && parameter.Decorator("minLength") is null && parameter.Decorator("maxLength") is null)
                {
                    yield return $"{where} is a string without @allowed, @minLength or @maxLength";
                }
            }
        }
    }

    private static IEnumerable<string> NamesDeterministic(InfraTemplates t)
    {
        var suffix = t.Main.Variable("suffix")?.Value.Text ?? "";
        if (!suffix.StartsWith("uniqueString(resourceGroup().id, baseName", StringComparison.Ordinal))
        {
            yield return $"main.bicep: var suffix must be uniqueString(resourceGroup().id, baseName), found '{suffix}'";
        }

        var names = t.Main.Variable("names")?.Value;
        if (names is not { IsObject: true } || names.Properties.Count == 0)
        {
            yield return "main.bicep: var names (the derived resource names) is missing";
            yield break;
        }

        foreach (var (name, value) in names.Properties.Where(p => !p.Value.Text.Contains("${suffix}", StringComparison.Ordinal)))
        {
            yield return $"main.bicep: names.{name} = {value} does not include the deterministic suffix";
        }

        (string Module, string Parameter)[] nameParameters =
        [
            ("storage", "accountName"), ("keyVault", "vaultName"), ("functionApp", "appName"), ("functionApp", "planName"),
            ("monitoring", "workspaceName"), ("monitoring", "appInsightsName"),
        ];
        foreach (var (moduleName, parameter) in nameParameters)
        {
            var value = t.Main.Modules.SingleOrDefault(m => m.SymbolicName == moduleName)?.Body.At($"params.{parameter}");
            if (value is null || !value.Text.StartsWith("names.", StringComparison.Ordinal))
            {
                yield return $"main.bicep: module {moduleName} must take {parameter} from the derived names, found '{value}'";
            }
        }

        foreach (var file in t.Templates)
        {
            foreach (var random in new[] { "newGuid(", "utcNow(" }.Where(f => file.Text.WithoutComments.Contains(f, StringComparison.Ordinal)))
            {
                yield return $"{t.Where(file, 1)}: uses {random}), so a redeployment would change it";
            }
        }
    }

    private static IEnumerable<string> ApiVersions(InfraTemplates t)
    {
        foreach (var file in t.Templates)
        {
            foreach (var resource in file.Resources)
            {
                var where = $"{t.Where(file, resource.Line)}: {resource.Type}@{resource.ApiVersion}";
                if (!AzureReference.ApiVersions.TryGetValue(resource.Type, out var versions))
                {
                    yield return $"{where}: the type is not in the reference table";
                }
                else if (!versions.Contains(resource.ApiVersion, StringComparer.Ordinal))
                {
                    yield return $"{where}: API version not in the reference table (allowed: {string.Join(", ", versions)})";
                }

                foreach (var nested in resource.Body.OtherEntries)
                {
                    yield return $"{where}: nested declaration '{nested.Split('\n')[0]}' (declare child resources with parent: so their type and version can be checked)";
                }
            }
        }
    }

    /// <summary>The template file a module, import or using path refers to, relative to the declaring file.</summary>
    private static BicepFile? Target(InfraTemplates t, BicepFile from, string path)
    {
        var full = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(from.Path)!, path));
        return t.Templates.FirstOrDefault(file => Path.GetFullPath(file.Path) == full);
    }

    [GeneratedRegex(@"\b(\w+)\.outputs\.(\w+)")]
    private static partial Regex OutputReference();
}
