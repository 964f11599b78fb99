using MedLedger.Functions.Http;

namespace MedLedger.Functions.Access;

/// <summary>The answers of refused requests: forbidden and missing alike.</summary>
internal static class AccessProblems
{
    /// <summary>The header naming the ledger event that recorded the request's decision (on permits and refusals alike).</summary>
    public const string DecisionEventHeader = "X-MedLedger-Decision-Event";

    /// <summary>
    /// A 404 problem for anything forbidden or missing — one status, one code, one detail, so a caller cannot tell a
    /// patient, record or consent it may not see from one that does not exist. The decision's event id is sent either
    /// way (every refusal is logged, whatever the reason).
    /// </summary>
    public static IResult NotFound(HttpContext context, GateDecision decision)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(decision);
        NameEvent(context, decision);
        return Problems.Create(StatusCodes.Status404NotFound, ErrorCodes.NotFound, "No such resource, or no access to it.");
    }

    /// <summary>Names the decision's ledger event in the response.</summary>
    public static void NameEvent(HttpContext context, GateDecision decision)
    {
        if (decision.Event is { } location)
        {
            context.Response.Headers[DecisionEventHeader] = location.EventId;
        }
    }
}
