using MedLedger.Functions.Configuration;
using MedLedger.Infra.Tests.Checks;

namespace MedLedger.Infra.Tests.Templates;

/// <summary>The settings the app reads (SettingNames) are exactly the settings the template writes.</summary>
public sealed class AppSettingsContractTests
{
    private static IReadOnlyList<string> WrittenByTemplate(InfraTemplates templates) =>
        [.. AppSettingsReader.Read(templates).Select(setting => setting.Name)];

    [Fact]
    public void Compare_RepositoryTemplateAndSettingNames_Agree()
    {
        var problems = SettingsContract.Compare(SettingsContract.FromSettingNames(), WrittenByTemplate(InfraTemplates.LoadRepository()));

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Read_RepositoryTemplate_FindsIdentityStorageKeyVaultAndInsurerSettings()
    {
        var written = WrittenByTemplate(InfraTemplates.LoadRepository());

        Assert.Contains("AzureWebJobsStorage__blobServiceUri", written);
        Assert.Contains("AzureWebJobsStorage__queueServiceUri", written);
        Assert.Contains("AzureWebJobsStorage__tableServiceUri", written);
        Assert.Contains("MedLedger__KeyVaultUri", written);
        Assert.Contains("MedLedger__Insurers__{n}__Secret", written);
        Assert.Contains("MedLedger__Insurers__{n}__PreviousSecret", written);
        Assert.DoesNotContain("AzureWebJobsStorage", written);
        Assert.DoesNotContain(SettingsContract.ToAppSetting(SettingNames.LocalKeyDirectory), written);
    }

    [Fact]
    public void Compare_TemplateWithoutASettingTheAppReads_ReportsTheSetting()
    {
        using var copy = BrokenCopy.With(
            "infra/modules/functionapp.bicep", "name: 'MedLedger__SigningKeyName'", "name: 'MedLedger__SigningKey'");

        var problems = SettingsContract.Compare(SettingsContract.FromSettingNames(), WrittenByTemplate(copy.Load()));

        Assert.Contains(problems, p => p.Contains("'MedLedger:SigningKeyName'", StringComparison.Ordinal) && p.Contains("does not write", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'MedLedger__SigningKey'", StringComparison.Ordinal) && p.Contains("never reads", StringComparison.Ordinal));
    }

    [Fact]
    public void Compare_AppReadsASettingTheTemplateLacks_ReportsIt()
    {
        var app = SettingsContract.FromSettingNames();
        var extended = app with { Settings = [.. app.Settings, "MedLedger:NewFeatureFlag"] };

        var problems = SettingsContract.Compare(extended, WrittenByTemplate(InfraTemplates.LoadRepository()));

        var problem = Assert.Single(problems);
        Assert.Contains("'MedLedger__NewFeatureFlag'", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_TemplateWritesASettingNoConstantNames_ReportsIt()
    {
        var written = WrittenByTemplate(InfraTemplates.LoadRepository()).Append("MedLedger__Forgotten").ToList();

        var problems = SettingsContract.Compare(SettingsContract.FromSettingNames(), written);

        var problem = Assert.Single(problems);
        Assert.Contains("'MedLedger__Forgotten'", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_TemplateWritesALocalOnlySetting_ReportsIt()
    {
        var written = WrittenByTemplate(InfraTemplates.LoadRepository()).Append("MedLedger__LocalKeyDirectory").ToList();

        var problems = SettingsContract.Compare(SettingsContract.FromSettingNames(), written);

        Assert.Contains(problems, p => p.Contains("local development", StringComparison.Ordinal));
    }

    [Fact]
    public void Compare_SectionKeyMissing_ReportsIt()
    {
        var written = WrittenByTemplate(InfraTemplates.LoadRepository()).Where(n => n != "MedLedger__Insurers__{n}__Id").ToList();

        var problems = SettingsContract.Compare(SettingsContract.FromSettingNames(), written);

        var problem = Assert.Single(problems);
        Assert.Contains("'MedLedger:Insurers:<n>:Id'", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_NoIdentityStorageSettings_ReportsIt()
    {
        var written = WrittenByTemplate(InfraTemplates.LoadRepository())
            .Where(n => !n.StartsWith("AzureWebJobsStorage__", StringComparison.Ordinal)).ToList();

        var problems = SettingsContract.Compare(SettingsContract.FromSettingNames(), written);

        var problem = Assert.Single(problems);
        Assert.Contains("identity-based", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_UnknownStorageConnectionKey_ReportsIt()
    {
        var written = WrittenByTemplate(InfraTemplates.LoadRepository()).Append("AzureWebJobsStorage__accountKey").ToList();

        var problems = SettingsContract.Compare(SettingsContract.FromSettingNames(), written);

        var problem = Assert.Single(problems);
        Assert.Contains("'AzureWebJobsStorage__accountKey'", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void FromSettingNames_ReadsEveryConstantBySection()
    {
        var app = SettingsContract.FromSettingNames();

        Assert.Contains(SettingNames.KeyVaultUri, app.Settings);
        Assert.DoesNotContain(SettingNames.Insurers, app.Settings);
        Assert.Equal(["Id", "Secret", "PreviousSecret"], app.Sections[SettingNames.Insurers]);
    }
}
