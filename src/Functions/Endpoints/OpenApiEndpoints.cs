using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace MedLedger.Functions.Endpoints;

/// <summary><c>GET /api/openapi.json</c>: the OpenAPI description generated from the endpoints' metadata.</summary>
internal static class OpenApiEndpoints
{
    /// <summary>The document name registered with <c>AddOpenApi</c>.</summary>
    public const string DocumentName = "v1";

    /// <summary>Registers the document generator with the API's title and version.</summary>
    public static IServiceCollection AddApiDescription(this IServiceCollection services) =>
        services.AddOpenApi(DocumentName, options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "MedLedger API",
                Version = HealthEndpoints.Version,
                Description = "Tamper-evident medical records: intake, reads and verifiable ledger proofs.",
            };
            return Task.CompletedTask;
        }));

    public static RouteGroupBuilder MapOpenApiDocument(this RouteGroupBuilder api)
    {
        api.MapGet("openapi.json", GetDocument)
            .WithName(HttpFunctionNames.OpenApi)
            .WithSummary("The OpenAPI description of this API.")
            .WithTags("Service")
            .Produces(StatusCodes.Status200OK, contentType: "application/json");
        return api;
    }

    /// <summary>Writes the document; the endpoint describes itself too, so the document lists every /api route.</summary>
    public static async Task GetDocument(HttpContext context, [FromKeyedServices(DocumentName)] IOpenApiDocumentProvider provider)
    {
        var document = await provider.GetOpenApiDocumentAsync(context.RequestAborted).ConfigureAwait(false);
        context.Response.ContentType = "application/json; charset=utf-8";
        // The serializer writes synchronously; buffer it rather than allow synchronous I/O on the response.
        using var buffer = new MemoryStream();
        await document.SerializeAsJsonAsync(buffer, OpenApiSpecVersion.OpenApi3_1, context.RequestAborted).ConfigureAwait(false);
        context.Response.ContentLength = buffer.Length;
        await context.Response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), context.RequestAborted).ConfigureAwait(false);
    }
}
