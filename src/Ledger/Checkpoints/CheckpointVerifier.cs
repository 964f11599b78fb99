using System.Globalization;
using System.Text;

namespace MedLedger.Ledger.Checkpoints;

/// <summary>Checks signed checkpoints against trusted keys, following c2sp.org/signed-note and c2sp.org/tlog-checkpoint.</summary>
/// <remarks>
/// <para>Signature lines whose key name and key id do not both match a trusted key are ignored (rotation, witnesses).
/// A line that does match must verify: one failing trusted signature rejects the whole note, as the specification
/// recommends, even when another trusted signature verifies. At least one trusted signature must verify.</para>
/// <para>The checkpoint text is interpreted only after a trusted signature verified, as the specification requires.</para>
/// </remarks>
public static class CheckpointVerifier
{
    /// <summary>Verifies a signed checkpoint given as text.</summary>
    /// <param name="signedNote">The note in its wire form.</param>
    /// <param name="trustedKeys">The keys whose signatures count.</param>
    /// <param name="expectedOrigin">When given, the checkpoint's origin must equal it (the log name).</param>
    /// <returns>The verified checkpoint or a typed error; never throws for bad input.</returns>
    public static CheckpointVerificationResult Verify(string signedNote, IEnumerable<CheckpointVerifierKey> trustedKeys, string? expectedOrigin = null)
    {
        ArgumentNullException.ThrowIfNull(signedNote);
        ArgumentNullException.ThrowIfNull(trustedKeys);
        return SignedNote.TryParse(signedNote, out var note, out var error)
            ? Verify(note, trustedKeys, expectedOrigin)
            : CheckpointVerificationResult.Invalid(CheckpointError.MalformedNote, error);
    }

    /// <summary>Verifies a signed checkpoint given as UTF-8 bytes (for example a file's content).</summary>
    /// <inheritdoc cref="Verify(string, IEnumerable{CheckpointVerifierKey}, string?)"/>
    public static CheckpointVerificationResult Verify(ReadOnlySpan<byte> signedNote, IEnumerable<CheckpointVerifierKey> trustedKeys, string? expectedOrigin = null)
    {
        ArgumentNullException.ThrowIfNull(trustedKeys);
        return SignedNote.TryParse(signedNote, out var note, out var error)
            ? Verify(note, trustedKeys, expectedOrigin)
            : CheckpointVerificationResult.Invalid(CheckpointError.MalformedNote, error);
    }

    /// <summary>Verifies a parsed signed note as a checkpoint.</summary>
    /// <inheritdoc cref="Verify(string, IEnumerable{CheckpointVerifierKey}, string?)"/>
    public static CheckpointVerificationResult Verify(SignedNote note, IEnumerable<CheckpointVerifierKey> trustedKeys, string? expectedOrigin = null)
    {
        ArgumentNullException.ThrowIfNull(note);
        ArgumentNullException.ThrowIfNull(trustedKeys);
        var keys = trustedKeys.ToList();
        var message = Encoding.UTF8.GetBytes(note.Text);
        var verifiedBy = new List<CheckpointVerifierKey>();
        foreach (var signature in note.Signatures)
        {
            var key = keys.Find(k => k.KeyId == signature.KeyId && string.Equals(k.Name, signature.KeyName, StringComparison.Ordinal));
            if (key is null)
            {
                continue;
            }

            if (!key.Verify(message, signature.Signature.Span))
            {
                return CheckpointVerificationResult.Invalid(
                    CheckpointError.BadSignature,
                    string.Create(CultureInfo.InvariantCulture, $"The signature of trusted key '{key.Name}' ({key.KeyId:x8}) does not verify: the note was altered or signed by another key."),
                    note);
            }

            if (!verifiedBy.Contains(key))
            {
                verifiedBy.Add(key);
            }
        }

        if (verifiedBy.Count == 0)
        {
            var found = string.Join(", ", note.Signatures.Select(s => string.Create(CultureInfo.InvariantCulture, $"'{s.KeyName}' ({s.KeyId:x8})")));
            var trusted = keys.Count == 0
                ? "no keys are trusted"
                : "trusted: " + string.Join(", ", keys.Select(k => string.Create(CultureInfo.InvariantCulture, $"'{k.Name}' ({k.KeyId:x8})")));
            return CheckpointVerificationResult.Invalid(
                CheckpointError.UnknownKey, $"No signature is from a trusted key (signed by {found}; {trusted}).", note);
        }

        if (!Checkpoint.TryParse(note.Text, out var checkpoint, out var error))
        {
            return CheckpointVerificationResult.Invalid(CheckpointError.MalformedCheckpoint, error, note);
        }

        if (expectedOrigin is not null && !string.Equals(checkpoint.Origin, expectedOrigin, StringComparison.Ordinal))
        {
            return CheckpointVerificationResult.Invalid(
                CheckpointError.OriginMismatch, $"The checkpoint is for '{checkpoint.Origin}', not '{expectedOrigin}'.", note);
        }

        return CheckpointVerificationResult.Valid(checkpoint, note, verifiedBy);
    }
}
