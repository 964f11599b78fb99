using System.Globalization;
using MedLedger.Access.AccessLog;
using MedLedger.Access.Authorization;
using MedLedger.Access.Fhir;
using MedLedger.Functions.Access;
using MedLedger.Functions.Http;
using MedLedger.Functions.Storage;
using MedLedger.Infrastructure.Access;

namespace MedLedger.Functions.Endpoints;

/// <summary>
/// <c>GET /api/patients/{patientId}/access-log</c>: every access to the patient's data, built from the patient's
/// subject index in the ledger, each line with its ledger index and a receipt link; paginated by ledger index
/// (<c>from</c>, <c>limit</c>); <c>format=fhir</c> gives a FHIR R4 Bundle of AuditEvent.
/// </summary>
internal static class AccessLogEndpoints
{
    /// <summary>The page size when none is asked for.</summary>
    public const int DefaultLimit = 100;

    public static RouteGroupBuilder MapAccessLogApi(this RouteGroupBuilder api)
    {
        api.MapGet("patients/{patientId}/access-log", ReadAsync)
            .WithName(HttpFunctionNames.AccessLog)
            .WithTags("Access log")
            .WithSummary("Who accessed the patient's data, from the ledger: each line with its ledger index and receipt (format=fhir: AuditEvent Bundle).")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return api;
    }

    public static async Task<IResult> ReadAsync(string patientId, HttpContext context, AccessGate gate, ILogger<AccessGate> logger)
    {
        var query = context.Request.Query;
        if (!TryReadNumber(query, "from", 0, long.MaxValue, 0, out var from) || !TryReadNumber(query, "limit", 1, AccessLogReader.MaxPageSize, DefaultLimit, out var limit))
        {
            return Problems.Create(
                StatusCodes.Status400BadRequest, ErrorCodes.InvalidParameter,
                $"from must be a ledger index (0 or more) and limit a page size from 1 to {AccessLogReader.MaxPageSize}.");
        }

        var format = query["format"];
        if (format.Count > 1 || (format.Count == 1 && format[0] is not ("json" or "fhir")))
        {
            return Problems.Create(StatusCodes.Status400BadRequest, ErrorCodes.InvalidParameter, "format must be json or fhir.", new Dictionary<string, object?> { [ProblemExtensions.Parameter] = "format" });
        }

        var fhir = format.Count == 1 && format[0] == "fhir";
        try
        {
            var decision = await gate.AuthorizeAsync(context.GetCaller(), AccessOperation.ReadAccessLog, patientId, context.RequestAborted).ConfigureAwait(false);
            if (!decision.IsPermit)
            {
                return AccessProblems.NotFound(context, decision);
            }

            AccessProblems.NameEvent(context, decision);
            var log = decision.Log!;
            var page = await AccessLogReader.ReadPageAsync(log.Log.Store, log.PatientId, log.Subject, from, (int)limit, context.RequestAborted).ConfigureAwait(false);
            context.Response.Headers.CacheControl = "no-store";
            var next = page.NextIndex is { } nextIndex
                ? string.Create(CultureInfo.InvariantCulture, $"/{ApiRoutes.Prefix}/patients/{Uri.EscapeDataString(patientId)}/access-log?from={nextIndex}&limit={limit}{(fhir ? "&format=fhir" : string.Empty)}")
                : null;
            if (next is not null)
            {
                context.Response.Headers.Link = $"<{next}>; rel=\"next\"";
            }

            return fhir
                ? TypedResults.Bytes(AuditEventExporter.ExportBundle(page.Lines), ConsentEndpoints.FhirJson + "; charset=utf-8")
                : TypedResults.Bytes(AccessLogJson.Write(patientId, page.Lines, ReceiptPaths.Of, next), "application/json; charset=utf-8");
        }
        catch (Exception exception) when (DependencyFailure.IsDependencyFailure(exception))
        {
            return ConsentEndpoints.Unavailable(logger, context, exception, "Nothing was released.");
        }
    }

    private static bool TryReadNumber(IQueryCollection query, string name, long min, long max, long fallback, out long value)
    {
        value = fallback;
        var values = query[name];
        if (values.Count == 0)
        {
            return true;
        }

        return values.Count == 1 && values[0] is { Length: > 0 and <= 19 } text && text.All(char.IsAsciiDigit)
            && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;
    }
}
