namespace MedLedger.Access.Policy;

/// <summary>The rule of the policy that decided a request; rules are tried in declaration order (docs/authorization.md).</summary>
public enum PolicyRule
{
    /// <summary><c>role-required</c>: a caller without roles is denied.</summary>
    RoleRequired,

    /// <summary><c>role-purpose</c>: the purpose must be one the caller's roles may state.</summary>
    RolePurpose,

    /// <summary><c>patient-self</c>: a patient reads their own records (PATRQT).</summary>
    PatientSelf,

    /// <summary><c>break-glass</c>: a clinician's emergency access (ETREAT) within a session with a reason.</summary>
    BreakGlass,

    /// <summary><c>submitting-organization</c>: the submitting clinic's clinicians read for treatment.</summary>
    SubmittingOrganization,

    /// <summary><c>consent</c>: an active consent matching grantee, action, purpose and category.</summary>
    Consent,

    /// <summary><c>default-deny</c>: nothing permits the request.</summary>
    DefaultDeny,
}
