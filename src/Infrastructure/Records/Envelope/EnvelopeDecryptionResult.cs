using System.Diagnostics.CodeAnalysis;

namespace MedLedger.Infrastructure.Records.Envelope;

/// <summary>The outcome of decrypting an envelope: the plaintext, or a failure — never both.</summary>
public sealed class EnvelopeDecryptionResult
{
    private EnvelopeDecryptionResult(byte[]? plaintext, EnvelopeFailure? failure, string? keyId)
    {
        Plaintext = plaintext;
        Failure = failure;
        KeyId = keyId;
    }

    /// <summary>Gets the plaintext when decryption succeeded.</summary>
    public byte[]? Plaintext { get; }

    /// <summary>Gets why decryption failed, when it did.</summary>
    public EnvelopeFailure? Failure { get; }

    /// <summary>Gets the key encryption key id recorded in the envelope, when the envelope could be parsed.</summary>
    public string? KeyId { get; }

    /// <summary>Gets a value indicating whether decryption succeeded.</summary>
    [MemberNotNullWhen(true, nameof(Plaintext))]
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool Succeeded => Failure is null;

    internal static EnvelopeDecryptionResult Success(byte[] plaintext, string keyId) => new(plaintext, null, keyId);

    internal static EnvelopeDecryptionResult Failed(EnvelopeFailure failure, string? keyId = null) => new(null, failure, keyId);

    internal static EnvelopeDecryptionResult Failed(EnvelopeFailureKind kind, string detail, string? keyId = null) =>
        new(null, new EnvelopeFailure(kind, detail), keyId);
}
