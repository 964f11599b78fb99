using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using MedLedger.Ledger.Hashing;

namespace MedLedger.Ledger.Checkpoints;

/// <summary>A C2SP tlog-checkpoint: the origin, size and root hash of the log's Merkle tree at one moment.</summary>
/// <remarks>
/// <para>The note text is <c>origin\nsize\nbase64(root)\n</c> (c2sp.org/tlog-checkpoint). The size is decimal without
/// leading zeros or sign; the root is canonical base64 of the RFC 9162 tree hash. Every line must be non-empty, so a
/// doubled blank line is rejected.</para>
/// <para>Extension lines (lines after the root) are never written by this library. When a parsed checkpoint has them
/// they are kept verbatim in <see cref="Extensions"/> and are covered by the signature like the rest of the text, so
/// notes from other logs (Rekor, for example, adds a timestamp line) still verify; nothing here interprets them.</para>
/// <para>For a MedLedger log the origin is the log name.</para>
/// </remarks>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed class Checkpoint
{
    /// <summary>Creates a checkpoint without extension lines.</summary>
    /// <exception cref="ArgumentException">The origin is empty, holds control characters, or starts or ends with whitespace.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The size is negative.</exception>
    public Checkpoint(string origin, long treeSize, LedgerHash rootHash)
        : this(origin, treeSize, rootHash, [])
    {
    }

    private Checkpoint(string origin, long treeSize, LedgerHash rootHash, IReadOnlyList<string> extensions)
    {
        if (!IsValidOrigin(origin))
        {
            throw new ArgumentException(
                "A checkpoint origin is a non-empty line without control characters or surrounding whitespace.", nameof(origin));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(treeSize);
        Origin = origin;
        TreeSize = treeSize;
        RootHash = rootHash;
        Extensions = extensions;
    }

    /// <summary>Gets the identity of the log that issued the checkpoint.</summary>
    public string Origin { get; }

    /// <summary>Gets the number of entries the checkpoint covers.</summary>
    public long TreeSize { get; }

    /// <summary>Gets the RFC 9162 root hash of the first <see cref="TreeSize"/> entries.</summary>
    public LedgerHash RootHash { get; }

    /// <summary>Gets the extension lines of a parsed checkpoint, verbatim (empty for checkpoints this library creates).</summary>
    public IReadOnlyList<string> Extensions { get; }

    /// <summary>Returns the note text: the lines this checkpoint consists of, each ending in a newline.</summary>
    public string ToNoteText()
    {
        var builder = new StringBuilder()
            .Append(Origin).Append('\n')
            .Append(TreeSize.ToString(CultureInfo.InvariantCulture)).Append('\n')
            .Append(RootHash.ToBase64()).Append('\n');
        foreach (var line in Extensions)
        {
            builder.Append(line).Append('\n');
        }

        return builder.ToString();
    }

    /// <summary>Parses the text of a checkpoint note (the part above the blank line), strictly.</summary>
    public static bool TryParse(string noteText, [NotNullWhen(true)] out Checkpoint? checkpoint, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(noteText);
        checkpoint = null;
        if (noteText.Length == 0 || noteText[^1] != '\n')
        {
            error = "The checkpoint text does not end with a newline.";
            return false;
        }

        var lines = noteText[..^1].Split('\n');
        if (lines.Length < 3)
        {
            error = "A checkpoint has at least three lines: origin, tree size and root hash.";
            return false;
        }

        var empty = Array.FindIndex(lines, line => line.Length == 0);
        if (empty >= 0)
        {
            error = string.Create(CultureInfo.InvariantCulture, $"Line {empty + 1} of the checkpoint is empty.");
            return false;
        }

        if (!IsValidOrigin(lines[0]))
        {
            error = "The origin line holds control characters or starts or ends with whitespace.";
            return false;
        }

        if (!TryParseSize(lines[1], out var size))
        {
            error = $"The tree size '{lines[1]}' is not a decimal number without sign or leading zeros that fits in 64 bits.";
            return false;
        }

        if (!LedgerHash.TryParseBase64(lines[2], out var root))
        {
            error = $"The root hash '{lines[2]}' is not canonical base64 of 32 bytes.";
            return false;
        }

        checkpoint = new Checkpoint(lines[0], size, root, lines[3..]);
        error = null;
        return true;
    }

    /// <summary>Signs the checkpoint with one key and returns the signed note in its wire form.</summary>
    /// <exception cref="InvalidOperationException">The signer returned a signature that does not verify under its own public key.</exception>
    public Task<string> SignAsync(ICheckpointSigner signer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signer);
        return SignAsync([signer], cancellationToken);
    }

    /// <summary>Signs the checkpoint with every signer (for example during key rotation) and returns the signed note.</summary>
    /// <remarks>
    /// Each signature is checked against the signer's public key before the note is returned: a signer that returns the
    /// wrong encoding (Key Vault's raw r‖s instead of DER, say) fails here rather than in a verifier months later.
    /// </remarks>
    /// <exception cref="ArgumentException">There are no signers, or a signer's key name or public key is invalid.</exception>
    /// <exception cref="InvalidOperationException">A signature does not verify under its signer's public key.</exception>
    public async Task<string> SignAsync(IReadOnlyList<ICheckpointSigner> signers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signers);
        if (signers.Count == 0)
        {
            throw new ArgumentException("At least one signer is needed.", nameof(signers));
        }

        var text = ToNoteText();
        var message = Encoding.UTF8.GetBytes(text);
        var signatures = new List<NoteSignature>(signers.Count);
        foreach (var signer in signers)
        {
            using var key = CheckpointVerifierKey.FromPublicKeyInfo(signer.KeyName, signer.PublicKeyInfo.Span);
            var signature = await signer.SignAsync(message, cancellationToken).ConfigureAwait(false);
            if (!key.Verify(message, signature))
            {
                throw new InvalidOperationException(
                    $"The signer '{signer.KeyName}' returned a signature that does not verify under its public key; signatures must be ASN.1 DER ECDSA P-256 over SHA-256.");
            }

            signatures.Add(new NoteSignature(signer.KeyName, key.KeyId, signature));
        }

        return new SignedNote(text, signatures).ToString();
    }

    /// <summary>Returns the note text.</summary>
    public override string ToString() => ToNoteText();

    private static bool IsValidOrigin(string? origin) =>
        !string.IsNullOrEmpty(origin)
        && !char.IsWhiteSpace(origin[0])
        && !char.IsWhiteSpace(origin[^1])
        && !origin.Any(char.IsControl);

    private static bool TryParseSize(string text, out long size)
    {
        size = 0;
        return text.Length is > 0 and <= 19
            && (text[0] != '0' || text.Length == 1)
            && text.All(char.IsAsciiDigit)
            && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out size);
    }
}
