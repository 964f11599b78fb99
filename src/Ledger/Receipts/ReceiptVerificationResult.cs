using System.Diagnostics.CodeAnalysis;
using MedLedger.Ledger.Checkpoints;
using MedLedger.Ledger.Entries;

namespace MedLedger.Ledger.Receipts;

/// <summary>The outcome of verifying a receipt: the proven entry and checkpoint, or what failed.</summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed class ReceiptVerificationResult
{
    private ReceiptVerificationResult(ReceiptFault fault, string message, LedgerEntry? entry, Checkpoint? checkpoint)
    {
        Fault = fault;
        Message = message;
        Entry = entry;
        Checkpoint = checkpoint;
    }

    /// <summary>Gets whether the receipt proves that its entry is in the log at its index.</summary>
    [MemberNotNullWhen(true, nameof(Entry), nameof(Checkpoint))]
    public bool IsValid => Fault == ReceiptFault.None;

    /// <summary>Gets what failed (<see cref="ReceiptFault.None"/> when valid).</summary>
    public ReceiptFault Fault { get; }

    /// <summary>Gets a human-readable explanation.</summary>
    public string Message { get; }

    /// <summary>Gets the proven entry, when valid.</summary>
    public LedgerEntry? Entry { get; }

    /// <summary>Gets the verified checkpoint, when valid.</summary>
    public Checkpoint? Checkpoint { get; }

    internal static ReceiptVerificationResult Valid(LedgerEntry entry, Checkpoint checkpoint) =>
        new(ReceiptFault.None, $"Entry {entry.Sequence} of '{entry.Log}' is in the log of {checkpoint.TreeSize} entries signed by the trusted key.", entry, checkpoint);

    internal static ReceiptVerificationResult Invalid(ReceiptFault fault, string message) => new(fault, message, null, null);

    /// <summary>Returns the outcome and message.</summary>
    public override string ToString() => IsValid ? Message : $"{Fault}: {Message}";
}
