using MedLedger.Ledger.Checkpoints;
using MedLedger.Ledger.Receipts;
using MedLedger.Ledger.Verification;

namespace MedLedger.Cli.Reporting;

/// <summary>The stable, kebab-case names of faults printed after <c>invalid:</c> (scripts may match on them).</summary>
internal static class FaultNames
{
    public static string Of(VerificationFault fault) => fault switch
    {
        VerificationFault.None => "none",
        VerificationFault.MalformedEntry => "malformed-entry",
        VerificationFault.LogMismatch => "log-mismatch",
        VerificationFault.ChangedEntry => "changed-entry",
        VerificationFault.BrokenLink => "broken-link",
        VerificationFault.Gap => "gap",
        VerificationFault.Duplicate => "duplicate",
        VerificationFault.Inserted => "inserted",
        VerificationFault.Reordered => "reordered",
        VerificationFault.RootMismatch => "root-mismatch",
        VerificationFault.Truncated => "truncated",
        VerificationFault.Fork => "fork",
        VerificationFault.MalformedCheckpoint => "malformed-checkpoint",
        VerificationFault.BadSignature => "bad-signature",
        VerificationFault.UnknownKey => "unknown-key",
        _ => throw new ArgumentOutOfRangeException(nameof(fault), fault, null),
    };

    public static string Of(ReceiptFault fault) => fault switch
    {
        ReceiptFault.None => "none",
        ReceiptFault.MalformedReceipt => "malformed-receipt",
        ReceiptFault.UnsupportedFormat => "unsupported-format",
        ReceiptFault.MalformedCheckpoint => "malformed-checkpoint",
        ReceiptFault.UnknownKey => "unknown-key",
        ReceiptFault.BadSignature => "bad-signature",
        ReceiptFault.LogMismatch => "log-mismatch",
        ReceiptFault.IndexOutOfRange => "index-out-of-range",
        ReceiptFault.MalformedEntry => "malformed-entry",
        ReceiptFault.IndexMismatch => "index-mismatch",
        ReceiptFault.NotIncluded => "not-included",
        _ => throw new ArgumentOutOfRangeException(nameof(fault), fault, null),
    };

    public static string Of(CheckpointError error) => error switch
    {
        CheckpointError.None => "none",
        CheckpointError.MalformedNote => "malformed-checkpoint",
        CheckpointError.MalformedCheckpoint => "malformed-checkpoint",
        CheckpointError.UnknownKey => "unknown-key",
        CheckpointError.BadSignature => "bad-signature",
        CheckpointError.OriginMismatch => "log-mismatch",
        _ => throw new ArgumentOutOfRangeException(nameof(error), error, null),
    };
}
