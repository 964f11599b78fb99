using Microsoft.Net.Http.Headers;

namespace MedLedger.Functions.Records;

/// <summary>Checks the media type a record is submitted with; reads return the record with exactly that type.</summary>
internal static class RecordContentTypes
{
    /// <summary>The longest media type accepted, parameters included.</summary>
    public const int MaxLength = 255;

    /// <summary>
    /// Checks <paramref name="contentType"/>: printable ASCII, a concrete <c>type/subtype</c> (RFC 9110 §8.3.1) with
    /// optional parameters, no wildcards. When <paramref name="jsonContent"/> is set the record was given as JSON, so the
    /// type must be JSON too: <c>application/json</c> or a <c>+json</c> structured syntax suffix (RFC 6839 §3.1).
    /// </summary>
    public static bool IsValid(string? contentType, bool jsonContent)
    {
        if (contentType is not { Length: > 0 and <= MaxLength } ||
            contentType.Any(c => c is < (char)0x20 or > (char)0x7E) ||
            contentType[0] == ' ' || contentType[^1] == ' ' ||
            contentType.Split(';').Skip(1).Any(string.IsNullOrWhiteSpace) ||
            !MediaTypeHeaderValue.TryParse(contentType, out var parsed) ||
            parsed.MatchesAllTypes || parsed.MatchesAllSubTypes || parsed.SubType.Length == 0)
        {
            return false;
        }

        if (!jsonContent)
        {
            return true;
        }

        var mediaType = parsed.MediaType.Value!;
        return mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || parsed.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase);
    }
}
