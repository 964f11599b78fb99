using MedLedger.Functions.Configuration;
using MedLedger.Functions.Tests.Support;
using Microsoft.Extensions.Configuration;

namespace MedLedger.Functions.Tests.Configuration;

public sealed class MedLedgerOptionsValidatorTests
{
    [Fact]
    public void Validate_AzureSettings_Succeeds()
    {
        var result = OptionsValidation.Validate(TestSettings.Azure());
        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Validate_DevelopmentSettings_Succeeds()
    {
        var result = OptionsValidation.Validate(TestSettings.Development());
        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Theory]
    [InlineData("MedLedger:LogOrigin", "MedLedger__LogOrigin is missing")]
    [InlineData("MedLedger:PseudonymSecret", "MedLedger__PseudonymSecret is missing")]
    [InlineData("MedLedger:KeyVaultUri", "MedLedger__KeyVaultUri is missing")]
    [InlineData("MedLedger:WrappingKeyName", "MedLedger__WrappingKeyName is missing")]
    [InlineData("MedLedger:SigningKeyName", "MedLedger__SigningKeyName is missing")]
    [InlineData("AzureWebJobsStorage:accountName", "AzureWebJobsStorage is missing")]
    public void Validate_MissingSetting_FailsNamingIt(string key, string expected)
    {
        var result = OptionsValidation.Validate(TestSettings.Azure().With(key, null));
        Assert.Equal([expected], result.Failures!.Select(f => f[..expected.Length]));
    }

    [Fact]
    public void Validate_BlankSetting_CountsAsMissing()
    {
        var result = OptionsValidation.Validate(TestSettings.Azure().With(SettingNames.LogOrigin, "   "));
        Assert.StartsWith("MedLedger__LogOrigin is missing", Assert.Single(result.Failures!), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_DevelopmentWithoutKeySource_AsksForTheLocalKeyDirectory()
    {
        var result = OptionsValidation.Validate(TestSettings.Development().With(SettingNames.LocalKeyDirectory, null));
        Assert.StartsWith("MedLedger__LocalKeyDirectory is missing", Assert.Single(result.Failures!), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_KeyVaultAndLocalKeys_AreContradictory()
    {
        var result = OptionsValidation.Validate(TestSettings.Development().With(SettingNames.KeyVaultUri, "https://kv.vault.azure.net/"));
        Assert.StartsWith("MedLedger__KeyVaultUri and MedLedger__LocalKeyDirectory are contradictory", Assert.Single(result.Failures!), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_LocalKeysOutsideDevelopmentMode_AreContradictory()
    {
        var settings = TestSettings.Azure().With(SettingNames.KeyVaultUri, null).With(SettingNames.LocalKeyDirectory, "/keys");
        var result = OptionsValidation.Validate(settings);
        Assert.StartsWith("MedLedger__LocalKeyDirectory is contradictory", Assert.Single(result.Failures!), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ConnectionStringAndIdentitySettings_AreContradictory()
    {
        var result = OptionsValidation.Validate(TestSettings.Azure().With("AzureWebJobsStorage", "DefaultEndpointsProtocol=https;AccountName=a;AccountKey=c2VjcmV0"));
        var failure = Assert.Single(result.Failures!);
        Assert.StartsWith("AzureWebJobsStorage is contradictory", failure, StringComparison.Ordinal);
        Assert.DoesNotContain("c2VjcmV0", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_EmulatorOutsideDevelopmentMode_IsContradictory()
    {
        var settings = TestSettings.Azure().With("AzureWebJobsStorage:accountName", null).With("AzureWebJobsStorage", "UseDevelopmentStorage=true");
        var result = OptionsValidation.Validate(settings);
        Assert.StartsWith("AzureWebJobsStorage is contradictory: it names the local storage emulator", Assert.Single(result.Failures!), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_PartialServiceUris_AreIncomplete()
    {
        var settings = TestSettings.Azure().With("AzureWebJobsStorage:accountName", null)
            .With("AzureWebJobsStorage:blobServiceUri", "https://a.blob.core.windows.net")
            .With("AzureWebJobsStorage:queueServiceUri", "https://a.queue.core.windows.net");
        var result = OptionsValidation.Validate(settings);
        Assert.StartsWith("AzureWebJobsStorage is incomplete", Assert.Single(result.Failures!), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_AllServiceUris_Succeed()
    {
        var settings = TestSettings.Azure().With("AzureWebJobsStorage:accountName", null)
            .With("AzureWebJobsStorage:blobServiceUri", "https://a.blob.core.windows.net")
            .With("AzureWebJobsStorage:queueServiceUri", "https://a.queue.core.windows.net")
            .With("AzureWebJobsStorage:tableServiceUri", "https://a.table.core.windows.net");
        Assert.True(OptionsValidation.Validate(settings).Succeeded);
    }

    [Fact]
    public void Validate_DevelopmentSecretOutsideDevelopmentMode_IsContradictory()
    {
        var result = OptionsValidation.Validate(TestSettings.Azure().With(SettingNames.PseudonymSecret, TestSettings.DevelopmentSecret));
        var failure = Assert.Single(result.Failures!);
        Assert.StartsWith("MedLedger__PseudonymSecret is contradictory", failure, StringComparison.Ordinal);
        Assert.DoesNotContain(TestSettings.DevelopmentSecret, failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ShortSecret_FailsWithoutQuotingIt()
    {
        var result = OptionsValidation.Validate(TestSettings.Azure().With(SettingNames.PseudonymSecret, "short-secret-xyz"));
        var failure = Assert.Single(result.Failures!);
        Assert.StartsWith("MedLedger__PseudonymSecret is too short", failure, StringComparison.Ordinal);
        Assert.DoesNotContain("short-secret-xyz", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("has space/ledger")]
    [InlineData("line\nbreak")]
    [InlineData("plus+sign")]
    public void Validate_OriginThatCannotBeANoteLine_Fails(string origin)
    {
        var result = OptionsValidation.Validate(TestSettings.Azure().With(SettingNames.LogOrigin, origin));
        Assert.StartsWith("MedLedger__LogOrigin must contain no spaces", Assert.Single(result.Failures!), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("MedLedger:DevelopmentMode", "yes", "MedLedger__DevelopmentMode must be true or false.")]
    [InlineData("MedLedger:MaxRequestBodyBytes", "10MB", "MedLedger__MaxRequestBodyBytes must be a whole number of bytes.")]
    [InlineData("MedLedger:MaxRequestBodyBytes", "100", "MedLedger__MaxRequestBodyBytes must be between 1024 and 104857600 bytes.")]
    [InlineData("MedLedger:CheckpointInterval", "5s", "MedLedger__CheckpointInterval must be a duration in the form hh:mm:ss (for example 00:00:05).")]
    [InlineData("MedLedger:CheckpointInterval", "00:00:00.5", "MedLedger__CheckpointInterval must be between 00:00:01 and 01:00:00.")]
    [InlineData("MedLedger:KeyVaultUri", "not a uri", "MedLedger__KeyVaultUri must be an absolute URI.")]
    [InlineData("MedLedger:KeyVaultUri", "http://kv.vault.azure.net/", "MedLedger__KeyVaultUri must use https.")]
    [InlineData("MedLedger:LogCount", "two", "MedLedger__LogCount must be a whole number.")]
    [InlineData("MedLedger:LogCount", "0", "MedLedger__LogCount must be between 1 and 64.")]
    [InlineData("MedLedger:LogCount", "65", "MedLedger__LogCount must be between 1 and 64.")]
    [InlineData("MedLedger:LogOrigin", "ledger.example.org/~ledger", "MedLedger__LogOrigin must be 1 to 120 characters from A-Z a-z 0-9 . _ - : / starting with a letter or digit.")]
    [InlineData("MedLedger:LogOrigin", "/ledger", "MedLedger__LogOrigin must be 1 to 120 characters from A-Z a-z 0-9 . _ - : / starting with a letter or digit.")]
    public void Validate_UnparsableOrOutOfRangeValue_FailsNamingTheSetting(string key, string value, string expected)
    {
        var result = OptionsValidation.Validate(TestSettings.Azure().With(key, value));
        Assert.Contains(expected, result.Failures!);
    }

    [Fact]
    public void Setup_OptionalSettings_HaveTheirDefaults()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(TestSettings.Azure()).Build();
        var options = new MedLedgerOptions();
        new MedLedgerOptionsSetup(configuration).Configure(options);
        Assert.Equal(10 * 1024 * 1024, options.MaxRequestBodyBytes);
        Assert.Equal(TimeSpan.FromSeconds(5), options.CheckpointInterval);
        Assert.False(options.DevelopmentMode);
    }

    [Fact]
    public void Validate_UnresolvedKeyVaultReference_FailsNamingTheSettingNotTheReference()
    {
        const string Reference = "@Microsoft.KeyVault(SecretUri=https://medledger-test.vault.azure.net/secrets/ledger-pseudonym-secret/)";

        var result = OptionsValidation.Validate(TestSettings.Azure().With(SettingNames.PseudonymSecret, Reference));

        var failure = Assert.Single(result.Failures!);
        Assert.StartsWith("MedLedger__PseudonymSecret is an unresolved Key Vault reference", failure, StringComparison.Ordinal);
        Assert.DoesNotContain("ledger-pseudonym-secret", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("DefaultEndpointsProtocol=http;AccountName=a;AccountKey=not-base64!")]
    [InlineData("AccountName=a;Secret=xyz")]
    public void Validate_MalformedConnectionString_FailsWithoutQuotingIt(string connection)
    {
        var result = OptionsValidation.Validate(TestSettings.Development().With(SettingNames.Storage, connection));

        var failure = Assert.Single(result.Failures!);
        Assert.StartsWith("AzureWebJobsStorage is not a valid connection string", failure, StringComparison.Ordinal);
        Assert.DoesNotContain("not-base64!", failure, StringComparison.Ordinal);
        Assert.DoesNotContain("xyz", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_LongestOriginWithTheMostLogs_Succeeds()
    {
        var result = OptionsValidation.Validate(TestSettings.Azure()
            .With(SettingNames.LogOrigin, new string('a', 120))
            .With(SettingNames.LogCount, "64"));

        Assert.True(result.Succeeded, result.FailureMessage);
    }
}
