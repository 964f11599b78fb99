namespace MedLedger.Access.Consent;

/// <summary>What a consent lets the grantee do (FHIR <c>consentaction</c> codes we support).</summary>
public enum ConsentAction
{
    /// <summary><c>access</c>: read the record's content.</summary>
    Access,

    /// <summary><c>disclose</c>: have the record's existence and integrity confirmed to the grantee (insurer claim verification).</summary>
    Disclose,
}
