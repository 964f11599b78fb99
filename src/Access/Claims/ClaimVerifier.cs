using MedLedger.Access.Authorization;
using MedLedger.Access.Consent;
using MedLedger.Access.Identity;
using MedLedger.Access.LedgerEvents;
using MedLedger.Access.Policy;

namespace MedLedger.Access.Claims;

/// <summary>
/// Checks an insurer's claim against what the log holds: the consent decision to <c>disclose</c> the record to the
/// insurer for payment comes first, and only a permitted disclosure may reveal anything about the record.
/// </summary>
/// <remarks>
/// <list type="number">
/// <item>No record of that patient with that id or hash: <c>record-not-found</c> — but only to an insurer that holds an
/// active payment disclosure consent from the patient; to any other insurer the answer is <c>consent-missing</c>, so a
/// claim cannot probe which records exist (a forbidden and a missing object answer alike).</item>
/// <item>The policy decides <c>disclose</c> for <c>HPAYMT</c> on the record's attributes. A denial answers with its
/// reason only (<c>consent-missing</c>, <c>consent-revoked</c>, <c>consent-expired</c>, <c>consent-not-yet-active</c>,
/// <c>sensitive-category-not-consented</c>), revealing nothing about the record.</item>
/// <item>A permitted disclosure then compares the claim with the record: a stated hash must be the one the log committed
/// to (<c>record-hash-mismatch</c>), and a record submitted with a date of service must have the claim's
/// (<c>service-date-mismatch</c>).</item>
/// </list>
/// </remarks>
public static class ClaimVerifier
{
    /// <summary>Checks <paramref name="request"/> by <paramref name="insurerId"/>.</summary>
    /// <param name="request">The verified, parsed claim.</param>
    /// <param name="insurerId">The insurer whose signature the webhook carried.</param>
    /// <param name="record">The record the claim names, found in the patient's log; null when there is none.</param>
    /// <param name="consents">The patient's consent history.</param>
    /// <param name="decisionPoint">Supplies the instant.</param>
    /// <param name="notBefore">The newest consent event's time (decisions are made no earlier).</param>
    public static ClaimVerificationOutcome Verify(
        ClaimVerificationRequest request, string insurerId, ClaimRecord? record, ConsentState consents, PolicyDecisionPoint decisionPoint, DateTimeOffset? notBefore = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(consents);
        ArgumentNullException.ThrowIfNull(decisionPoint);
        var insurer = new Caller(insurerId, [Role.Insurer], insurerId);
        if (record is null)
        {
            var now = decisionPoint.Now(notBefore);
            var reason = HoldsPaymentConsent(insurer, consents, now) ? "record-not-found" : "consent-missing";
            return new ClaimVerificationOutcome(
                false,
                [reason == "record-not-found" ? ClaimVerificationReason.RecordNotFound : ClaimVerificationReason.ConsentMissing],
                DecisionDetails.Refusal(AccessOperation.VerifyClaim, reason, now, PurposeOfUse.Payment),
                null);
        }

        var decision = decisionPoint.Decide(insurer, request.PatientId, record.Attributes, ConsentAction.Disclose, PurposeOfUse.Payment, consents, null, notBefore);
        var details = DecisionDetails.FromPolicy(AccessOperation.VerifyClaim, decision, record.RecordId);
        if (!decision.IsPermit)
        {
            return new ClaimVerificationOutcome(false, [ReasonOf(decision.Reason)], details, record.RecordId);
        }

        var reasons = new List<ClaimVerificationReason>();
        if (request.RecordHash is { } stated && stated != record.CiphertextSha256)
        {
            reasons.Add(ClaimVerificationReason.RecordHashMismatch);
        }

        if (record.ServiceDate is { } serviceDate && serviceDate != request.ServiceDate)
        {
            reasons.Add(ClaimVerificationReason.ServiceDateMismatch);
        }

        return new ClaimVerificationOutcome(reasons.Count == 0, reasons, details, record.RecordId);
    }

    private static bool HoldsPaymentConsent(Caller insurer, ConsentState consents, DateTimeOffset now) =>
        consents.Grants.Any(grant =>
            grant.Terms.Grantee.Kind == GranteeKind.Organization && grant.Terms.Grantee.Id == insurer.OrganizationId
            && grant.Terms.Actions.Contains(ConsentAction.Disclose) && grant.Terms.Purposes.Contains(PurposeOfUse.Payment)
            && consents.StatusAt(grant, now) == GrantStatus.Active);

    private static ClaimVerificationReason ReasonOf(DecisionReason reason) => reason switch
    {
        DecisionReason.ConsentRevoked => ClaimVerificationReason.ConsentRevoked,
        DecisionReason.ConsentExpired => ClaimVerificationReason.ConsentExpired,
        DecisionReason.ConsentNotYetActive => ClaimVerificationReason.ConsentNotYetActive,
        DecisionReason.SensitiveCategoryNotNamed => ClaimVerificationReason.SensitiveCategoryNotConsented,
        _ => ClaimVerificationReason.ConsentMissing,
    };
}
