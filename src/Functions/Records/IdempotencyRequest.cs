namespace MedLedger.Functions.Records;

/// <summary>An <c>Idempotency-Key</c> and the exact request body it guards.</summary>
/// <param name="Key">The key as the client sent it (validated by <see cref="IdempotencyKeyHeader"/>).</param>
/// <param name="Body">The raw request body: a repeat must send the same bytes.</param>
internal sealed record IdempotencyRequest(string Key, ReadOnlyMemory<byte> Body);
