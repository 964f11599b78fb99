using MedLedger.Access.Authorization;
using MedLedger.Access.Consent;
using MedLedger.Functions.Access;
using MedLedger.Functions.Configuration;
using MedLedger.Functions.Http;
using MedLedger.Functions.Records;
using MedLedger.Functions.Storage;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace MedLedger.Functions.Endpoints;

/// <summary><c>POST /api/records</c>, <c>GET /api/patients/{patientId}/records/{recordId}</c> and its short form <c>GET /api/records/{recordId}</c>.</summary>
internal static partial class RecordEndpoints
{
    /// <summary>The request header stating the purpose of use (HL7 v3 PurposeOfUse code); the caller's default when absent.</summary>
    public const string PurposeHeader = "X-MedLedger-Purpose";

    /// <summary>The request header stating why break-glass (purpose <c>ETREAT</c>) is invoked; it opens a session of at most an hour.</summary>
    public const string BreakGlassReasonHeader = "X-MedLedger-Break-Glass-Reason";

    /// <summary>The longest break-glass reason accepted, in characters.</summary>
    public const int MaxBreakGlassReasonLength = 500;

    public static RouteGroupBuilder MapRecordApi(this RouteGroupBuilder api)
    {
        api.MapPost("records", CreateRecordAsync)
            .WithName(HttpFunctionNames.CreateRecord)
            .WithTags("Records")
            .WithSummary("Submits a record in the name of the caller's clinic: encrypts and stores it, then queues its ledger event.")
            .Accepts<CreateRecordRequest>("application/json")
            .Produces<RecordAcceptedResponse>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        DescribeRead(api.MapGet("patients/{patientId}/records/{recordId}", ReadRecordAsync))
            .WithName(HttpFunctionNames.ReadRecord)
            .WithSummary("Reads a record once the consent policy permits it and the decision is in the ledger (purpose: X-MedLedger-Purpose).");
        DescribeRead(api.MapGet("records/{recordId}", ReadRecordByIdAsync))
            .WithName(HttpFunctionNames.ReadRecordById)
            .WithSummary("Reads a record by its id alone: the patient is found from the record, then the same rights, consent policy and logging apply (purpose: X-MedLedger-Purpose).");
        return api;
    }

