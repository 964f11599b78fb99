using System.Text.Json;
using MedLedger.Functions.Configuration;
using MedLedger.Functions.Tests.Support;

namespace MedLedger.Functions.Tests.Layout;

/// <summary>local.settings.sample.json: the shape <c>func</c> reads, and a configuration the app accepts in development mode.</summary>
public sealed class LocalSettingsSampleTests
{
    private static readonly string SamplePath = RepositoryRoot.Combine("local.settings.sample.json");

    [Fact]
    public void Sample_HasTheFunctionsShapeAndDevelopmentValues()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(SamplePath));
        var root = document.RootElement;
        Assert.False(root.GetProperty("IsEncrypted").GetBoolean());
        var values = root.GetProperty("Values");
        Assert.Equal("custom", values.GetProperty("FUNCTIONS_WORKER_RUNTIME").GetString());
        Assert.Equal("UseDevelopmentStorage=true", values.GetProperty("AzureWebJobsStorage").GetString());
        Assert.Equal("true", values.GetProperty("MedLedger__DevelopmentMode").GetString());
        Assert.StartsWith("dev-only-", values.GetProperty("MedLedger__PseudonymSecret").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Sample_Values_PassValidation()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(SamplePath));
        var settings = document.RootElement.GetProperty("Values").EnumerateObject()
            .ToDictionary(p => p.Name.Replace("__", ":", StringComparison.Ordinal), p => (string?)p.Value.GetString());
        var result = OptionsValidation.Validate(settings);
        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Sample_Values_OutsideDevelopmentMode_AreRefused()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(SamplePath));
        var settings = document.RootElement.GetProperty("Values").EnumerateObject()
            .ToDictionary(p => p.Name.Replace("__", ":", StringComparison.Ordinal), p => (string?)p.Value.GetString());
        settings[SettingNames.DevelopmentMode] = "false";
        var result = OptionsValidation.Validate(settings);
        Assert.True(result.Failed);
        Assert.Contains("MedLedger__PseudonymSecret is contradictory", result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("dev-only-pseudonym", result.FailureMessage, StringComparison.Ordinal);
    }
}
