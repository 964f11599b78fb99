namespace MedLedger.Access.UserDirectory;

/// <summary>What an organization is; decides which roles its members may hold.</summary>
public enum OrganizationKind
{
    /// <summary>A clinic: submits records; its members are clinicians.</summary>
    Clinic,

    /// <summary>An insurer: verifies claims; its members are insurer users.</summary>
    Insurer,
}
