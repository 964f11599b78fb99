using MedLedger.Functions.Configuration;
using MedLedger.Functions.Http;
using MedLedger.Functions.Identity;
using MedLedger.Functions.Records;
using MedLedger.Functions.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace MedLedger.Functions.Endpoints;

/// <summary><c>POST /api/records</c> and <c>GET /api/records/{recordId}</c>.</summary>
internal static partial class RecordEndpoints
{
    /// <summary>The response header that names the <c>record.read</c> event logged for a read.</summary>
    public const string ReadEventHeader = "X-MedLedger-Read-Event";

    public static RouteGroupBuilder MapRecordApi(this RouteGroupBuilder api)
    {
        api.MapPost("records", CreateRecordAsync)
            .WithName(HttpFunctionNames.CreateRecord)
            .WithTags("Records")
            .WithSummary("Submits a record: encrypts and stores it, then queues its ledger event.")
            .Accepts<CreateRecordRequest>("application/json")
            .Produces<RecordAcceptedResponse>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapGet("records/{recordId}", ReadRecordAsync)
            .WithName(HttpFunctionNames.ReadRecord)
            .WithTags("Records")
            .WithSummary("Reads a record, after its access event is durably queued for the ledger.")
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status500InternalServerError)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return api;
    }

    public static async Task<IResult> CreateRecordAsync(
        HttpContext context,
        ICallerIdentityResolver identity,
        RecordIntake intake,
        IOptions<MedLedgerOptions> options,
        ILogger<RecordIntake> logger)
    {
        var cancellationToken = context.RequestAborted;
        if (await identity.ResolveAsync(context).ConfigureAwait(false) is not { } caller)
        {
            return Unauthenticated();
        }

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

    public static async Task<IResult> ReadRecordAsync(
        string recordId,
        HttpContext context,
        ICallerIdentityResolver identity,
        RecordReader reader,
        ILogger<RecordReader> logger)
    {
        if (await identity.ResolveAsync(context).ConfigureAwait(false) is not { } caller)
        {
            return Unauthenticated();
        }

        RecordReadResult result;
        try
        {
            result = await reader.ReadAsync(recordId, caller, context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception exception) when (DependencyFailure.IsDependencyFailure(exception))
        {
            LogUnavailable(logger, "read", ExceptionDescription.Describe(exception), context.TraceIdentifier);
            return Problems.Create(
                StatusCodes.Status503ServiceUnavailable,
                ErrorCodes.ServiceUnavailable,
                "The record could not be read and logged; nothing was released. Retry later.");
        }

        switch (result.Status)
        {
            case RecordReadStatus.Released:
                var headers = context.Response.Headers;
                headers.CacheControl = "no-store";
                headers[HeaderNames.XContentTypeOptions] = "nosniff";
                headers[ReadEventHeader] = result.ReadEventId;
                return TypedResults.Bytes(result.Content, result.ContentType);
            case RecordReadStatus.NotFound:
                return Problems.Create(StatusCodes.Status404NotFound, ErrorCodes.RecordNotFound, "No such record, or its creation is not in the ledger yet.");
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

    internal static ProblemHttpResult Unauthenticated() =>
        Problems.Create(StatusCodes.Status401Unauthorized, ErrorCodes.Unauthenticated, "The request does not carry an identity this service accepts.");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Record {Operation} failed on a dependency: {Exception}; correlation id {CorrelationId}")]
    private static partial void LogUnavailable(ILogger logger, string operation, string exception, string correlationId);
}
