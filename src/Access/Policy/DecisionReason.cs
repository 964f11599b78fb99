namespace MedLedger.Access.Policy;

/// <summary>Why a decision came out as it did; the codes (<see cref="PolicyCodes"/>) are stable and go into the ledger.</summary>
public enum DecisionReason
{
    /// <summary><c>no-role</c> (deny).</summary>
    NoRole,

    /// <summary><c>purpose-not-permitted-for-role</c> (deny): e.g. an auditor asking for record content, an insurer stating TREAT.</summary>
    PurposeNotPermittedForRole,

    /// <summary><c>patient-self-access</c> (permit).</summary>
    PatientSelfAccess,

    /// <summary><c>not-own-record</c> (deny): a patient asking for another patient's record, or for anything but access.</summary>
    NotOwnRecord,

    /// <summary><c>break-glass-action-not-permitted</c> (deny): break-glass covers access only, never disclosure.</summary>
    BreakGlassActionNotPermitted,

    /// <summary><c>break-glass-session-missing</c> (deny).</summary>
    BreakGlassSessionMissing,

    /// <summary><c>break-glass-reason-missing</c> (deny).</summary>
    BreakGlassReasonMissing,

    /// <summary><c>break-glass-not-started</c> (deny): the session starts after the request.</summary>
    BreakGlassNotStarted,

    /// <summary><c>break-glass-expired</c> (deny): more than an hour after the session started.</summary>
    BreakGlassExpired,

    /// <summary><c>break-glass-access</c> (permit, flagged).</summary>
    BreakGlassAccess,

    /// <summary><c>submitting-organization-treatment</c> (permit).</summary>
    SubmittingOrganizationTreatment,

    /// <summary><c>consent-granted</c> (permit).</summary>
    ConsentGranted,

    /// <summary><c>consent-revoked</c> (deny): the matching consent was revoked.</summary>
    ConsentRevoked,

    /// <summary><c>consent-expired</c> (deny): the matching consent's period has ended.</summary>
    ConsentExpired,

    /// <summary><c>consent-not-yet-active</c> (deny): the matching consent's period has not started.</summary>
    ConsentNotYetActive,

    /// <summary><c>sensitive-category-not-named</c> (deny): a consent matches except that it does not name the record's sensitive category.</summary>
    SensitiveCategoryNotNamed,

    /// <summary><c>no-matching-consent</c> (deny).</summary>
    NoMatchingConsent,
}
