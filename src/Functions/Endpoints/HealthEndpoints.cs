using System.Reflection;
using MedLedger.Functions.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MedLedger.Functions.Endpoints;

/// <summary><c>GET /api/health</c>: liveness plus the registered dependency checks.</summary>
internal static class HealthEndpoints
{
    /// <summary>Gets the build's informational version (for example <c>1.0.0+abc123</c>).</summary>
    public static string Version { get; } =
        typeof(HealthEndpoints).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    public static RouteGroupBuilder MapHealthApi(this RouteGroupBuilder api)
    {
        api.MapGet("health", GetHealth)
            .WithName(HttpFunctionNames.Health)
            .WithSummary("Reports whether the service and its dependencies are usable.")
            .WithTags("Service")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return api;
    }

    /// <summary>200 with the status and version while healthy or degraded; 503 problem while unhealthy.</summary>
    public static async Task<Results<Ok<HealthReportResponse>, ProblemHttpResult>> GetHealth(
        HealthCheckService health, CancellationToken cancellationToken)
    {
        var report = await health.CheckHealthAsync(cancellationToken).ConfigureAwait(false);
        if (report.Status == HealthStatus.Unhealthy)
        {
            return Problems.Create(
                StatusCodes.Status503ServiceUnavailable,
                ErrorCodes.ServiceUnavailable,
                "A dependency of the service is unavailable.");
        }

        var status = report.Status == HealthStatus.Healthy ? "healthy" : "degraded";
        return TypedResults.Ok(new HealthReportResponse(status, Version));
    }
}
