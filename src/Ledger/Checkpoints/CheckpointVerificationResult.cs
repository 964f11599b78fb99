using System.Diagnostics.CodeAnalysis;

namespace MedLedger.Ledger.Checkpoints;

/// <summary>The outcome of checking a signed checkpoint: the checkpoint and who signed it, or why it was rejected.</summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed class CheckpointVerificationResult
{
    private CheckpointVerificationResult(
        CheckpointError error, string message, Checkpoint? checkpoint, SignedNote? note, IReadOnlyList<CheckpointVerifierKey> verifiedBy)
    {
        Error = error;
        Message = message;
        Checkpoint = checkpoint;
        Note = note;
        VerifiedBy = verifiedBy;
    }

    /// <summary>Gets whether the checkpoint is well-formed and signed by at least one trusted key.</summary>
    [MemberNotNullWhen(true, nameof(Checkpoint), nameof(Note))]
    public bool IsValid => Error == CheckpointError.None;

    /// <summary>Gets why the checkpoint was rejected (<see cref="CheckpointError.None"/> when valid).</summary>
    public CheckpointError Error { get; }

    /// <summary>Gets a human-readable explanation.</summary>
    public string Message { get; }

    /// <summary>Gets the verified checkpoint, or <see langword="null"/> when rejected.</summary>
    public Checkpoint? Checkpoint { get; }

    /// <summary>Gets the parsed note, when its syntax was valid.</summary>
    public SignedNote? Note { get; }

    /// <summary>Gets the trusted keys whose signatures verified.</summary>
    public IReadOnlyList<CheckpointVerifierKey> VerifiedBy { get; }

    internal static CheckpointVerificationResult Valid(Checkpoint checkpoint, SignedNote note, IReadOnlyList<CheckpointVerifierKey> verifiedBy) =>
        new(CheckpointError.None, "The checkpoint is signed by " + string.Join(", ", verifiedBy.Select(k => k.Name)) + ".", checkpoint, note, verifiedBy);

    internal static CheckpointVerificationResult Invalid(CheckpointError error, string message, SignedNote? note = null) =>
        new(error, message, null, note, []);

    /// <summary>Returns the outcome and message.</summary>
    public override string ToString() => IsValid ? Message : $"{Error}: {Message}";
}
