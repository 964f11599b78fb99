using MedLedger.Access.Consent;
using MedLedger.Access.Identifiers;
using MedLedger.Access.Identity;

namespace MedLedger.Access.Policy;

/// <summary>One question to the policy: may this caller do this to this patient's record, for this purpose, at this instant?</summary>
public sealed record AccessRequest
{
    /// <summary>Creates a request.</summary>
    /// <exception cref="ArgumentException"><paramref name="patientId"/> is malformed.</exception>
    public AccessRequest(
        Caller caller,
        string patientId,
        RecordAttributes record,
        ConsentAction action,
        PurposeOfUse purpose,
        DateTimeOffset time,
        BreakGlassSession? breakGlass = null)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(record);
        Caller = caller;
        PatientId = IdentifierSyntax.Require(patientId, nameof(patientId));
        Record = record;
        Action = action;
        Purpose = purpose;
        Time = time;
        BreakGlass = breakGlass;
    }

    /// <summary>Gets the caller.</summary>
    public Caller Caller { get; }

    /// <summary>Gets the patient whose record is requested.</summary>
    public string PatientId { get; }

    /// <summary>Gets the record's attributes.</summary>
    public RecordAttributes Record { get; }

    /// <summary>Gets the requested action.</summary>
    public ConsentAction Action { get; }

    /// <summary>Gets the stated purpose.</summary>
    public PurposeOfUse Purpose { get; }

    /// <summary>Gets the instant the request is decided at.</summary>
    public DateTimeOffset Time { get; }

    /// <summary>Gets the caller's break-glass session, for <see cref="PurposeOfUse.EmergencyTreatment"/>.</summary>
    public BreakGlassSession? BreakGlass { get; }
}
