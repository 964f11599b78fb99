using MedLedger.Access.Consent;
using MedLedger.Access.Identity;

namespace MedLedger.Access.Policy;

/// <summary><see cref="AccessPolicy"/> with the instant taken from a clock: what request handlers call.</summary>
/// <remarks>
/// The instant is cut to whole milliseconds, the precision ledger entries keep, so a logged decision re-evaluated at
/// its logged time gives the same answer even at a period boundary.
/// </remarks>
/// <threadsafety>Safe for concurrent use.</threadsafety>
public sealed class PolicyDecisionPoint(TimeProvider timeProvider)
{
    private readonly TimeProvider _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));

    /// <summary>Decides a request made now.</summary>
    public AccessDecision Decide(
        Caller caller,
        string patientId,
        RecordAttributes record,
        ConsentAction action,
        PurposeOfUse purpose,
        ConsentState consents,
        BreakGlassSession? breakGlass = null)
    {
        var now = _timeProvider.GetUtcNow();
        var ticks = now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMillisecond);
        var request = new AccessRequest(caller, patientId, record, action, purpose, new DateTimeOffset(ticks, TimeSpan.Zero), breakGlass);
        return AccessPolicy.Decide(request, consents);
    }
}
