namespace MedLedger.Infrastructure.Records.Idempotency;

/// <summary>What one idempotency key stands for: the request it was first used with and the answer that request got.</summary>
/// <param name="Key">The scoped key (the caller's key and identity, already hashed or MACed by the caller): at most 512 characters of <c>A-Z a-z 0-9 - _</c>.</param>
/// <param name="RequestFingerprint">A fingerprint of the first request's body (a MAC, not a plain hash, so a stored row reveals nothing); same characters.</param>
/// <param name="RecordId">The record id answered.</param>
/// <param name="EventId">The ledger event id answered.</param>
/// <param name="Completed">Whether the request's work (blob and queue message) is known to be done.</param>
public sealed record IdempotencyRecord(string Key, string RequestFingerprint, string RecordId, string EventId, bool Completed);
