namespace MedLedger.Functions.Records;

/// <summary>How a record submission ended.</summary>
internal enum IntakeStatus
{
    /// <summary>The record is stored and its ledger event is queued (or was, for a repeated idempotent request).</summary>
    Accepted = 1,

    /// <summary>The idempotency key was first used with a different request; nothing was done.</summary>
    IdempotencyKeyReused = 2,
}
