using MedLedger.Access.Identifiers;

namespace MedLedger.Access.Consent;

/// <summary>The revocation of a consent: a new event referencing the grant, effective from <see cref="RecordedAt"/> on.</summary>
public sealed record ConsentRevocation
{
    /// <summary>Creates a revocation.</summary>
    /// <exception cref="ArgumentException">An id is malformed.</exception>
    public ConsentRevocation(string consentId, string patientId, DateTimeOffset recordedAt, string revokedBy)
    {
        ConsentId = IdentifierSyntax.Require(consentId, nameof(consentId));
        PatientId = IdentifierSyntax.Require(patientId, nameof(patientId));
        RevokedBy = IdentifierSyntax.Require(revokedBy, nameof(revokedBy));
        RecordedAt = recordedAt;
    }

    /// <summary>Gets the id of the revoked consent.</summary>
    public string ConsentId { get; }

    /// <summary>Gets the patient the consent concerns.</summary>
    public string PatientId { get; }

    /// <summary>Gets when the revocation was recorded: every request at or after this instant is decided without the grant.</summary>
    public DateTimeOffset RecordedAt { get; }

    /// <summary>Gets the user key of whoever revoked.</summary>
    public string RevokedBy { get; }
}
