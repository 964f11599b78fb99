using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace MedLedger.Ledger.Checkpoints;

/// <summary>A C2SP signed note: a text ending in a newline, a blank line, and one or more signature lines.</summary>
/// <remarks>
/// <para>Follows c2sp.org/signed-note. Parsing is strict: the note must be valid UTF-8 with no control characters but
/// newline (so CRLF is rejected), end with a newline, and carry 1 to <see cref="MaxSignatures"/> signature lines,
/// each an em dash, a space, a key name without spaces or '+', a space, and canonical base64 of at least five bytes.
/// The text is separated from the signatures by the last blank line.</para>
/// <para>This type checks syntax only; <see cref="CheckpointVerifier"/> checks signatures.</para>
/// </remarks>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed class SignedNote
{
    /// <summary>The most signature lines accepted (the specification requires accepting at least 16).</summary>
    public const int MaxSignatures = 100;

    /// <summary>The longest note accepted, in characters.</summary>
    public const int MaxLength = 1 << 20;

    internal const string SignatureLinePrefix = "\u2014 ";

    /// <summary>Creates a note from its text and signatures.</summary>
    /// <exception cref="ArgumentException">The text does not end with a newline or holds control characters, or there are no signatures.</exception>
    public SignedNote(string text, IEnumerable<NoteSignature> signatures)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(signatures);
        if (text.Length == 0 || text[^1] != '\n' || FindForbiddenCharacter(text) is not null)
        {
            throw new ArgumentException("Note text must end with a newline and hold no control characters but newline.", nameof(text));
        }

        Text = text;
        Signatures = [.. signatures];
        if (Signatures.Count is 0 or > MaxSignatures)
        {
            throw new ArgumentException($"A note carries 1 to {MaxSignatures} signatures.", nameof(signatures));
        }
    }

    /// <summary>Gets the signed text, including its final newline (the bytes signatures are computed over, in UTF-8).</summary>
    public string Text { get; }

    /// <summary>Gets the signature lines, in order.</summary>
    public IReadOnlyList<NoteSignature> Signatures { get; }

    /// <summary>Parses a note from UTF-8 bytes; rejects invalid UTF-8 and a byte order mark.</summary>
    public static bool TryParse(
        ReadOnlySpan<byte> utf8, [NotNullWhen(true)] out SignedNote? note, [NotNullWhen(false)] out string? error)
    {
        note = null;
        if (utf8.Length > MaxLength * 3)
        {
            error = "The note is too long.";
            return false;
        }

        if (!System.Text.Unicode.Utf8.IsValid(utf8))
        {
            error = "The note is not valid UTF-8.";
            return false;
        }

        return TryParse(Encoding.UTF8.GetString(utf8), out note, out error);
    }

    /// <summary>Parses a note; the result says what is wrong with non-canonical or malformed input.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out SignedNote? note, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        note = null;
        if (text.Length > MaxLength)
        {
            error = $"The note is longer than {MaxLength} characters.";
            return false;
        }

        error = FindForbiddenCharacter(text);
        if (error is not null)
        {
            return false;
        }

        if (text.Length == 0 || text[^1] != '\n')
        {
            error = "The note does not end with a newline.";
            return false;
        }

        var separator = text.LastIndexOf("\n\n", StringComparison.Ordinal);
        if (separator < 0)
        {
            error = "The note has no blank line before its signatures.";
            return false;
        }

        if (separator + 2 == text.Length)
        {
            error = "The note has no signature lines after its blank line.";
            return false;
        }

        var body = text[..(separator + 1)];
        var lines = text[(separator + 2)..^1].Split('\n');
        if (lines.Length > MaxSignatures)
        {
            error = $"The note has {lines.Length} signature lines; at most {MaxSignatures} are accepted.";
            return false;
        }

        var signatures = new List<NoteSignature>(lines.Length);
        foreach (var line in lines)
        {
            if (!TryParseSignatureLine(line, out var signature, out error))
            {
                return false;
            }

            signatures.Add(signature);
        }

        note = new SignedNote(body, signatures);
        return true;
    }

    /// <summary>Checks a key name: non-empty, without Unicode spaces or '+' (c2sp.org/signed-note).</summary>
    public static bool IsValidKeyName([NotNullWhen(true)] string? keyName) =>
        !string.IsNullOrEmpty(keyName) && keyName.All(c => !char.IsWhiteSpace(c) && c != '+' && !char.IsControl(c));

    /// <summary>Returns the note in its exact wire form: the text, a blank line, and one line per signature.</summary>
    public override string ToString()
    {
        var builder = new StringBuilder(Text.Length + (Signatures.Count * 128));
        builder.Append(Text).Append('\n');
        foreach (var signature in Signatures)
        {
            builder.Append(signature.ToString()).Append('\n');
        }

        return builder.ToString();
    }

    private static bool TryParseSignatureLine(
        string line, [NotNullWhen(true)] out NoteSignature? signature, [NotNullWhen(false)] out string? error)
    {
        signature = null;
        if (!line.StartsWith(SignatureLinePrefix, StringComparison.Ordinal))
        {
            error = "A signature line does not start with an em dash and a space.";
            return false;
        }

        var rest = line[SignatureLinePrefix.Length..];
        var space = rest.IndexOf(' ', StringComparison.Ordinal);
        if (space < 0)
        {
            error = "A signature line has no space between key name and signature.";
            return false;
        }

        var keyName = rest[..space];
        var encoded = rest[(space + 1)..];
        if (!IsValidKeyName(keyName))
        {
            error = $"The key name '{keyName}' is empty or holds spaces or '+'.";
            return false;
        }

        var payload = new byte[(encoded.Length / 4 * 3) + 3];
        if (!Convert.TryFromBase64String(encoded, payload, out var length)
            || length < 5
            || !string.Equals(Convert.ToBase64String(payload, 0, length), encoded, StringComparison.Ordinal))
        {
            error = $"The signature of key '{keyName}' is not canonical base64 of a key id and a signature.";
            return false;
        }

        signature = new NoteSignature(keyName, BinaryPrimitives.ReadUInt32BigEndian(payload), payload.AsSpan(4, length - 4));
        error = null;
        return true;
    }

    private static string? FindForbiddenCharacter(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\r')
            {
                return string.Create(CultureInfo.InvariantCulture, $"The note has a carriage return at character {i}: lines end with a newline alone.");
            }

            if (c < 0x20 && c != '\n')
            {
                return string.Create(CultureInfo.InvariantCulture, $"The note has the control character U+{(int)c:X4} at character {i}.");
            }

            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c) || c == '\uFEFF')
            {
                return string.Create(CultureInfo.InvariantCulture, $"The note has U+{(int)c:X4} at character {i}, which is not allowed.");
            }
        }

        return null;
    }
}
