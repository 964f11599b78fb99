namespace MedLedger.Access.Consent;

/// <summary>Where a grant stands at an instant.</summary>
public enum GrantStatus
{
    /// <summary>The grant was recorded after the instant: it did not exist yet.</summary>
    NotYetRecorded,

    /// <summary>A revocation was recorded at or before the instant.</summary>
    Revoked,

    /// <summary>The instant is before the period's start.</summary>
    NotYetActive,

    /// <summary>The instant is at or after the period's end.</summary>
    Expired,

    /// <summary>Recorded, not revoked, and within its period.</summary>
    Active,
}
