namespace MedLedger.Access.Authorization;

/// <summary>What a caller asks to do; each HTTP endpoint maps to one operation.</summary>
public enum AccessOperation
{
    /// <summary><c>submit-record</c>: submit a record for a patient.</summary>
    SubmitRecord,

    /// <summary><c>read-record</c>: read a record's content (decided by <see cref="Policy.AccessPolicy"/>).</summary>
    ReadRecord,

    /// <summary><c>read-access-log</c>: read a patient's access log (JSON or FHIR AuditEvent).</summary>
    ReadAccessLog,

    /// <summary><c>list-consents</c>: list a patient's consents (JSON or FHIR Consent).</summary>
    ListConsents,

    /// <summary><c>grant-consent</c>: record a consent (JSON or FHIR Consent import).</summary>
    GrantConsent,

    /// <summary><c>revoke-consent</c>: revoke a consent.</summary>
    RevokeConsent,

    /// <summary><c>verify-claim</c>: an insurer's claim verification (signed webhook, not Easy Auth).</summary>
    VerifyClaim,

    /// <summary><c>manage-directory</c>: read and change directory entries.</summary>
    ManageDirectory,
}
