using System.Text.Json;
using System.Text.Unicode;

namespace MedLedger.Access.Json;

/// <summary>
/// Parses untrusted JSON strictly: valid UTF-8 without a byte order mark, no comments, no trailing commas, no duplicate
/// member names (a second value must not silently win, threat T14), bounded size and depth.
/// </summary>
internal static class StrictJson
{
    /// <summary>The deepest nesting accepted; every document this library reads is far shallower.</summary>
    public const int MaxDepth = 32;

    private static readonly JsonDocumentOptions Options = new()
    {
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = MaxDepth,
        AllowDuplicateProperties = false,
    };

    /// <summary>Parses <paramref name="utf8"/>; on failure returns null and says why in <paramref name="error"/>.</summary>
    public static JsonDocument? TryParse(ReadOnlySpan<byte> utf8, int maxBytes, out InputError? error)
    {
        error = null;
        if (utf8.IsEmpty)
        {
            error = new InputError("$", "The document is empty.");
            return null;
        }

        if (utf8.Length > maxBytes)
        {
            error = new InputError("$", $"The document is larger than {maxBytes} bytes.");
            return null;
        }

        if (utf8.StartsWith("\uFEFF"u8))
        {
            error = new InputError("$", "The document starts with a byte order mark.");
            return null;
        }

        if (!Utf8.IsValid(utf8))
        {
            error = new InputError("$", "The document is not valid UTF-8.");
            return null;
        }

        try
        {
            return JsonDocument.Parse(utf8.ToArray(), Options);
        }
        catch (JsonException exception)
        {
            // The exception's message can quote input; report only the position.
            error = new InputError(exception.Path ?? "$", $"The document is not well-formed JSON (line {exception.LineNumber + 1}, byte {exception.BytePositionInLine + 1}).");
            return null;
        }
    }
}
