namespace MedLedger.Access.AccessLog;

/// <summary>What an access-log line records.</summary>
public enum AccessLogEventKind
{
    /// <summary>A record was submitted (FHIR: rest/create).</summary>
    RecordCreated,

    /// <summary>A record's content was requested: permitted and released, or denied (FHIR: rest/read).</summary>
    RecordRead,

    /// <summary>A consent decision without a read, such as a disclosure for claim verification (FHIR: BALP AuthZ-Consent).</summary>
    ConsentDecision,

    /// <summary>A consent was recorded (FHIR: rest/create on Consent).</summary>
    ConsentGranted,

    /// <summary>A consent was revoked (FHIR: rest/update on Consent, status inactive).</summary>
    ConsentRevoked,

    /// <summary>
    /// A decision on an operation other than reading record content — listing consents, reading the access log, or a
    /// refused consent change (FHIR: rest, subtype by operation); <see cref="AccessLogLine.Operation"/> names it.
    /// </summary>
    OperationDecision,

    /// <summary>A clinician opened a break-glass (emergency access) session for the patient (FHIR: DICOM Security Alert, ETREAT).</summary>
    BreakGlassOpened,
}
