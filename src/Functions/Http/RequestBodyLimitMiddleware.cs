using MedLedger.Functions.Configuration;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace MedLedger.Functions.Http;

/// <summary>
/// Enforces <see cref="MedLedgerOptions.MaxRequestBodyBytes"/>: a declared <c>Content-Length</c> above the cap is
/// refused with 413 before any byte is read, and the server's own limit is set for bodies of unknown length.
/// </summary>
/// <remarks>Readers of the body (<see cref="StrictJsonReader"/>) count bytes as well, so the cap holds on servers that have no limit feature.</remarks>
internal sealed class RequestBodyLimitMiddleware(RequestDelegate next, IOptions<MedLedgerOptions> options)
{
    public Task InvokeAsync(HttpContext context)
    {
        var limit = options.Value.MaxRequestBodyBytes;
        if (context.Request.ContentLength > limit)
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
