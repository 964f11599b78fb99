using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Primitives;

namespace MedLedger.Functions.Records;

/// <summary>
/// Reads the <c>Idempotency-Key</c> request header (IETF draft-ietf-httpapi-idempotency-key-header): a structured-field
/// string, <c>"…"</c>, or — as many clients send it — the same text unquoted. 1 to 255 printable ASCII characters with
/// no quote or backslash inside.
/// </summary>
internal static class IdempotencyKeyHeader
{
    /// <summary>The header name.</summary>
    public const string Name = "Idempotency-Key";

    /// <summary>The longest key accepted.</summary>
    public const int MaxLength = 255;

    /// <summary>Reads the header; absent is success with a <see langword="null"/> key, a malformed or repeated header is a failure.</summary>
    public static bool TryRead(StringValues values, out string? key, [NotNullWhen(false)] out string? error)
    {
        key = null;
        error = null;
        if (values.Count == 0)
        {
            return true;
        }

        if (values.Count > 1)
        {
            error = "Send one Idempotency-Key header.";
            return false;
        }

        var text = values[0] ?? string.Empty;
        if (text.Length >= 2 && text[0] == '"' && text[^1] == '"')
        {
            text = text[1..^1];
        }

        if (text.Length is 0 or > MaxLength || text.Any(c => c is < '!' or > '~' or '"' or '\\'))
        {
            error = $"The Idempotency-Key must be 1 to {MaxLength} printable ASCII characters without spaces, quotes or backslashes.";
            return false;
        }

        key = text;
        return true;
    }
}
