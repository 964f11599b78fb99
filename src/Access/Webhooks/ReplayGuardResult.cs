namespace MedLedger.Access.Webhooks;

/// <summary>What the replay guard says about a delivery.</summary>
public enum ReplayGuardResult
{
    /// <summary>First time this insurer delivered this id: recorded.</summary>
    FirstDelivery,

    /// <summary>Seen before within its window.</summary>
    Replay,

    /// <summary>The guard cannot remember more deliveries right now; the caller must refuse (fail closed).</summary>
    Full,
}
