using MedLedger.Functions.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MedLedger.Functions.Endpoints;

/// <summary>
/// Routes that are already part of the deployment contract (each has a <c>function.json</c>) but whose behaviour
/// arrives with records intake and ledger reads. Each answers 501 <c>not-implemented</c>, so a declared route never
/// answers 404 and the layout tests hold the contract from the start. Replace a mapping here with the real
/// endpoint when it lands; the route and name must stay.
/// </summary>
internal static class PlannedEndpoints
{
    public static RouteGroupBuilder MapPlannedApi(this RouteGroupBuilder api)
    {
        Planned(api.MapPost("records", NotImplemented), HttpFunctionNames.CreateRecord, "Records", "Submits a record.");
        Planned(api.MapGet("records/{recordId}", NotImplemented), HttpFunctionNames.ReadRecord, "Records", "Reads a record after logging the access.");
        Planned(api.MapGet("ledger/events/{eventId}", NotImplemented), HttpFunctionNames.LedgerEvent, "Ledger", "Reports a ledger event's status and receipt.");
        Planned(api.MapGet("ledger/checkpoint", NotImplemented), HttpFunctionNames.LedgerCheckpoint, "Ledger", "The latest signed checkpoint.");
        Planned(api.MapGet("ledger/public-key", NotImplemented), HttpFunctionNames.LedgerPublicKey, "Ledger", "The checkpoint signing key (PEM).");
        Planned(api.MapGet("ledger/proofs/consistency", NotImplemented), HttpFunctionNames.LedgerConsistencyProof, "Ledger", "A consistency proof between two tree sizes.");
        return api;
    }

    /// <summary>The answer of every planned route: 501 problem.</summary>
    public static ProblemHttpResult NotImplemented() =>
        Problems.Create(StatusCodes.Status501NotImplemented, ErrorCodes.NotImplemented, "This operation is not available in this build.");

    private static void Planned(RouteHandlerBuilder route, string name, string tag, string summary) =>
        route.WithName(name).WithTags(tag).WithSummary(summary).ProducesProblem(StatusCodes.Status501NotImplemented);
}
