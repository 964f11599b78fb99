using System.Runtime.Versioning;
using System.Text.Json;

namespace MedLedger.Infra.Tests.Deployment;

/// <summary>scripts/deploy against a fake Azure CLI: clear failures, the first deployment, and an idempotent rerun.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class DeployScriptTests
{
    [Fact]
    public async Task Deploy_AzureCliMissing_FailsWithAClearMessage()
    {
        using var az = new FakeAzureCli(installAz: false);

        var result = await az.DeployAsync("--resource-group", "rg-medledger");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("the Azure CLI ('az') is not installed", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deploy_NotLoggedIn_FailsBeforeChangingAnything()
    {
        using var az = new FakeAzureCli { LoggedIn = false };

        var result = await az.DeployAsync("--resource-group", "rg-medledger", "--package", az.PackagePath);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("not logged in to Azure: run 'az login'", result.StandardError, StringComparison.Ordinal);
        Assert.Equal(["az account show --query id --output tsv"], az.Calls);
    }

    [Fact]
    public async Task Deploy_WithoutResourceGroup_FailsWithUsage()
    {
        using var az = new FakeAzureCli();

        var result = await az.DeployAsync();

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--resource-group is required", result.StandardError, StringComparison.Ordinal);
        Assert.Empty(az.Calls);
    }

    [Fact]
    public async Task Deploy_FirstRun_DeploysLocksTheRetentionPolicyCreatesThePseudonymSecretAndDeploysThePackage()
    {
        using var az = new FakeAzureCli { ExistingAccount = "", PolicyState = "Unlocked", Secrets = "missing" };

        var result = await az.DeployAsync("--resource-group", "rg-medledger", "--package", az.PackagePath);

        Assert.True(result.ExitCode == 0, result.ToString());
        var calls = az.Calls;
        Assert.Contains(calls, c => c.StartsWith("az deployment group create", StringComparison.Ordinal)
            && c.Contains("main.bicepparam", StringComparison.Ordinal)
            && c.Contains("manageCheckpointRetentionPolicy=true", StringComparison.Ordinal));
        Assert.Contains(calls, c => c.StartsWith("az storage container immutability-policy lock", StringComparison.Ordinal)
            && c.Contains("--account-name stmedledgerabc", StringComparison.Ordinal)
            && c.Contains("--if-match \"0x8DCETAG\"", StringComparison.Ordinal));
        Assert.Contains(calls, c => c.StartsWith("az rest --method put", StringComparison.Ordinal)
            && c.Contains("/vaults/kv-medledger-abc/secrets/ledger-pseudonym-secret?api-version=2026-02-01", StringComparison.Ordinal));
        Assert.Contains(calls, c => c.StartsWith("az functionapp deployment source config-zip", StringComparison.Ordinal)
            && c.Contains($"--src {az.PackagePath}", StringComparison.Ordinal));
        Assert.True(
            calls.ToList().FindIndex(c => c.Contains("immutability-policy lock", StringComparison.Ordinal))
            < calls.ToList().FindIndex(c => c.Contains("config-zip", StringComparison.Ordinal)),
            "the policy is locked before the app that writes checkpoints is deployed");

        using var body = JsonDocument.Parse(az.CreatedSecretBody!);
        var value = Convert.FromBase64String(body.RootElement.GetProperty("properties").GetProperty("value").GetString()!);
        Assert.Equal(32, value.Length);
        Assert.DoesNotContain(body.RootElement.GetProperty("properties").GetProperty("value").GetString()!, result.Output, StringComparison.Ordinal);
        Assert.Contains("checkpoint retention policy: locked", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("pseudonym secret 'ledger-pseudonym-secret': created", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("WARNING: webhook secret 'insurer-northwind-webhook'", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("log public key:     https://func-medledger-abc.azurewebsites.net/api/ledger/public-key", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deploy_Rerun_LeavesTheLockedPolicyAndTheExistingSecretAlone()
    {
        using var az = new FakeAzureCli { ExistingAccount = "stmedledgerabc", PolicyState = "Locked", Secrets = "exist" };

        var result = await az.DeployAsync("--resource-group", "rg-medledger", "--package", az.PackagePath);

        Assert.True(result.ExitCode == 0, result.ToString());
        var calls = az.Calls;
        Assert.Contains(calls, c => c.StartsWith("az deployment group create", StringComparison.Ordinal)
            && c.Contains("manageCheckpointRetentionPolicy=false", StringComparison.Ordinal));
        Assert.DoesNotContain(calls, c => c.Contains("immutability-policy lock", StringComparison.Ordinal));
        Assert.DoesNotContain(calls, c => c.StartsWith("az rest --method put", StringComparison.Ordinal));
        Assert.Null(az.CreatedSecretBody);
        Assert.Contains("pseudonym secret 'ledger-pseudonym-secret': exists, left unchanged", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("checkpoint retention policy: already locked", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deploy_SecretCheckFailsForAnotherReason_StopsWithoutWritingASecret()
    {
        using var az = new FakeAzureCli { Secrets = "forbidden" };

        var result = await az.DeployAsync("--resource-group", "rg-medledger", "--package", az.PackagePath);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("could not check secret 'ledger-pseudonym-secret'", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain(az.Calls, c => c.StartsWith("az rest --method put", StringComparison.Ordinal));
        Assert.DoesNotContain(az.Calls, c => c.Contains("config-zip", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Deploy_WhatIf_ChangesNothing()
    {
        using var az = new FakeAzureCli();

        var result = await az.DeployAsync("--resource-group", "rg-medledger", "--what-if");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(az.Calls, c => c.StartsWith("az deployment group what-if", StringComparison.Ordinal));
        Assert.DoesNotContain(az.Calls, c => c.Contains("group create", StringComparison.Ordinal) || c.Contains("lock", StringComparison.Ordinal));
    }
}
