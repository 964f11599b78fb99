using MedLedger.Access.Consent;
using MedLedger.Access.Identity;

namespace MedLedger.Access.Policy;

/// <summary>
/// The policy decision point: a pure, deterministic function from a request and the patient's consent history to a
/// decision. Same inputs, same decision, at any later time — which is what makes logged decisions re-checkable.
/// </summary>
/// <remarks>
/// Rules, first match decides (docs/authorization.md has the same list with examples):
/// <list type="number">
/// <item><c>role-required</c>: no roles → deny.</item>
/// <item><c>role-purpose</c>: the purpose must be allowed to one of the caller's roles (<see cref="RolePurposes"/>) → else deny.</item>
/// <item><c>patient-self</c> (PATRQT): permit access to the caller's own records; anything else → deny.</item>
/// <item><c>break-glass</c> (ETREAT): access only, with a session whose reason is not blank and that started at most an
/// hour before (start inclusive, end exclusive) → permit, flagged; otherwise deny, flagged.</item>
/// <item><c>submitting-organization</c>: a clinician of the submitting clinic, TREAT, access → permit.</item>
/// <item><c>consent</c>: among consents recorded by the request's instant whose grantee (the caller's organization or
/// user key), actions and purposes match: one that covers the category, is not revoked and whose period contains
/// the instant → permit (the smallest consent id when several do). Otherwise the closest miss explains the denial, in
/// this order: revoked, expired, not yet active, sensitive category not named (smallest consent id within a kind).</item>
/// <item><c>default-deny</c>: deny.</item>
/// </list>
/// </remarks>
public static class AccessPolicy
{
    /// <summary>Decides <paramref name="request"/> against <paramref name="consents"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="consents"/> belongs to another patient.</exception>
    public static AccessDecision Decide(AccessRequest request, ConsentState consents)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(consents);
        if (!string.Equals(consents.PatientId, request.PatientId, StringComparison.Ordinal))
        {
            throw new ArgumentException("The consent state belongs to another patient than the request.", nameof(consents));
        }

        var caller = request.Caller;
        if (caller.Roles.Count == 0)
        {
            return Deny(request, PolicyRule.RoleRequired, DecisionReason.NoRole);
        }

        if (!RolePurposes.Allows(caller.Roles, request.Purpose))
        {
            return Deny(request, PolicyRule.RolePurpose, DecisionReason.PurposeNotPermittedForRole);
        }