    // Both read routes answer alike, so they describe the same answers.
    private static RouteHandlerBuilder DescribeRead(RouteHandlerBuilder route) => route
        .WithTags("Records")
        .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream")
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status500InternalServerError)
        .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    public static async Task<IResult> CreateRecordAsync(
        HttpContext context,
        AccessGate gate,
        RecordIntake intake,
        IOptions<MedLedgerOptions> options,
        ILogger<RecordIntake> logger)
    {
        var cancellationToken = context.RequestAborted;
        var caller = context.GetCaller();
        if (!IdempotencyKeyHeader.TryRead(context.Request.Headers[IdempotencyKeyHeader.Name], out var key, out var keyError))
        {
            return Problems.Create(StatusCodes.Status400BadRequest, ErrorCodes.InvalidIdempotencyKey, keyError);
        }

        if (!StrictJsonReader.IsJsonContentType(context.Request.ContentType))
        {
            return Problems.Create(StatusCodes.Status415UnsupportedMediaType, ErrorCodes.UnsupportedMediaType, "The request body must be application/json (UTF-8).");
        }

        var limit = options.Value.MaxRequestBodyBytes;
        if (await BoundedBody.ReadAsync(context.Request, limit, cancellationToken).ConfigureAwait(false) is not { } body)
        {
            return Problems.Create(StatusCodes.Status413PayloadTooLarge, ErrorCodes.BodyTooLarge, $"The request body is larger than {limit} bytes.");
        }

        var request = StrictJsonReader.Bind<CreateRecordRequest>(body);
        if (!request.Succeeded)
        {
            return request.Problem;
        }

        if (!RecordSubmission.TryCreate(request.Value, out var submission, out var invalid))
        {
            return Problems.Create(
                StatusCodes.Status400BadRequest,
                ErrorCodes.InvalidBody,
                invalid.Value.Detail,
                new Dictionary<string, object?> { [ProblemExtensions.Path] = invalid.Value.Path });
        }

        IntakeResult result;
        try
        {
            // The patient must be in the directory and the caller a clinician of a clinic; the decision is logged first.
            var decision = await gate.AuthorizeAsync(caller, AccessOperation.SubmitRecord, submission.PatientId, cancellationToken, logPermit: false).ConfigureAwait(false);
            if (!decision.IsPermit)
            {
                return AccessProblems.NotFound(context, decision);
            }

            AccessProblems.NameEvent(context, decision);
            result = await intake.SubmitAsync(submission, caller, key is null ? null : new IdempotencyRequest(key, body), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (DependencyFailure.IsDependencyFailure(exception))
        {
            LogUnavailable(logger, "intake", ExceptionDescription.Describe(exception), context.TraceIdentifier);
            return Problems.Create(
                StatusCodes.Status503ServiceUnavailable,
                ErrorCodes.ServiceUnavailable,
                "The record could not be stored and logged; no record was created. Retry later (with the same Idempotency-Key, if any).");
        }

        return result.Status switch
        {
            IntakeStatus.Accepted => TypedResults.Accepted(
                $"/{ApiRoutes.Prefix}/ledger/events/{result.EventId}",
                new RecordAcceptedResponse(result.RecordId!, result.EventId!, "pending")),
            IntakeStatus.IdempotencyKeyReused => Problems.Create(
                StatusCodes.Status409Conflict,
                ErrorCodes.IdempotencyKeyReused,
                "This Idempotency-Key was used with a different request body; nothing was done."),
            _ => throw new System.Diagnostics.UnreachableException(),
        };
    }

    public static Task<IResult> ReadRecordAsync(string patientId, string recordId, HttpContext context, RecordReader reader, ILogger<RecordReader> logger) =>
        ReadAsync(context, logger, (caller, purpose, reason) => reader.ReadAsync(caller, patientId, recordId, purpose, reason, context.RequestAborted));

    public static Task<IResult> ReadRecordByIdAsync(string recordId, HttpContext context, RecordReader reader, ILogger<RecordReader> logger) =>
        ReadAsync(context, logger, (caller, purpose, reason) => reader.ReadByRecordIdAsync(caller, recordId, purpose, reason, context.RequestAborted));

    // Both read routes answer alike: the same headers, problems and logging; only how the patient is found differs.
    private static async Task<IResult> ReadAsync(
        HttpContext context, ILogger<RecordReader> logger, Func<MedLedger.Access.Identity.Caller, PurposeOfUse?, string?, Task<RecordReadResult>> read)
    {
        var caller = context.GetCaller();
        if (!TryReadPurpose(context.Request.Headers, out var purpose, out var reason, out var problem))
        {
            return problem;
        }

        RecordReadResult result;
        try
        {
            result = await read(caller, purpose, reason).ConfigureAwait(false);
        }
        catch (Exception exception) when (DependencyFailure.IsDependencyFailure(exception))
        {
            LogUnavailable(logger, "read", ExceptionDescription.Describe(exception), context.TraceIdentifier);
            return Problems.Create(
                StatusCodes.Status503ServiceUnavailable,
                ErrorCodes.ServiceUnavailable,
                "The record could not be read and logged; nothing was released. Retry later.");
        }

        AccessProblems.NameEvent(context, result.Decision);
        switch (result.Status)
        {
            case RecordReadStatus.Released:
                var headers = context.Response.Headers;
                headers.CacheControl = "no-store";
                headers[HeaderNames.XContentTypeOptions] = "nosniff";
                if (result.Decision.Details.BreakGlass)
                {
                    headers[BreakGlassHeader] = "true";
                }

                return TypedResults.Bytes(result.Content, result.ContentType);
            case RecordReadStatus.NotFound:
                return AccessProblems.NotFound(context, result.Decision);
            case RecordReadStatus.IntegrityFailure:
                return Problems.Create(
                    StatusCodes.Status500InternalServerError,
                    ErrorCodes.RecordIntegrityFailed,
                    "The stored record is not the one the ledger committed to; nothing was released. Quote the correlation id.");
            case RecordReadStatus.DecryptionFailure:
                return Problems.Create(
                    StatusCodes.Status500InternalServerError,
                    ErrorCodes.RecordDecryptionFailed,
                    "The stored record could not be decrypted; nothing was released. Quote the correlation id.");
            default:
                throw new System.Diagnostics.UnreachableException();
        }
    }

    /// <summary>The response header set when a read was permitted under break-glass.</summary>
    public const string BreakGlassHeader = "X-MedLedger-Break-Glass";

    private static bool TryReadPurpose(IHeaderDictionary headers, out PurposeOfUse? purpose, out string? breakGlassReason, out IResult problem)
    {
        purpose = null;
        breakGlassReason = null;
        problem = null!;
        var purposeValues = headers[PurposeHeader];
        if (purposeValues.Count > 1 || (purposeValues.Count == 1 && ConsentCodes.ParsePurpose(purposeValues[0] ?? string.Empty) is null))
        {
            problem = Problems.Create(
                StatusCodes.Status400BadRequest, ErrorCodes.InvalidParameter, $"{PurposeHeader} must be one of: TREAT, ETREAT, HPAYMT, HOPERAT, HRESCH, PATRQT.",
                new Dictionary<string, object?> { [ProblemExtensions.Parameter] = PurposeHeader });
            return false;
        }

        purpose = purposeValues.Count == 1 ? ConsentCodes.ParsePurpose(purposeValues[0]!) : null;
        var reasons = headers[BreakGlassReasonHeader];
        if (reasons.Count > 1 || (reasons.Count == 1 && (reasons[0] is not { } text || text.Length > MaxBreakGlassReasonLength || text.Any(char.IsControl))))
        {
            problem = Problems.Create(
                StatusCodes.Status400BadRequest, ErrorCodes.InvalidParameter, $"{BreakGlassReasonHeader} must be one line of at most {MaxBreakGlassReasonLength} characters.",
                new Dictionary<string, object?> { [ProblemExtensions.Parameter] = BreakGlassReasonHeader });
            return false;
        }

        breakGlassReason = reasons.Count == 1 ? reasons[0] : null;
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Record {Operation} failed on a dependency: {Exception}; correlation id {CorrelationId}")]
    private static partial void LogUnavailable(ILogger logger, string operation, string exception, string correlationId);
}
