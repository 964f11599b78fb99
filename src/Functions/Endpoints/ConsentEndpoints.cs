using System.Security.Cryptography;
using System.Text.Json;
using MedLedger.Access.Authorization;
using MedLedger.Access.Consent;
using MedLedger.Access.Fhir;
using MedLedger.Access.Identity;
using MedLedger.Access.LedgerEvents;
using MedLedger.Access.UserDirectory;
using MedLedger.Functions.Access;
using MedLedger.Functions.Configuration;
using MedLedger.Functions.Http;
using MedLedger.Functions.Storage;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace MedLedger.Functions.Endpoints;

/// <summary>
/// A patient's consents: <c>POST</c> grants (JSON, or a FHIR R4 <c>Consent</c> with <c>application/fhir+json</c>),
/// <c>GET</c> lists the state (JSON, or a FHIR <c>Bundle</c> with <c>?format=fhir</c>), <c>DELETE …/{consentId}</c>
/// revokes — a new ledger event, never an edit. The state is read from the log, nowhere else.
/// </summary>
internal static partial class ConsentEndpoints
{
    /// <summary>The media type of FHIR JSON.</summary>
    public const string FhirJson = "application/fhir+json";

    public static RouteGroupBuilder MapConsentApi(this RouteGroupBuilder api)
    {
        api.MapPost("patients/{patientId}/consents", GrantAsync)
            .WithName(HttpFunctionNames.GrantConsent)
            .WithTags("Consents")
            .WithSummary("Records a consent (JSON terms, or a FHIR R4 Consent as application/fhir+json); logged before the answer.")
            .Produces(StatusCodes.Status201Created, contentType: "application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapGet("patients/{patientId}/consents", ListAsync)
            .WithName(HttpFunctionNames.ListConsents)
            .WithTags("Consents")
            .WithSummary("Lists a patient's consents as the log holds them (format=fhir: a FHIR Bundle of Consent).")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapDelete("patients/{patientId}/consents/{consentId}", RevokeAsync)
            .WithName(HttpFunctionNames.RevokeConsent)
            .WithTags("Consents")
            .WithSummary("Revokes a consent: a consent.revoked ledger event; the very next request is decided without it.")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return api;
    }

    public static async Task<IResult> GrantAsync(
        string patientId, HttpContext context, AccessGate gate, AccessLedger ledger, IDirectory directory, TimeProvider time,
        IOptions<MedLedgerOptions> options, ILogger<AccessGate> logger)
    {
        var cancellationToken = context.RequestAborted;
        var caller = context.GetCaller();
        var fhir = IsFhirJson(context.Request.ContentType);
        if (!fhir && !StrictJsonReader.IsJsonContentType(context.Request.ContentType))
        {
            return Problems.Create(StatusCodes.Status415UnsupportedMediaType, ErrorCodes.UnsupportedMediaType, $"The body must be application/json or {FhirJson} (UTF-8).");
        }

        if (await BoundedBody.ReadAsync(context.Request, Math.Min(options.Value.MaxRequestBodyBytes, 64 * 1024), cancellationToken).ConfigureAwait(false) is not { } body)
        {
            return Problems.Create(StatusCodes.Status413PayloadTooLarge, ErrorCodes.BodyTooLarge, "The consent is larger than 64 KiB.");
        }

        // Parsing first: a malformed body is refused before anything is decided or logged.
        ConsentRequest? request = null;
        ConsentTerms? fhirTerms = null;
        if (fhir)
        {
            var imported = FhirConsentImporter.Import(body.Span);
            if (!imported.IsSuccess)
            {
                return InvalidBody(imported.Errors.Select(e => (e.Path, e.Message)).ToList());
            }

            if (!string.Equals(imported.PatientId, patientId, StringComparison.Ordinal))
            {
                return InvalidBody([("$.patient", "The Consent's patient is not the patient of the request path.")]);
            }

            fhirTerms = imported.Terms;
        }
        else
        {
            var parsed = ConsentRequest.Parse(body.Span);
            if (!parsed.IsSuccess)
            {
                return InvalidBody([(parsed.Error.Path, parsed.Error.Message)]);
            }

            request = parsed.Request;
        }

        try
        {
            var decision = await gate.AuthorizeAsync(caller, AccessOperation.GrantConsent, patientId, cancellationToken, logPermit: false).ConfigureAwait(false);
            if (!decision.IsPermit)
            {
                return AccessProblems.NotFound(context, decision);
            }

            AccessProblems.NameEvent(context, decision);
            var terms = fhirTerms ?? await ResolveGranteeAsync(request!, directory, cancellationToken).ConfigureAwait(false);
            if (terms is null || !await GranteeExistsAsync(terms.Grantee, directory, cancellationToken).ConfigureAwait(false))
            {
                return InvalidBody([(fhir ? "$.provision" : "$.grantee", "The grantee is neither an organization nor a user of the directory.")]);
            }

            var consentId = NewConsentId();
            var granted = await ledger.AppendAsync(decision.Log!, caller.UserKey, AccessEvents.ConsentGranted(consentId, terms, caller.OrganizationId, time.GetUtcNow()), cancellationToken)
                .ConfigureAwait(false);
            var location = $"/{ApiRoutes.Prefix}/patients/{Uri.EscapeDataString(patientId)}/consents/{consentId}";
            return TypedResults.Created(location, new ConsentChangeResponse(consentId, patientId, "active", terms.ComputeHash().ToHex(), granted.EventId, granted.Index, granted.ReceiptPath));
        }
        catch (Exception exception) when (DependencyFailure.IsDependencyFailure(exception))
        {
            return Unavailable(logger, context, exception, "The consent was not recorded.");
        }
    }

    public static async Task<IResult> ListAsync(string patientId, HttpContext context, AccessGate gate, TimeProvider time, ILogger<AccessGate> logger)
    {
        var caller = context.GetCaller();
        var format = context.Request.Query["format"];
        if (format.Count > 1 || (format.Count == 1 && format[0] is not ("json" or "fhir")))
        {
            return Problems.Create(StatusCodes.Status400BadRequest, ErrorCodes.InvalidParameter, "format must be json or fhir.", new Dictionary<string, object?> { [ProblemExtensions.Parameter] = "format" });
        }

        try
        {
            var decision = await gate.AuthorizeAsync(caller, AccessOperation.ListConsents, patientId, context.RequestAborted).ConfigureAwait(false);
            if (!decision.IsPermit)
            {
                return AccessProblems.NotFound(context, decision);
            }

            AccessProblems.NameEvent(context, decision);
            var state = await gate.ReadStateAsync(decision.Log!, context.RequestAborted).ConfigureAwait(false);
            var asOf = Later(time.GetUtcNow(), state.Consents.LatestChange);
            context.Response.Headers.CacheControl = "no-store";
            return format.Count == 1 && format[0] == "fhir"
                ? TypedResults.Bytes(FhirConsentExporter.ExportBundle(state.Consents.State, asOf), FhirJson + "; charset=utf-8")
                : TypedResults.Bytes(ConsentListJson.Write(state.Consents.State, asOf), "application/json; charset=utf-8");
        }
        catch (Exception exception) when (DependencyFailure.IsDependencyFailure(exception))
        {
            return Unavailable(logger, context, exception, "Nothing was released.");
        }
    }

    public static async Task<IResult> RevokeAsync(string patientId, string consentId, HttpContext context, AccessGate gate, AccessLedger ledger, TimeProvider time, ILogger<AccessGate> logger)
    {
        var cancellationToken = context.RequestAborted;
        var caller = context.GetCaller();
        try
        {
            var decision = await gate.AuthorizeAsync(caller, AccessOperation.RevokeConsent, patientId, cancellationToken, logPermit: false).ConfigureAwait(false);
            if (!decision.IsPermit)
            {
                return AccessProblems.NotFound(context, decision);
            }

            var state = await gate.ReadStateAsync(decision.Log!, cancellationToken).ConfigureAwait(false);
            var grant = state.Consents.State.Find(consentId);
            if (grant is null)
            {
                return AccessProblems.NotFound(context, await gate.RefuseAsync(caller, AccessOperation.RevokeConsent, decision, "unknown-consent", null, cancellationToken).ConfigureAwait(false));
            }

            AccessProblems.NameEvent(context, decision);
            if (state.Consents.State.RevokedAt(consentId) is not null)
            {
                // Revoked already: nothing changes, and the answer says so (a repeated DELETE is not an error).
                return TypedResults.Ok(new ConsentChangeResponse(consentId, patientId, "revoked", grant.Terms.ComputeHash().ToHex(), null, null, null));
            }

            var revoked = await ledger.AppendAsync(
                decision.Log!, caller.UserKey, AccessEvents.ConsentRevoked(consentId, grant.Terms.ComputeHash(), caller.OrganizationId, time.GetUtcNow()), cancellationToken)
                .ConfigureAwait(false);
            return TypedResults.Ok(new ConsentChangeResponse(consentId, patientId, "revoked", grant.Terms.ComputeHash().ToHex(), revoked.EventId, revoked.Index, revoked.ReceiptPath));
        }
        catch (Exception exception) when (DependencyFailure.IsDependencyFailure(exception))
        {
            return Unavailable(logger, context, exception, "The consent was not revoked.");
        }
    }

    private static bool IsFhirJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media) && media.MediaType.Equals(FhirJson, StringComparison.OrdinalIgnoreCase)
        && (!media.Charset.HasValue || media.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase));

    private static async Task<ConsentTerms?> ResolveGranteeAsync(ConsentRequest request, IDirectory directory, CancellationToken cancellationToken)
    {
        if (await directory.FindOrganizationAsync(request.GranteeId, cancellationToken).ConfigureAwait(false) is not null)
        {
            return request.ResolveGrantee(GranteeKind.Organization);
        }

        return await directory.FindUserAsync(request.GranteeId, cancellationToken).ConfigureAwait(false) is not null
            ? request.ResolveGrantee(GranteeKind.User)
            : null;
    }

    private static async Task<bool> GranteeExistsAsync(Grantee grantee, IDirectory directory, CancellationToken cancellationToken) => grantee.Kind switch
    {
        GranteeKind.Organization => await directory.FindOrganizationAsync(grantee.Id, cancellationToken).ConfigureAwait(false) is not null,
        _ => await directory.FindUserAsync(grantee.Id, cancellationToken).ConfigureAwait(false) is not null,
    };

    // 128 random bits in the FHIR id alphabet.
    private static string NewConsentId() => "c-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    private static DateTimeOffset Later(DateTimeOffset now, DateTimeOffset? latest) => latest is { } value && value > now ? value : now;

    private static IResult InvalidBody(IReadOnlyList<(string Path, string Message)> errors) =>
        Problems.Create(
            StatusCodes.Status400BadRequest,
            ErrorCodes.InvalidBody,
            errors[0].Message,
            new Dictionary<string, object?>
            {
                [ProblemExtensions.Path] = errors[0].Path,
                ["errors"] = errors.Select(e => new Dictionary<string, string> { ["path"] = e.Path, ["message"] = e.Message }).ToList(),
            });

    internal static IResult Unavailable(ILogger logger, HttpContext context, Exception exception, string consequence)
    {
        LogUnavailable(logger, ExceptionDescription.Describe(exception), context.TraceIdentifier);
        return Problems.Create(StatusCodes.Status503ServiceUnavailable, ErrorCodes.ServiceUnavailable, $"A dependency is unavailable. {consequence} Retry later.");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Access request failed on a dependency: {Exception}; correlation id {CorrelationId}")]
    private static partial void LogUnavailable(ILogger logger, string exception, string correlationId);
}

/// <summary>The answer to a consent grant or revocation.</summary>
/// <param name="ConsentId">The consent.</param>
/// <param name="PatientId">The patient.</param>
/// <param name="Status"><c>active</c> or <c>revoked</c>.</param>
/// <param name="TermsSha256">The SHA-256 of the canonical terms the ledger entry commits to.</param>
/// <param name="EventId">The ledger event of this change (null when nothing changed).</param>
/// <param name="LedgerIndex">The entry's index in the patient's log.</param>
/// <param name="Receipt">The path of the entry's receipt.</param>
public sealed record ConsentChangeResponse(string ConsentId, string PatientId, string Status, string TermsSha256, string? EventId, long? LedgerIndex, string? Receipt);
