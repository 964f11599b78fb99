namespace MedLedger.Infrastructure.Records.Idempotency;

/// <summary>The outcome of claiming an idempotency key.</summary>
/// <param name="Status">Whether the key was new, repeated with the same request, or reused with another.</param>
/// <param name="Record">The record the key stands for: the proposed one when claimed, the stored one otherwise.</param>
public sealed record IdempotencyClaim(IdempotencyClaimStatus Status, IdempotencyRecord Record);
