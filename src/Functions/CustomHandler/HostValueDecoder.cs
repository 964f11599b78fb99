using System.Globalization;
using System.Text.Json;

namespace MedLedger.Functions.CustomHandler;

/// <summary>
/// Reads Data and Metadata values in both forms the host is known to send (azure-protocols.md §1.5–§1.6): the
/// documented one (<c>"DequeueCount": 1</c>, <c>"Id": "800a…"</c>) and the one the host code actually emits, where a
/// string value is JSON-encoded once more (<c>"DequeueCount": "1"</c>, <c>"Id": "\"800a…\""</c>, a message text
/// wrapped in an extra JSON string literal).
/// </summary>
/// <remarks>
/// A string is unwrapped at most once, and only when its whole content is one JSON string literal. The ledger's
/// queue messages are JSON objects, so a message can never be mistaken for a wrapped one.
/// </remarks>
public static class HostValueDecoder
{
    /// <summary>Returns the text of a value: a string (unwrapped once when double-encoded), or the raw JSON of an object or array; <see langword="null"/> for JSON null.</summary>
    public static string? ReadText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => Unwrap(value.GetString()!),
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => value.GetRawText(),
    };

    /// <summary>Reads an integer given as a JSON number or as a (possibly double-encoded) decimal string.</summary>
    public static bool TryReadInt64(JsonElement value, out long result)
    {
        result = 0;
        return value.ValueKind switch
        {
            JsonValueKind.Number => value.TryGetInt64(out result),
            JsonValueKind.String => long.TryParse(Unwrap(value.GetString()!), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out result),
            _ => false,
        };
    }

    /// <summary>Reads an ISO 8601 timestamp given as a (possibly double-encoded) string.</summary>
    public static bool TryReadTimestamp(JsonElement value, out DateTimeOffset result)
    {
        result = default;
        return value.ValueKind == JsonValueKind.String &&
            DateTimeOffset.TryParse(Unwrap(value.GetString()!), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out result);
    }

    /// <summary>Reads a boolean given as a JSON literal or as a (possibly double-encoded) string.</summary>
    public static bool TryReadBoolean(JsonElement value, out bool result)
    {
        result = false;
        switch (value.ValueKind)
        {
            case JsonValueKind.True:
                result = true;
                return true;
            case JsonValueKind.False:
                return true;
            case JsonValueKind.String:
                return bool.TryParse(Unwrap(value.GetString()!), out result);
            default:
                return false;
        }
    }

    /// <summary>Returns the content of <paramref name="text"/> when it is exactly one JSON string literal; otherwise <paramref name="text"/>.</summary>
    public static string Unwrap(string text)
    {
        if (text.Length < 2 || text[0] != '"' || text[^1] != '"')
        {
            return text;
        }

        try
        {
            var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(text));
            if (reader.Read() && reader.TokenType == JsonTokenType.String)
            {
                var inner = reader.GetString()!;
                if (!reader.Read())
                {
                    return inner;
                }
            }
        }
        catch (JsonException)
        {
            // Not a literal after all (for example "a" "b"): keep the text as it came.
        }
        catch (InvalidOperationException)
        {
            // Invalid escapes inside the literal: keep the text as it came.
        }

        return text;
    }
}
