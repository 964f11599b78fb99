using System.Net;
using System.Text.Json;
using MedLedger.Functions.Http;
using MedLedger.Functions.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MedLedger.Functions.Tests.Endpoints;

public sealed class HealthEndpointTests
{
    [Fact]
    public async Task Health_NoFailingCheck_Is200WithStatusAndVersion()
    {
        await using var factory = new FunctionsAppFactory();
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/api/health", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("healthy", body.RootElement.GetProperty("status").GetString());
        Assert.False(string.IsNullOrWhiteSpace(body.RootElement.GetProperty("version").GetString()));
    }

    [Fact]
    public async Task Health_DegradedCheck_Is200Degraded()
    {
        await using var factory = new FunctionsAppFactory(
            TestSettings.Azure(),
            services => services.AddHealthChecks().AddCheck("slow", () => HealthCheckResult.Degraded("slow")));
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/api/health", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("degraded", body.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Health_UnhealthyCheck_Is503ProblemWithoutTheCheckDetails()
    {
        await using var factory = new FunctionsAppFactory(
            TestSettings.Azure(),
            services => services.AddHealthChecks().AddCheck("table", () => HealthCheckResult.Unhealthy("account key rejected")));
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/api/health", TestContext.Current.CancellationToken);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.ServiceUnavailable, ErrorCodes.ServiceUnavailable);
        Assert.DoesNotContain("account key", problem.GetRawText(), StringComparison.Ordinal);
    }
}
