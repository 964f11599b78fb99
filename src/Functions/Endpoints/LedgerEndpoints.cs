using System.Globalization;
using System.Text.Json;
using MedLedger.Functions.Http;
using MedLedger.Functions.Keys;
using MedLedger.Functions.LedgerLogs;
using MedLedger.Functions.Storage;
using MedLedger.Ledger.Merkle;

namespace MedLedger.Functions.Endpoints;

/// <summary>
/// The ledger's public face: event status and receipts, the latest signed checkpoint, the checkpoint key, and
/// consistency proofs. Nothing here is personal data; receipts carry entries, which name patients only by pseudonym.
/// </summary>
/// <remarks>The checkpoint and proof routes take an optional <c>log</c> query parameter (a log name); the default is log 0.</remarks>
internal static partial class LedgerEndpoints
{
    /// <summary>The query parameter that names a log.</summary>
    public const string LogParameter = "log";

    public static RouteGroupBuilder MapLedgerApi(this RouteGroupBuilder api)
    {
        api.MapGet("ledger/events/{eventId}", GetEventAsync)
            .WithName(HttpFunctionNames.LedgerEvent)
            .WithTags("Ledger")
            .WithSummary("Reports a ledger event's status, index and, once a signed checkpoint covers it, its receipt.")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapGet("ledger/checkpoint", GetCheckpointAsync)
            .WithName(HttpFunctionNames.LedgerCheckpoint)
            .WithTags("Ledger")
            .WithSummary("The latest signed checkpoint of a log (a C2SP signed note).")
            .Produces(StatusCodes.Status200OK, contentType: "text/plain")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapGet("ledger/public-key", GetPublicKeyAsync)
            .WithName(HttpFunctionNames.LedgerPublicKey)
            .WithTags("Ledger")
            .WithSummary("The checkpoint signing key (PEM): all a verifier needs.")
            .Produces(StatusCodes.Status200OK, contentType: "application/x-pem-file")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapGet("ledger/proofs/consistency", GetConsistencyProofAsync)
            .WithName(HttpFunctionNames.LedgerConsistencyProof)
            .WithTags("Ledger")
            .WithSummary("An RFC 9162 consistency proof between two tree sizes of a log (medledger-consistency-proof/v1).")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return api;
    }

    public static async Task<IResult> GetEventAsync(string eventId, HttpContext context, LedgerEventStatusReader reader, ILogger<LedgerEventStatusReader> logger)
    {
        LedgerEventStatus? status;
        try
        {
            status = await reader.ReadAsync(eventId, context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception exception) when (DependencyFailure.IsDependencyFailure(exception))
        {
            return Unavailable(logger, context, exception);
        }

        if (status is null)
        {
            return Problems.Create(StatusCodes.Status404NotFound, ErrorCodes.EventNotFound, "No such ledger event.");
        }

        if (status.IntegrityFault is { } fault)
        {
            LogIntegrity(logger, status.EventId, status.Log, fault, context.TraceIdentifier);
            return Problems.Create(
                StatusCodes.Status500InternalServerError,
                ErrorCodes.LedgerIntegrityFailed,
                "The stored log does not prove this event against its own signed checkpoint; no receipt is given. Run medledger verify on the log.");
        }

        // Written by hand so the receipt keeps its exact canonical bytes (ReceiptVerifier accepts nothing else).
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("eventId", status.EventId);
            writer.WriteString("status", status.Status);
            writer.WriteString("log", status.Log);
            if (status.Index is { } index)
            {
                writer.WriteNumber("index", index);
            }
            else
            {
                writer.WriteNull("index");
            }

            writer.WritePropertyName("receipt");
            if (status.Receipt is { } receipt)
            {
                writer.WriteRawValue(receipt, skipInputValidation: true);
            }
            else
            {
                writer.WriteNullValue();
            }

            writer.WriteEndObject();
        }

        context.Response.Headers.CacheControl = "no-cache";
        return TypedResults.Bytes(buffer.ToArray(), "application/json; charset=utf-8");
    }

    public static async Task<IResult> GetCheckpointAsync(HttpContext context, LedgerLogSet logs, ILogger<LedgerLogSet> logger)
    {
        if (FindLog(context, logs, out var problem) is not { } log)
        {
            return problem!;
        }

        try
        {
            var checkpoint = await log.Store.ReadLatestCheckpointAsync(context.RequestAborted).ConfigureAwait(false);
            if (checkpoint is null)
            {
                return Problems.Create(StatusCodes.Status404NotFound, ErrorCodes.CheckpointNotFound, "The log has no signed checkpoint yet.");
            }

            context.Response.Headers.CacheControl = "no-cache";
            return TypedResults.Text(checkpoint.SignedNote, "text/plain; charset=utf-8");
        }
        catch (Exception exception) when (DependencyFailure.IsDependencyFailure(exception))
        {
            return Unavailable(logger, context, exception);
        }
    }

