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
        BreakGlassSession? breakGlass = null) =>
        Decide(caller, patientId, record, action, purpose, consents, breakGlass, notBefore: null);

    /// <summary>Decides a request made now, but no earlier than <paramref name="notBefore"/>.</summary>
    /// <param name="caller">The caller.</param>
    /// <param name="patientId">The patient whose record is asked for.</param>
    /// <param name="record">The record's attributes.</param>
    /// <param name="action">Access or disclose.</param>
    /// <param name="purpose">The stated purpose.</param>
    /// <param name="consents">The patient's consent history.</param>
    /// <param name="breakGlass">The caller's break-glass session, if any.</param>
    /// <param name="notBefore">
    /// The newest consent event's time (<c>ConsentSnapshot.LatestChange</c>): deciding no earlier than it makes every consent
    /// event already read count, even when this instance's clock runs behind the one that logged it.
    /// </param>
    public AccessDecision Decide(
        Caller caller,
        string patientId,
        RecordAttributes record,
        ConsentAction action,
        PurposeOfUse purpose,
        ConsentState consents,
        BreakGlassSession? breakGlass,
        DateTimeOffset? notBefore)
    {
        var request = new AccessRequest(caller, patientId, record, action, purpose, Now(notBefore), breakGlass);
        return AccessPolicy.Decide(request, consents);
    }

    /// <summary>Gets the instant a decision made now would use: the clock, cut to whole milliseconds, and no earlier than <paramref name="notBefore"/>.</summary>
    public DateTimeOffset Now(DateTimeOffset? notBefore = null)
    {
        var now = _timeProvider.GetUtcNow();
        var instant = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
        return notBefore is { } floor && floor > instant ? floor.ToUniversalTime() : instant;
    }
}
