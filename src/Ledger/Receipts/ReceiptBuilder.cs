using MedLedger.Ledger.Checkpoints;
using MedLedger.Ledger.Entries;
using MedLedger.Ledger.Hashing;
using MedLedger.Ledger.Merkle;

namespace MedLedger.Ledger.Receipts;

/// <summary>Assembles receipts from the parts the log serves: entry bytes, index, inclusion proof and signed checkpoint.</summary>
public static class ReceiptBuilder
{
    /// <summary>Builds a receipt, checking that the parts fit together so that no receipt is handed out that cannot verify.</summary>
    /// <param name="entry">The entry's bytes as stored.</param>
    /// <param name="index">The entry's index.</param>
    /// <param name="inclusionProof">The RFC 9162 inclusion proof of the entry in the checkpoint's tree.</param>
    /// <param name="signedCheckpoint">The signed checkpoint note the proof leads to.</param>
    /// <exception cref="ArgumentException">
    /// The entry is malformed or has another index, the note is malformed, the checkpoint is for another log or too small,
    /// or the proof does not lead to the checkpoint's root. (Signatures are not checked here: the builder holds no keys.)
    /// </exception>
    public static Receipt Build(ReadOnlySpan<byte> entry, long index, IReadOnlyList<LedgerHash> inclusionProof, string signedCheckpoint)
    {
        ArgumentNullException.ThrowIfNull(inclusionProof);
        ArgumentNullException.ThrowIfNull(signedCheckpoint);
        var parsed = LedgerEntry.Parse(entry);
        if (!parsed.IsSuccess)
        {
            throw new ArgumentException("The entry is not valid: " + parsed.Message, nameof(entry));
        }

        if (parsed.Entry.Sequence != index)
        {
            throw new ArgumentException($"The entry has index {parsed.Entry.Sequence}, not {index}.", nameof(index));
        }

        if (!SignedNote.TryParse(signedCheckpoint, out var note, out var error) || !Checkpoint.TryParse(note.Text, out var checkpoint, out error))
        {
            throw new ArgumentException("The checkpoint is not valid: " + error, nameof(signedCheckpoint));
        }

        if (checkpoint.Origin != parsed.Entry.Log)
        {
            throw new ArgumentException($"The checkpoint is for '{checkpoint.Origin}', the entry for '{parsed.Entry.Log}'.", nameof(signedCheckpoint));
        }

        if (index >= checkpoint.TreeSize)
        {
            throw new ArgumentException($"The checkpoint covers {checkpoint.TreeSize} entries, not index {index}.", nameof(signedCheckpoint));
        }

        if (inclusionProof.Count > Receipt.MaxProofLength
            || !MerkleProofs.VerifyInclusion(index, checkpoint.TreeSize, parsed.Entry.LeafHash, inclusionProof, checkpoint.RootHash))
        {
            throw new ArgumentException("The inclusion proof does not lead from the entry to the checkpoint's root.", nameof(inclusionProof));
        }

        return new Receipt(checkpoint.Origin, index, entry, inclusionProof, signedCheckpoint);
    }
}
