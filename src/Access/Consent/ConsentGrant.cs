using MedLedger.Access.Identifiers;

namespace MedLedger.Access.Consent;

/// <summary>A consent as recorded: who granted which terms for which patient, and when the grant was recorded.</summary>
/// <remarks>Never edited: a revocation is a separate <see cref="ConsentRevocation"/> event.</remarks>
public sealed record ConsentGrant
{
    /// <summary>Creates a grant.</summary>
    /// <exception cref="ArgumentException">An id is malformed.</exception>
    public ConsentGrant(string consentId, string patientId, ConsentTerms terms, DateTimeOffset recordedAt, string grantedBy)
    {
        ArgumentNullException.ThrowIfNull(terms);
        ConsentId = IdentifierSyntax.Require(consentId, nameof(consentId));
        PatientId = IdentifierSyntax.Require(patientId, nameof(patientId));
        GrantedBy = IdentifierSyntax.Require(grantedBy, nameof(grantedBy));
        Terms = terms;
        RecordedAt = recordedAt;
    }

    /// <summary>Gets the consent's id.</summary>
    public string ConsentId { get; }

    /// <summary>Gets the patient whose records the consent concerns.</summary>
    public string PatientId { get; }

    /// <summary>Gets the granted terms.</summary>
    public ConsentTerms Terms { get; }

    /// <summary>Gets when the grant was recorded; before that instant it does not exist for the policy.</summary>
    public DateTimeOffset RecordedAt { get; }

    /// <summary>Gets the user key of whoever recorded the grant (the patient, or a clinician on their behalf).</summary>
    public string GrantedBy { get; }
}