        switch (request.Purpose)
        {
            case PurposeOfUse.PatientRequest:
                return request.Action == ConsentAction.Access && caller.Has(Role.Patient)
                    && string.Equals(caller.PatientId, request.PatientId, StringComparison.Ordinal)
                    ? Permit(request, PolicyRule.PatientSelf, DecisionReason.PatientSelfAccess)
                    : Deny(request, PolicyRule.PatientSelf, DecisionReason.NotOwnRecord);
            case PurposeOfUse.EmergencyTreatment:
                return DecideBreakGlass(request);
            case PurposeOfUse.Treatment when request.Action == ConsentAction.Access && caller.Has(Role.Clinician)
                && caller.OrganizationId is not null
                && string.Equals(caller.OrganizationId, request.Record.SubmittingOrganizationId, StringComparison.Ordinal):
                return Permit(request, PolicyRule.SubmittingOrganization, DecisionReason.SubmittingOrganizationTreatment);
            default:
                return DecideByConsent(request, consents);
        }
    }

    private static AccessDecision DecideBreakGlass(AccessRequest request)
    {
        var session = request.BreakGlass;
        var reason = request.Action != ConsentAction.Access ? DecisionReason.BreakGlassActionNotPermitted
            : session is null ? DecisionReason.BreakGlassSessionMissing
            : string.IsNullOrWhiteSpace(session.Reason) ? DecisionReason.BreakGlassReasonMissing
            : request.Time < session.StartedAt ? DecisionReason.BreakGlassNotStarted
            : request.Time >= session.EndsAt ? DecisionReason.BreakGlassExpired
            : DecisionReason.BreakGlassAccess;
        var outcome = reason == DecisionReason.BreakGlassAccess ? DecisionOutcome.Permit : DecisionOutcome.Deny;
        return new AccessDecision(outcome, PolicyRule.BreakGlass, null, request.Purpose, BreakGlass: true, reason, request.Time);
    }

    private static AccessDecision DecideByConsent(AccessRequest request, ConsentState consents)
    {
        // Grants come ordered by consent id, so the first grant of a kind is the smallest id of that kind.
        ConsentGrant? permitting = null;
        (ConsentGrant Grant, DecisionReason Reason)? closestMiss = null;
        foreach (var grant in consents.Grants)
        {
            var terms = grant.Terms;
            if (grant.RecordedAt > request.Time || !IsGrantee(terms.Grantee, request.Caller)
                || !terms.Actions.Contains(request.Action) || !terms.Purposes.Contains(request.Purpose))
            {
                continue;
            }

            DecisionReason? miss = !terms.Covers(request.Record.Category)
                ? (request.Record.Category.IsSensitive() ? DecisionReason.SensitiveCategoryNotNamed : null)
                : consents.StatusAt(grant, request.Time) switch
                {
                    GrantStatus.Active => DecisionReason.ConsentGranted,
                    GrantStatus.Revoked => DecisionReason.ConsentRevoked,
                    GrantStatus.Expired => DecisionReason.ConsentExpired,
                    GrantStatus.NotYetActive => DecisionReason.ConsentNotYetActive,
                    GrantStatus.NotYetRecorded => throw new InvalidOperationException("Unrecorded grants were skipped above."),
                    _ => throw new InvalidOperationException("Unknown grant status."),
                };
            if (miss == DecisionReason.ConsentGranted)
            {
                permitting = grant;
                break;
            }

            if (miss is { } kind && (closestMiss is null || Rank(kind) < Rank(closestMiss.Value.Reason)))
            {
                closestMiss = (grant, kind);
            }
        }

        if (permitting is not null)
        {
            return new AccessDecision(DecisionOutcome.Permit, PolicyRule.Consent, permitting.ConsentId, request.Purpose, false, DecisionReason.ConsentGranted, request.Time);
        }

        return closestMiss is { } closest
            ? new AccessDecision(DecisionOutcome.Deny, PolicyRule.Consent, closest.Grant.ConsentId, request.Purpose, false, closest.Reason, request.Time)
            : Deny(request, PolicyRule.DefaultDeny, DecisionReason.NoMatchingConsent);
    }

    private static bool IsGrantee(Grantee grantee, Caller caller) => grantee.Kind switch
    {
        GranteeKind.Organization => caller.OrganizationId is not null && string.Equals(grantee.Id, caller.OrganizationId, StringComparison.Ordinal),
        GranteeKind.User => string.Equals(grantee.Id, caller.UserKey, StringComparison.Ordinal),
        _ => false,
    };

    // Lower ranks explain a denial better: a revocation is the most specific fact about a matching consent.
    private static int Rank(DecisionReason reason) => reason switch
    {
        DecisionReason.ConsentRevoked => 0,
        DecisionReason.ConsentExpired => 1,
        DecisionReason.ConsentNotYetActive => 2,
        DecisionReason.SensitiveCategoryNotNamed => 3,
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "Not a denial reason of the consent rule."),
    };

    private static AccessDecision Permit(AccessRequest request, PolicyRule rule, DecisionReason reason) =>
        new(DecisionOutcome.Permit, rule, null, request.Purpose, false, reason, request.Time);

    private static AccessDecision Deny(AccessRequest request, PolicyRule rule, DecisionReason reason) =>
        new(DecisionOutcome.Deny, rule, null, request.Purpose, false, reason, request.Time);
}
