namespace MedLedger.Infrastructure.Records.Envelope;

/// <summary>A decryption failure: its kind and a short explanation (never any key or plaintext bytes).</summary>
/// <param name="Kind">What went wrong.</param>
/// <param name="Detail">A human-readable explanation.</param>
public sealed record EnvelopeFailure(EnvelopeFailureKind Kind, string Detail);
