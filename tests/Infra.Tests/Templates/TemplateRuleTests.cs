using MedLedger.Infra.Tests.Checks;

namespace MedLedger.Infra.Tests.Templates;

/// <summary>Every rule holds for the templates in infra/ (see BrokenTemplateTests for proof that each can fail).</summary>
public sealed class TemplateRuleTests
{
    private static readonly Lazy<InfraTemplates> Repository = new(InfraTemplates.LoadRepository);

    public static TheoryData<string> RuleIds => [.. InfraRules.All.Select(rule => rule.Id)];

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Rule_RepositoryTemplates_HasNoFindings(string ruleId)
    {
        var findings = InfraRules.Get(ruleId).Run(Repository.Value);

        Assert.True(findings.Count == 0, $"{ruleId}: {InfraRules.Get(ruleId).Summary}\n{string.Join("\n", findings)}");
    }

    [Fact]
    public void Load_RepositoryTemplates_ReadsEveryModuleAndParameterFile()
    {
        var templates = Repository.Value;

        Assert.Equal(
            ["functionapp", "keyvault", "monitoring", "rbac", "storage", "types"],
            templates.Modules.Select(m => Path.GetFileNameWithoutExtension(m.Path)));
        Assert.Equal(["functionApp", "keyVault", "monitoring", "rbac", "storage"], templates.Main.Modules.Select(m => m.SymbolicName).Order(StringComparer.Ordinal));
        Assert.Equal(2, templates.ParameterFiles.Count);
        Assert.Equal(7, templates.Module("rbac").Resources.Count(r => r.Type == "Microsoft.Authorization/roleAssignments"));
    }
}
