namespace MedLedger.Access.Consent;

/// <summary>Whom a consent names.</summary>
public enum GranteeKind
{
    /// <summary>An organization: its clinicians or insurer users, within the purposes their role allows.</summary>
    Organization,

    /// <summary>One user, by user key.</summary>
    User,
}
