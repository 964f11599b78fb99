namespace MedLedger.Access.Policy;

/// <summary>Permit or deny.</summary>
public enum DecisionOutcome
{
    /// <summary>The request is denied.</summary>
    Deny,

    /// <summary>The request is permitted.</summary>
    Permit,
}
