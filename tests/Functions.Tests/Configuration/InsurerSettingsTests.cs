using MedLedger.Access.Webhooks;
using MedLedger.Functions.Configuration;
using MedLedger.Functions.Tests.Support;
using Microsoft.Extensions.Configuration;

namespace MedLedger.Functions.Tests.Configuration;

/// <summary>MedLedger:Insurers:&lt;n&gt;:{Id,Secret,PreviousSecret}: read at startup, every problem named, no value ever shown.</summary>
public sealed class InsurerSettingsTests
{
    private static readonly string Secret = WebhookSecret.Parse("whsec_" + Convert.ToBase64String(Enumerable.Range(0, 32).Select(i => (byte)(i * 7)).ToArray())).Export();

    private static MedLedgerOptions Read(Dictionary<string, string?> settings)
    {
        var options = new MedLedgerOptions();
        new MedLedgerOptionsSetup(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()).Configure(options);
        return options;
    }

    [Fact]
    public void Insurers_WithCurrentAndPreviousSecrets_AreRead()
    {
        var options = Read(TestSettings.Azure()
            .With("MedLedger:Insurers:0:Id", "insurer-x").With("MedLedger:Insurers:0:Secret", Secret)
            .With("MedLedger:Insurers:1:Id", "insurer-y").With("MedLedger:Insurers:1:Secret", Secret).With("MedLedger:Insurers:1:PreviousSecret", Secret));

        Assert.Empty(options.SettingErrors);
        Assert.Equal(["insurer-x", "insurer-y"], options.Insurers.Select(i => i.InsurerId));
        Assert.Null(options.Insurers[0].Previous);
        Assert.NotNull(options.Insurers[1].Previous);
    }

    [Theory]
    [InlineData("insurer x", "whsec_ok", "MedLedger__Insurers__0__Id must be an organization id")]
    [InlineData("insurer-x", null, "MedLedger__Insurers__0__Secret is required")]
    [InlineData("insurer-x", "plain-text-secret", "MedLedger__Insurers__0__Secret is not usable: The webhook secret must start with")]
    [InlineData("insurer-x", "@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/x)", "MedLedger__Insurers__0__Secret is not usable: The webhook secret is an unresolved Key Vault reference.")]
    [InlineData("insurer-x", "whsec_c2hvcnQ=", "MedLedger__Insurers__0__Secret is not usable")]
    public void Insurers_BadEntries_FailValidationNamingTheSettingOnly(string id, string? secret, string expected)
    {
        var settings = TestSettings.Azure().With("MedLedger:Insurers:0:Id", id).With("MedLedger:Insurers:0:Secret", secret == "whsec_ok" ? Secret : secret);

        var result = OptionsValidation.Validate(settings);

        Assert.True(result.Failed);
        var failure = Assert.Single(result.Failures!);
        Assert.StartsWith(expected, failure, StringComparison.Ordinal);
        if (secret is not null && secret != "whsec_ok")
        {
            Assert.DoesNotContain(secret, failure, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Insurers_SameIdTwice_FailsValidation()
    {
        var settings = TestSettings.Azure()
            .With("MedLedger:Insurers:0:Id", "insurer-x").With("MedLedger:Insurers:0:Secret", Secret)
            .With("MedLedger:Insurers:1:Id", "insurer-x").With("MedLedger:Insurers:1:Secret", Secret);

        Assert.Contains("MedLedger__Insurers__1__Id names an insurer listed before.", OptionsValidation.Validate(settings).Failures!);
    }

    [Fact]
    public void Insurers_TheSampleSecret_IsRefusedOutsideDevelopmentMode()
    {
        var sample = "whsec_" + Convert.ToBase64String("dev-only-insurer-x-webhook-secret-123"u8.ToArray());
        var azure = TestSettings.Azure().With("MedLedger:Insurers:0:Id", "insurer-x").With("MedLedger:Insurers:0:Secret", sample);
        var development = TestSettings.Development().With("MedLedger:Insurers:0:Id", "insurer-x").With("MedLedger:Insurers:0:Secret", sample);

        Assert.StartsWith("MedLedger__Insurers__0__Secret is contradictory", Assert.Single(OptionsValidation.Validate(azure).Failures!), StringComparison.Ordinal);
        Assert.True(OptionsValidation.Validate(development).Succeeded);
    }
}
