using System.Net;
using MedLedger.Functions.Http;
using MedLedger.Functions.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MedLedger.Functions.Tests.Http;

/// <summary>An exception inside an endpoint: generic 500 problem, correlation id in response and log, nothing from the exception anywhere.</summary>
public sealed class UnhandledExceptionTests
{
    private const string Canary = "PHI-CANARY patient 1234567890 secret=hunter2";

    [Fact]
    public async Task ThrowingEndpoint_Is500ProblemWithoutExceptionText()
    {
        await using var factory = new FunctionsAppFactory(
            TestSettings.Azure(),
            services => services.AddSingleton<HealthCheckService>(new ThrowingHealthCheckService(new InvalidOperationException(Canary))));
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/api/health", TestContext.Current.CancellationToken);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.InternalServerError, ErrorCodes.InternalError);
        Assert.DoesNotContain("CANARY", problem.GetRawText(), StringComparison.Ordinal);
        var correlationId = problem.GetProperty("correlationId").GetString()!;
        var logged = Assert.Single(factory.Logs.Lines, line => line.Contains("Unhandled exception", StringComparison.Ordinal));
        Assert.Contains(correlationId, logged, StringComparison.Ordinal);
        Assert.Contains("System.InvalidOperationException", logged, StringComparison.Ordinal);
        Assert.DoesNotContain("CANARY", factory.Logs.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", factory.Logs.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", factory.Logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExceptionWithInnerException_LogsOnlyTypesAndThrowSites()
    {
        var inner = CatchThrown(() => throw new FormatException(Canary));
        await using var factory = new FunctionsAppFactory(
            TestSettings.Azure(),
            services => services.AddSingleton<HealthCheckService>(new ThrowingHealthCheckService(new InvalidOperationException(Canary, inner))));
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/api/health", TestContext.Current.CancellationToken);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.InternalServerError, ErrorCodes.InternalError);
        var logged = Assert.Single(factory.Logs.Lines, line => line.Contains("Unhandled exception", StringComparison.Ordinal));
        Assert.Contains("System.InvalidOperationException", logged, StringComparison.Ordinal);
        Assert.Contains("<- System.FormatException at " + typeof(UnhandledExceptionTests).FullName, logged, StringComparison.Ordinal);
        Assert.DoesNotContain("CANARY", factory.Logs.AllText, StringComparison.Ordinal);
    }

    private static Exception CatchThrown(Action action)
    {
        try
        {
            action();
        }
        catch (Exception exception)
        {
            return exception;
        }

        throw new InvalidOperationException("nothing thrown");
    }

    private sealed class ThrowingHealthCheckService(Exception exception) : HealthCheckService
    {
        public override Task<HealthReport> CheckHealthAsync(Func<HealthCheckRegistration, bool>? predicate, CancellationToken cancellationToken = default) =>
            throw exception;
    }
}
