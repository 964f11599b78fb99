namespace MedLedger.Functions.Endpoints;

/// <summary>The route prefix of the HTTP API.</summary>
/// <remarks>
/// It equals host.json's <c>extensions.http.routePrefix</c>: with request forwarding the Functions host sends the
/// original path, prefix included, so the app and the host must agree on it (azure-protocols.md §1.9).
/// </remarks>
internal static class ApiRoutes
{
    /// <summary>The prefix of every API route, without slashes.</summary>
    public const string Prefix = "api";

    /// <summary>Maps the group all API routes live in.</summary>
    public static RouteGroupBuilder MapApiGroup(this IEndpointRouteBuilder endpoints) => endpoints.MapGroup("/" + Prefix);
}
