using MedLedger.Functions.Hosting;
using MedLedger.Functions.Tests.Support;
using MedLedger.Testing.Azurite;
using Microsoft.Extensions.Options;

namespace MedLedger.Functions.Tests.Hosting;

/// <summary>Start-up: a bad configuration stops the app with one line naming the setting; a good one listens where the host says.</summary>
public sealed class StartupTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan ProcessLimit = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Process_MissingSetting_ExitsWithOneLineNamingIt()
    {
        var environment = AppProcess.Environment(TestSettings.Azure().With("MedLedger:LogOrigin", null));
        await using var app = AppProcess.Start(environment);

        var (exitCode, output, error) = await app.WaitForExitAsync(ProcessLimit);

        Assert.Equal(StartupValidation.ConfigurationErrorExitCode, exitCode);
        Assert.Equal(string.Empty, output);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("MedLedger cannot start: configuration error: MedLedger__LogOrigin is missing", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Process_ContradictorySettings_ExitsWithOneLineAndNoSecret()
    {
        var environment = AppProcess.Environment(TestSettings.Azure().With("MedLedger:PseudonymSecret", TestSettings.DevelopmentSecret));
        await using var app = AppProcess.Start(environment);

        var (exitCode, _, error) = await app.WaitForExitAsync(ProcessLimit);

        Assert.Equal(StartupValidation.ConfigurationErrorExitCode, exitCode);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("MedLedger__PseudonymSecret is contradictory", line, StringComparison.Ordinal);
        Assert.DoesNotContain(TestSettings.DevelopmentSecret, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Process_MalformedPort_ExitsWithOneLineNamingIt()
    {
        var environment = AppProcess.Environment(TestSettings.Azure());
        environment["FUNCTIONS_CUSTOMHANDLER_PORT"] = "70000";
        await using var app = AppProcess.Start(environment);

        var (exitCode, _, error) = await app.WaitForExitAsync(ProcessLimit);

        Assert.Equal(StartupValidation.ConfigurationErrorExitCode, exitCode);
        Assert.Equal(
            "MedLedger cannot start: configuration error: FUNCTIONS_CUSTOMHANDLER_PORT must be a TCP port number between 1 and 65535.",
            Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
    }

    [Fact]
    public async Task Process_UnderFunctionsHost_AnswersTheReadinessProbeOnTheAssignedLoopbackPort()
    {
        var port = AppProcess.FreePort();
        // Real dependencies (Azurite, local keys), so the health endpoint can answer healthy.
        var environment = AppProcess.Environment(TestSettings.Development()
            .With("AzureWebJobsStorage", azurite.ConnectionString)
            .With("MedLedger:LocalKeyDirectory", Path.Combine(Path.GetTempPath(), $"medledger-startup-test-{Guid.NewGuid():N}", "keys")));
        environment["FUNCTIONS_CUSTOMHANDLER_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using var app = AppProcess.Start(environment);
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        // The host's own readiness loop: any HTTP answer means started; connection errors mean not yet.
        HttpResponseMessage? response = null;
        var deadline = DateTimeOffset.UtcNow + ProcessLimit;
        while (response is null && DateTimeOffset.UtcNow < deadline)
        {
            try
            {
                response = await client.GetAsync("/", TestContext.Current.CancellationToken);
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100, TestContext.Current.CancellationToken);
            }
        }

        Assert.NotNull(response);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Server"));
        var health = await client.GetAsync("/api/health", TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public void Factory_MissingSetting_StopsTheEntryPointWithTheLine()
    {
        // The factory runs Program's own entry point, so the check and its one line are the ones a real start uses.
        using var factory = new FunctionsAppFactory(TestSettings.Azure().With("MedLedger:PseudonymSecret", null));

        Assert.ThrowsAny<InvalidOperationException>(() => factory.CreateClient());

        var output = TestContext.Current.TestOutputHelper!.Output;
        Assert.Contains("MedLedger cannot start: configuration error: MedLedger__PseudonymSecret is missing", output, StringComparison.Ordinal);
    }

    [Fact]
    public void ConfigurationErrorLine_SeveralFailures_IsOneLine()
    {
        var exception = new AggregateException(
            new OptionsValidationException("a", typeof(object), ["first\nproblem", "second"]),
            new OptionsValidationException("b", typeof(object), ["third"]));

        Assert.Equal("MedLedger cannot start: configuration error: first problem; second; third", StartupValidation.ConfigurationErrorLine(exception));
    }

    [Fact]
    public void ConfigurationErrorLine_OtherException_IsNotAConfigurationError()
    {
        Assert.Null(StartupValidation.ConfigurationErrorLine(new InvalidOperationException("x")));
    }
}
