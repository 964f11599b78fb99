using System.Text;
using MedLedger.Access.Claims;
using MedLedger.Access.Consent;
using MedLedger.Access.LedgerEvents;
using MedLedger.Access.Policy;
using MedLedger.Access.UserDirectory;
using MedLedger.Access.Webhooks;
using MedLedger.Functions.Access;
using MedLedger.Functions.Http;
using MedLedger.Functions.LedgerLogs;
using MedLedger.Functions.Storage;
using MedLedger.Ledger.Hashing;
using MedLedger.Ledger.Receipts;

namespace MedLedger.Functions.Endpoints;

/// <summary>
/// <c>POST /api/claims/verify</c>: an insurer's signed claim (Standard Webhooks), checked on the raw body before it is
/// parsed, then against the ledger: the consent decision to disclose, the record's facts. The verification is logged
/// (<c>claim.verified</c>) and answered with receipts of the record's creation and of that entry.
/// </summary>
internal static partial class ClaimEndpoints
{
    /// <summary>The largest webhook body read (the claim itself is at most <see cref="ClaimVerificationRequest.MaxBytes"/>).</summary>
    public const int MaxBodyBytes = 64 * 1024;

    public static RouteGroupBuilder MapClaimApi(this RouteGroupBuilder api)
    {
        api.MapPost("claims/verify", VerifyAsync)
            .WithName(HttpFunctionNames.VerifyClaim)
            .WithTags("Claims")
            .WithSummary("Verifies an insurer's claim against the ledger (Standard Webhooks signature; receipts in the answer).")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return api;
    }

    public static async Task<IResult> VerifyAsync(
        HttpContext context, WebhookVerifier verifier, AccessLedger ledger, AccessGate gate, IDirectory directory, PolicyDecisionPoint decisionPoint,
        LedgerCheckpointer checkpointer, LedgerEventStatusReader receipts, ILogger<WebhookVerifier> logger)
    {
        var cancellationToken = context.RequestAborted;
        if (await BoundedBody.ReadAsync(context.Request, MaxBodyBytes, cancellationToken).ConfigureAwait(false) is not { } body)
        {
            return Problems.Create(StatusCodes.Status413PayloadTooLarge, ErrorCodes.BodyTooLarge, $"The request body is larger than {MaxBodyBytes} bytes.");
        }

        WebhookVerificationResult verified;
        try
        {
            verified = await verifier.VerifyAsync(Delivery(context.Request.Headers), body, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (DependencyFailure.IsDependencyFailure(exception))
        {
            return ConsentEndpoints.Unavailable(logger, context, exception, "The claim was not checked.");
        }

        if (!verified.IsValid)
        {
            var code = WebhookFailureCodes.ToCode(verified.Failure.Value);
            LogRefused(logger, code, verified.InsurerId ?? "-", context.TraceIdentifier);
            return Problems.Create(
                StatusCodes.Status401Unauthorized, ErrorCodes.WebhookRefused, "The webhook signature could not be verified.",
                new Dictionary<string, object?> { ["reason"] = code });
        }

        // Only now, with the signature checked on the raw bytes, is the body parsed.
        var parsed = ClaimVerificationRequest.Parse(body.Span);
        if (!parsed.IsSuccess)
        {
            return Problems.Create(StatusCodes.Status400BadRequest, ErrorCodes.InvalidBody, parsed.Error.Message, new Dictionary<string, object?> { [ProblemExtensions.Path] = parsed.Error.Path });
        }

        var request = parsed.Request;
        try
        {
            var patient = ledger.For(request.PatientId);
            if (patient is null)
            {
                return Problems.Create(StatusCodes.Status400BadRequest, ErrorCodes.InvalidBody, "The patient id is malformed.", new Dictionary<string, object?> { [ProblemExtensions.Path] = "$.patientId" });
            }

            var known = await directory.FindPatientAsync(request.PatientId, cancellationToken).ConfigureAwait(false) is not null;
            var found = !known ? null
                : request.RecordId is { } recordId ? await RecordFinder.FindByIdAsync(patient, recordId, cancellationToken).ConfigureAwait(false)
                : await RecordFinder.FindByHashAsync(patient, request.RecordHash!.Value, cancellationToken).ConfigureAwait(false);
            var state = await gate.ReadStateAsync(patient, cancellationToken).ConfigureAwait(false);
            var record = found is { Creation: { Organization: not null } usable } ? ClaimRecordOf(usable) : null;
            var outcome = ClaimVerifier.Verify(request, verified.InsurerId, record, state.Consents.State, decisionPoint, state.Consents.LatestChange);
            var decision = record is null ? outcome.Decision : outcome.Decision.WithStateIndex(state.NextIndex);
            var logged = await ledger.AppendAsync(
                patient, verified.InsurerId,
                AccessEvents.ClaimVerified(request.ClaimId, verified.InsurerId, outcome.RecordId, outcome.Verified, outcome.Reasons, decision, decisionPoint.Now()),
                cancellationToken).ConfigureAwait(false);
            context.Response.Headers[AccessProblems.DecisionEventHeader] = logged.EventId;

            // A receipt needs a signed checkpoint covering the entry: sign one now for this log.
            await checkpointer.CheckpointLogAsync(patient.Log, cancellationToken).ConfigureAwait(false);
            var decisionReceipt = await ReceiptAsync(receipts, logged.EventId, cancellationToken).ConfigureAwait(false);
            var recordReceipt = outcome.Decision.IsPermit && found is { } creation ? await ReceiptAsync(receipts, creation.EventId, cancellationToken).ConfigureAwait(false) : null;
            var answer = outcome.Verified && recordReceipt is not null && decisionReceipt is not null
                ? ClaimVerificationAnswer.Confirmed(request.ClaimId, recordReceipt, decisionReceipt)
                : ClaimVerificationAnswer.Refuted(request.ClaimId, outcome.Reasons, recordReceipt, decisionReceipt);
            context.Response.Headers.CacheControl = "no-store";
            return TypedResults.Bytes(answer.ToJson(), "application/json; charset=utf-8");
        }
        catch (Exception exception) when (DependencyFailure.IsDependencyFailure(exception))
        {
            return ConsentEndpoints.Unavailable(logger, context, exception, "Send the claim again with a new webhook-id.");
        }
    }

    private static WebhookDelivery Delivery(IHeaderDictionary headers)
    {
        static string? Single(IHeaderDictionary headers, string name) => headers[name] is { Count: 1 } values ? values[0] : null;
        return new WebhookDelivery(
            Single(headers, WebhookHeaders.Insurer), Single(headers, WebhookHeaders.Id), Single(headers, WebhookHeaders.Timestamp), Single(headers, WebhookHeaders.Signature));
    }

    private static ClaimRecord ClaimRecordOf(RecordCreation creation) =>
        new(creation.RecordId, new LedgerHash(Convert.FromHexString(creation.CiphertextSha256)),
            new RecordAttributes(creation.Organization!, ConsentCodes.ParseCategory(creation.Category)!.Value), creation.ServiceDate);

    private static async Task<Receipt?> ReceiptAsync(LedgerEventStatusReader receipts, string eventId, CancellationToken cancellationToken)
    {
        var status = await receipts.ReadAsync(eventId, cancellationToken).ConfigureAwait(false);
        return status?.Receipt is { } bytes && Receipt.TryParse(bytes, out var receipt, out _) ? receipt : null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Insurer webhook refused: {Reason} (insurer {Insurer}); correlation id {CorrelationId}")]
    private static partial void LogRefused(ILogger logger, string reason, string insurer, string correlationId);
}
