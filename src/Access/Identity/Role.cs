namespace MedLedger.Access.Identity;

/// <summary>The roles a caller can hold. Names on the wire are the lowercase words (<see cref="RoleNames"/>).</summary>
public enum Role
{
    /// <summary>A clinician of a clinic: submits records; reads them for treatment under the consent policy.</summary>
    Clinician,

    /// <summary>A patient: reads their own records and access log, and manages their consents.</summary>
    Patient,

    /// <summary>An insurer's user: reads or verifies records for payment when a consent grants it.</summary>
    Insurer,

    /// <summary>An auditor: reads access logs and consent state, never record content.</summary>
    Auditor,

    /// <summary>An administrator: manages the directory, never record content.</summary>
    Admin,
}
