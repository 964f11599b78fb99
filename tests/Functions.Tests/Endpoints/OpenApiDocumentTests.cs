using System.Net;
using System.Text.Json;
using MedLedger.Functions.Tests.Support;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace MedLedger.Functions.Tests.Endpoints;

/// <summary><c>GET /api/openapi.json</c> describes exactly the /api routes of the app, itself included.</summary>
public sealed class OpenApiDocumentTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Document_ListsEveryApiRouteAndMethod_AndNothingElse()
    {
        var response = await app.Client.GetAsync("/api/openapi.json", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var root = document.RootElement;
        Assert.StartsWith("3.1", root.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        Assert.Equal("MedLedger API", root.GetProperty("info").GetProperty("title").GetString());

        var documented = root.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(operation => $"{operation.Name.ToUpperInvariant()} {path.Name} {operation.Value.GetProperty("operationId").GetString()}"))
            .Order(StringComparer.Ordinal)
            .ToList();
        var routes = app.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api/", StringComparison.Ordinal))
            .SelectMany(e => e.Metadata.GetRequiredMetadata<HttpMethodMetadata>().HttpMethods
                .Select(m => $"{m} {e.RoutePattern.RawText} {e.Metadata.GetRequiredMetadata<IEndpointNameMetadata>().EndpointName}"))
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.Contains("GET /api/openapi.json OpenApi", documented);
        Assert.Contains("GET /api/health Health", documented);
        Assert.Equal(routes, documented);
    }
}
