using System.Globalization;
using System.Text;
using MedLedger.Ledger.Checkpoints;
using MedLedger.Ledger.Entries;
using MedLedger.Ledger.Merkle;

namespace MedLedger.Ledger.Receipts;

/// <summary>Verifies receipts offline, with only the log's public key(s).</summary>
/// <remarks>
/// The checks, in order: canonical receipt JSON; a trusted signature on the checkpoint; the receipt's log equal to the
/// checkpoint's origin (and to the expected log, when given); index smaller than the tree size; valid entry bytes whose
/// own <c>log</c> and <c>seq</c> agree; and the inclusion proof from SHA-256(0x00 ‖ entry) to the signed root
/// (RFC 9162 §2.1.3.2). The first failing check is reported.
/// </remarks>
public static class ReceiptVerifier
{
    /// <summary>Verifies receipt JSON given as UTF-8 bytes.</summary>
    /// <param name="receiptJson">The receipt exactly as produced by <see cref="Receipt.ToJson"/>.</param>
    /// <param name="trustedKeys">The keys whose checkpoint signatures count.</param>
    /// <param name="expectedLog">When given, the receipt must be for this log.</param>
    /// <returns>The outcome; never throws for bad input.</returns>
    public static ReceiptVerificationResult Verify(ReadOnlySpan<byte> receiptJson, IEnumerable<CheckpointVerifierKey> trustedKeys, string? expectedLog = null)
    {
        ArgumentNullException.ThrowIfNull(trustedKeys);
        return Receipt.TryParse(receiptJson, out var receipt, out var fault, out var error)
            ? Verify(receipt, trustedKeys, expectedLog)
            : ReceiptVerificationResult.Invalid(fault, error);
    }

    /// <summary>Verifies receipt JSON given as text.</summary>
    /// <inheritdoc cref="Verify(ReadOnlySpan{byte}, IEnumerable{CheckpointVerifierKey}, string?)"/>
    public static ReceiptVerificationResult Verify(string receiptJson, IEnumerable<CheckpointVerifierKey> trustedKeys, string? expectedLog = null)
    {
        ArgumentNullException.ThrowIfNull(receiptJson);
        return Verify(Encoding.UTF8.GetBytes(receiptJson), trustedKeys, expectedLog);
    }

    /// <summary>Verifies a parsed receipt.</summary>
    /// <inheritdoc cref="Verify(ReadOnlySpan{byte}, IEnumerable{CheckpointVerifierKey}, string?)"/>
    public static ReceiptVerificationResult Verify(Receipt receipt, IEnumerable<CheckpointVerifierKey> trustedKeys, string? expectedLog = null)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        ArgumentNullException.ThrowIfNull(trustedKeys);
        var signed = CheckpointVerifier.Verify(receipt.Checkpoint, trustedKeys);
        if (!signed.IsValid)
        {
            var fault = signed.Error switch
            {
                CheckpointError.UnknownKey => ReceiptFault.UnknownKey,
                CheckpointError.BadSignature => ReceiptFault.BadSignature,
                CheckpointError.MalformedNote or CheckpointError.MalformedCheckpoint => ReceiptFault.MalformedCheckpoint,
                CheckpointError.OriginMismatch => ReceiptFault.LogMismatch,
                CheckpointError.None => throw new System.Diagnostics.UnreachableException(),
                _ => throw new System.Diagnostics.UnreachableException(),
            };
            return ReceiptVerificationResult.Invalid(fault, "The checkpoint is not accepted: " + signed.Message);
        }

        var checkpoint = signed.Checkpoint;
        if (checkpoint.Origin != receipt.Log)
        {
            return ReceiptVerificationResult.Invalid(
                ReceiptFault.LogMismatch, $"The receipt is for log '{receipt.Log}' but its checkpoint is for '{checkpoint.Origin}'.");
        }

        if (expectedLog is not null && receipt.Log != expectedLog)
        {
            return ReceiptVerificationResult.Invalid(ReceiptFault.LogMismatch, $"The receipt is for log '{receipt.Log}', not '{expectedLog}'.");
        }

        if (receipt.Index >= checkpoint.TreeSize)
        {
            return ReceiptVerificationResult.Invalid(
                ReceiptFault.IndexOutOfRange,
                string.Create(CultureInfo.InvariantCulture, $"Index {receipt.Index} is not covered by the checkpoint of {checkpoint.TreeSize} entries."));
        }

        var parsed = LedgerEntry.Parse(receipt.Entry.Span);
        if (!parsed.IsSuccess)
        {
            return ReceiptVerificationResult.Invalid(ReceiptFault.MalformedEntry, "The entry is not valid: " + parsed.Message);
        }

        var entry = parsed.Entry;
        if (entry.Log != receipt.Log)
        {
            return ReceiptVerificationResult.Invalid(ReceiptFault.LogMismatch, $"The entry belongs to log '{entry.Log}', the receipt to '{receipt.Log}'.");
        }

        if (entry.Sequence != receipt.Index)
        {
            return ReceiptVerificationResult.Invalid(
                ReceiptFault.IndexMismatch,
                string.Create(CultureInfo.InvariantCulture, $"The entry says it is number {entry.Sequence}; the receipt says {receipt.Index}."));
        }

        if (!MerkleProofs.VerifyInclusion(receipt.Index, checkpoint.TreeSize, entry.LeafHash, receipt.InclusionProof, checkpoint.RootHash))
        {
            return ReceiptVerificationResult.Invalid(
                ReceiptFault.NotIncluded,
                string.Create(CultureInfo.InvariantCulture, $"The inclusion proof ({receipt.InclusionProof.Count} hashes) does not lead from the entry to the signed root of {checkpoint.TreeSize} entries."));
        }

        return ReceiptVerificationResult.Valid(entry, checkpoint);
    }
}