    public static async Task<IResult> GetPublicKeyAsync(HttpContext context, LedgerKeysProvider keys, ILogger<LedgerKeysProvider> logger)
    {
        try
        {
            var loaded = await keys.GetAsync(context.RequestAborted).ConfigureAwait(false);
            return TypedResults.Text(loaded.SigningPublicKeyPem + "\n", "application/x-pem-file");
        }
        catch (Exception exception) when (DependencyFailure.IsDependencyFailure(exception) || exception is InvalidOperationException)
        {
            return Unavailable(logger, context, exception);
        }
    }

    public static async Task<IResult> GetConsistencyProofAsync(HttpContext context, LedgerLogSet logs, ILogger<LedgerLogSet> logger)
    {
        if (FindLog(context, logs, out var problem) is not { } log)
        {
            return problem!;
        }

        if (ReadSize(context, "from", out var from) is { } fromProblem)
        {
            return fromProblem;
        }

        if (ReadSize(context, "to", out var to) is { } toProblem)
        {
            return toProblem;
        }

        try
        {
            var head = await log.Store.ReadHeadAsync(context.RequestAborted).ConfigureAwait(false);
            if (from < 1 || from > to)
            {
                return InvalidParameter("from", "from must be at least 1 and at most to.");
            }

            if (to > head.Size)
            {
                return InvalidParameter("to", string.Create(CultureInfo.InvariantCulture, $"to must be at most the log's size, {head.Size}."));
            }

            // The exchange format medledger checkpoint verify --proof reads (docs/export-format.md), in its canonical bytes.
            var proof = await log.Tree.ProveConsistencyAsync(from, to, context.RequestAborted).ConfigureAwait(false);
            return TypedResults.Bytes(new ConsistencyProof(from, to, proof).ToJson(), "application/json; charset=utf-8");
        }
        catch (Exception exception) when (DependencyFailure.IsDependencyFailure(exception))
        {
            return Unavailable(logger, context, exception);
        }
    }

    private static LedgerLog? FindLog(HttpContext context, LedgerLogSet logs, out IResult? problem)
    {
        problem = null;
        var values = context.Request.Query[LogParameter];
        if (values.Count == 0)
        {
            return logs.All[0];
        }

        if (values.Count == 1 && logs.ByName(values[0]!) is { } log)
        {
            return log;
        }

        problem = Problems.Create(StatusCodes.Status404NotFound, ErrorCodes.LogNotFound, "The ledger has no log of that name.");
        return null;
    }

    private static IResult? ReadSize(HttpContext context, string name, out long value)
    {
        value = 0;
        var values = context.Request.Query[name];
        if (values.Count != 1 || string.IsNullOrEmpty(values[0]))
        {
            return InvalidParameter(name, $"Give {name} once, as a tree size.");
        }

        // Digits only: no sign, no spaces, no leading zeros, so one size has one spelling.
        var text = values[0]!;
        if (!text.All(char.IsAsciiDigit) || (text.Length > 1 && text[0] == '0') ||
            !long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value))
        {
            return InvalidParameter(name, $"{name} must be a whole number.");
        }

        return null;
    }

    private static IResult InvalidParameter(string name, string detail) =>
        Problems.Create(StatusCodes.Status400BadRequest, ErrorCodes.InvalidParameter, detail, new Dictionary<string, object?> { [ProblemExtensions.Parameter] = name });

    private static IResult Unavailable(ILogger logger, HttpContext context, Exception exception)
    {
        LogUnavailable(logger, context.Request.Path, ExceptionDescription.Describe(exception), context.TraceIdentifier);
        return Problems.Create(StatusCodes.Status503ServiceUnavailable, ErrorCodes.ServiceUnavailable, "The ledger is not reachable right now. Retry later.");
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Event {EventId} of log {Log}: the stored log is inconsistent ({Fault}); correlation id {CorrelationId}")]
    private static partial void LogIntegrity(ILogger logger, string eventId, string log, string fault, string correlationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Path} failed on a dependency: {Exception}; correlation id {CorrelationId}")]
    private static partial void LogUnavailable(ILogger logger, string path, string exception, string correlationId);
}
