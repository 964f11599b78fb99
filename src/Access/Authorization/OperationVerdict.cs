namespace MedLedger.Access.Authorization;

/// <summary>The role check's answer.</summary>
public enum OperationVerdict
{
    /// <summary>Denied: answer exactly as for a missing object (404), and log the denial.</summary>
    Denied,

    /// <summary>Allowed by role and scope.</summary>
    Allowed,

    /// <summary>Allowed to ask; the policy decision point decides per record (<see cref="RightScope.ConsentPolicy"/>).</summary>
    RequiresPolicyDecision,
}
