namespace MedLedger.Infrastructure.Records.Idempotency;

/// <summary>How <see cref="TableIdempotencyStore.ClaimAsync"/> ended.</summary>
public enum IdempotencyClaimStatus
{
    /// <summary>The key was new: it now stands for the proposed record.</summary>
    Claimed = 1,

    /// <summary>The key was used before with the same request: the stored record is the answer (and maybe unfinished work).</summary>
    Repeated = 2,

    /// <summary>The key was used before with a different request: nothing may be done with it.</summary>
    Mismatch = 3,
}
