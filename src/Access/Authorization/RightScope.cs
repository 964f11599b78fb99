namespace MedLedger.Access.Authorization;

/// <summary>How far a role's right to an operation reaches.</summary>
public enum RightScope
{
    /// <summary><c>—</c>: no right.</summary>
    None,

    /// <summary><c>own-organization</c>: on behalf of the caller's own organization only.</summary>
    OwnOrganization,

    /// <summary><c>consent-policy</c>: decided per request by the policy decision point.</summary>
    ConsentPolicy,

    /// <summary><c>own-patient</c>: only for the patient the caller is.</summary>
    OwnPatient,

    /// <summary><c>care-organization</c>: only for patients whose clinic is the caller's organization.</summary>
    CareOrganization,

    /// <summary><c>any-patient</c>: for every patient.</summary>
    AnyPatient,

    /// <summary><c>signed-webhook</c>: only through an HMAC-signed webhook (Standard Webhooks), never with a user session.</summary>
    SignedWebhook,

    /// <summary><c>all</c>: everything the operation covers.</summary>
    All,
}
