using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace MedLedger.Functions.Http;

/// <summary>
/// Writes every problem as <c>application/problem+json</c>, whatever the request's <c>Accept</c> header says, and
/// completes it with a title, an RFC 9110 type link, the stable <c>code</c> and the correlation id.
/// </summary>
/// <remarks>
/// The framework's default writer stays silent when <c>Accept</c> excludes JSON, which would leave an error with an
/// empty body; an API that promises problem+json for every 4xx/5xx must not depend on the client's header.
/// </remarks>
internal sealed class ProblemJsonWriter : IProblemDetailsWriter
{
    /// <summary>The media type of problem responses (RFC 9457 §3).</summary>
    public const string ContentType = "application/problem+json";

    private static readonly JsonSerializerOptions SerializerOptions = new(JsonSerializerDefaults.Web);

    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var httpContext = context.HttpContext;
        var problem = context.ProblemDetails;
        Complete(problem, httpContext);
        httpContext.Response.StatusCode = problem.Status!.Value;
        return new ValueTask(httpContext.Response.WriteAsJsonAsync(problem, SerializerOptions, ContentType, httpContext.RequestAborted));
    }

    /// <summary>Fills the members a producer left empty; never overwrites what it set.</summary>
    internal static void Complete(ProblemDetails problem, HttpContext httpContext)
    {
        var status = problem.Status ?? httpContext.Response.StatusCode;
        if (status < 400)
        {
            status = StatusCodes.Status500InternalServerError;
        }

        problem.Status = status;
        problem.Title ??= ReasonPhrases.GetReasonPhrase(status);
        problem.Type ??= TypeFor(status);
        problem.Extensions.TryAdd(ProblemExtensions.Code, ErrorCodes.ForStatus(status));
        problem.Extensions[ProblemExtensions.CorrelationId] = httpContext.TraceIdentifier;
        // The framework may add a W3C trace id; one correlation id is enough and is what the logs carry.
        problem.Extensions.Remove("traceId");
    }

    // RFC 9110 §15 sections, the same references ASP.NET Core uses for its own problem types.
    private static string TypeFor(int status) => status switch
    {
        400 => "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        401 => "https://tools.ietf.org/html/rfc9110#section-15.5.2",
        403 => "https://tools.ietf.org/html/rfc9110#section-15.5.4",
        404 => "https://tools.ietf.org/html/rfc9110#section-15.5.5",
        405 => "https://tools.ietf.org/html/rfc9110#section-15.5.6",
        406 => "https://tools.ietf.org/html/rfc9110#section-15.5.7",
        408 => "https://tools.ietf.org/html/rfc9110#section-15.5.9",
        409 => "https://tools.ietf.org/html/rfc9110#section-15.5.10",
        412 => "https://tools.ietf.org/html/rfc9110#section-15.5.13",
        413 => "https://tools.ietf.org/html/rfc9110#section-15.5.14",
        415 => "https://tools.ietf.org/html/rfc9110#section-15.5.16",
        422 => "https://tools.ietf.org/html/rfc9110#section-15.5.21",
        500 => "https://tools.ietf.org/html/rfc9110#section-15.6.1",
        501 => "https://tools.ietf.org/html/rfc9110#section-15.6.2",
        503 => "https://tools.ietf.org/html/rfc9110#section-15.6.4",
        _ => "about:blank",
    };
}
