using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace MedLedger.Functions.Http;

/// <summary>Builds the problem responses (RFC 9457) of the API, each with a stable <see cref="ErrorCodes">code</see>.</summary>
internal static class Problems
{
    /// <summary>Creates a problem result with <paramref name="code"/> and a client-safe <paramref name="detail"/>.</summary>
    public static ProblemHttpResult Create(int statusCode, string code, string? detail = null, IReadOnlyDictionary<string, object?>? extensions = null)
    {
        var problem = new ProblemDetails { Status = statusCode, Detail = detail };
        problem.Extensions[ProblemExtensions.Code] = code;
        foreach (var (name, value) in extensions ?? new Dictionary<string, object?>())
        {
            problem.Extensions[name] = value;
        }

        return TypedResults.Problem(problem);
    }

    /// <summary>Writes a problem directly to <paramref name="context"/>'s response (for middleware).</summary>
    public static Task WriteAsync(HttpContext context, int statusCode, string code, string? detail = null)
    {
        context.Response.StatusCode = statusCode;
        return Create(statusCode, code, detail).ExecuteAsync(context);
    }
}
