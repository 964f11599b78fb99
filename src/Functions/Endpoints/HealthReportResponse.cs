namespace MedLedger.Functions.Endpoints;

/// <summary>The body of <c>GET /api/health</c>.</summary>
/// <param name="Status"><c>healthy</c> or <c>degraded</c>.</param>
/// <param name="Version">The build's informational version.</param>
public sealed record HealthReportResponse(string Status, string Version);
