using MedLedger.Functions.Configuration;
using MedLedger.Functions.CustomHandler;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace MedLedger.Functions.Http;

/// <summary>
/// Enforces <see cref="MedLedgerOptions.MaxRequestBodyBytes"/>: a declared <c>Content-Length</c> above the cap is
/// refused with 413 before any byte is read, and the server's own limit is set for bodies of unknown length.
/// </summary>
/// <remarks>
/// Readers of the body (<see cref="StrictJsonReader"/>, <see cref="BoundedBody"/>) count bytes as well, so the cap
/// holds on servers that have no limit feature. Trigger-function routes answer an oversized invocation themselves,
/// in the host's response shape rather than as a problem.
/// </remarks>
internal sealed class RequestBodyLimitMiddleware(RequestDelegate next, IOptions<MedLedgerOptions> options)
{
    public Task InvokeAsync(HttpContext context)
    {
        var limit = options.Value.MaxRequestBodyBytes;
        var triggerRoute = context.GetEndpoint()?.Metadata.GetMetadata<TriggerFunction>() is not null;
        if (context.Request.ContentLength > limit && !triggerRoute)
        {
            return Problems.WriteAsync(
                context,
                StatusCodes.Status413PayloadTooLarge,
                ErrorCodes.BodyTooLarge,
                $"The request body is larger than {limit} bytes.");
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit;
        }

        return next(context);
    }
}
