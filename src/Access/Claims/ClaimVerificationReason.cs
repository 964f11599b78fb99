namespace MedLedger.Access.Claims;

/// <summary>Why a claim was not verified; codes (<see cref="ClaimVerificationAnswer"/>) are stable.</summary>
public enum ClaimVerificationReason
{
    /// <summary><c>record-not-found</c>: no record with that id or hash for that patient (the same answer whether it exists for another patient or not at all).</summary>
    RecordNotFound,

    /// <summary><c>record-hash-mismatch</c>: the record named by id is stored with a different hash than the claim states.</summary>
    RecordHashMismatch,

    /// <summary><c>consent-missing</c>: no consent names the insurer for disclosure for payment.</summary>
    ConsentMissing,

    /// <summary><c>consent-revoked</c>.</summary>
    ConsentRevoked,

    /// <summary><c>consent-expired</c>.</summary>
    ConsentExpired,

    /// <summary><c>consent-not-yet-active</c>.</summary>
    ConsentNotYetActive,

    /// <summary><c>sensitive-category-not-consented</c>: the record is in a sensitive category the consent does not name.</summary>
    SensitiveCategoryNotConsented,

    /// <summary><c>service-date-mismatch</c>: the record's date of service differs from the claim's.</summary>
    ServiceDateMismatch,
}
