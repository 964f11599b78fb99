namespace MedLedger.Access.Policy;

/// <summary>The stable wire codes of <see cref="PolicyRule"/>, <see cref="DecisionReason"/> and <see cref="DecisionOutcome"/>.</summary>
/// <remarks>These codes are written into ledger entries and access-log lines; never rename one.</remarks>
public static class PolicyCodes
{
    /// <summary>Gets the code of <paramref name="outcome"/>: <c>permit</c> or <c>deny</c>.</summary>
    public static string ToCode(this DecisionOutcome outcome) => outcome switch
    {
        DecisionOutcome.Permit => "permit",
        DecisionOutcome.Deny => "deny",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Not a defined outcome."),
    };

    /// <summary>Gets the code of <paramref name="rule"/>.</summary>
    public static string ToCode(this PolicyRule rule) => rule switch
    {
        PolicyRule.RoleRequired => "role-required",
        PolicyRule.RolePurpose => "role-purpose",
        PolicyRule.PatientSelf => "patient-self",
        PolicyRule.BreakGlass => "break-glass",
        PolicyRule.SubmittingOrganization => "submitting-organization",
        PolicyRule.Consent => "consent",
        PolicyRule.DefaultDeny => "default-deny",
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, "Not a defined rule."),
    };

    /// <summary>Gets the code of <paramref name="reason"/>.</summary>
    public static string ToCode(this DecisionReason reason) => reason switch
    {
        DecisionReason.NoRole => "no-role",
        DecisionReason.PurposeNotPermittedForRole => "purpose-not-permitted-for-role",
        DecisionReason.PatientSelfAccess => "patient-self-access",
        DecisionReason.NotOwnRecord => "not-own-record",
        DecisionReason.BreakGlassActionNotPermitted => "break-glass-action-not-permitted",
        DecisionReason.BreakGlassSessionMissing => "break-glass-session-missing",
        DecisionReason.BreakGlassReasonMissing => "break-glass-reason-missing",
        DecisionReason.BreakGlassNotStarted => "break-glass-not-started",
        DecisionReason.BreakGlassExpired => "break-glass-expired",
        DecisionReason.BreakGlassAccess => "break-glass-access",
        DecisionReason.SubmittingOrganizationTreatment => "submitting-organization-treatment",
        DecisionReason.ConsentGranted => "consent-granted",
        DecisionReason.ConsentRevoked => "consent-revoked",
        DecisionReason.ConsentExpired => "consent-expired",
        DecisionReason.ConsentNotYetActive => "consent-not-yet-active",
        DecisionReason.SensitiveCategoryNotNamed => "sensitive-category-not-named",
        DecisionReason.NoMatchingConsent => "no-matching-consent",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "Not a defined reason."),
    };
}
