using System.Globalization;

namespace MedLedger.Access.Json;

/// <summary>
/// Instants as text: RFC 3339 <c>date-time</c> (§5.6) with whole seconds and an explicit offset, read strictly and
/// written in UTC as <c>yyyy-MM-ddTHH:mm:ssZ</c>.
/// </summary>
/// <remarks>
/// Consent periods are kept to whole seconds so the canonical terms have one spelling per instant; a fraction is
/// refused rather than rounded, because rounding a period's end one way or the other changes who may read.
/// </remarks>
internal static class InstantText
{
    /// <summary>Formats <paramref name="instant"/> (which must be whole seconds) as <c>yyyy-MM-ddTHH:mm:ssZ</c>.</summary>
    public static string Format(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Parses <c>yyyy-MM-ddTHH:mm:ss</c> followed by <c>Z</c> or <c>±hh:mm</c>; returns the UTC instant.</summary>
    public static bool TryParse(string text, out DateTimeOffset instant)
    {
        instant = default;
        if (text.Length is not (20 or 25) || text[10] != 'T')
        {
            return false;
        }

        var offset = TimeSpan.Zero;
        if (text.Length == 20)
        {
            if (text[19] != 'Z')
            {
                return false;
            }
        }
        else if (!TryParseOffset(text.AsSpan(19), out offset))
        {
            return false;
        }

        if (!DateTime.TryParseExact(text.AsSpan(0, 19), "yyyy'-'MM'-'dd'T'HH':'mm':'ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return false;
        }

        try
        {
            instant = new DateTimeOffset(local, offset).ToUniversalTime();
            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            // The offset moves the instant outside the representable range.
            return false;
        }
    }

    /// <summary>Tells whether <paramref name="instant"/> is UTC with no fraction of a second.</summary>
    public static bool IsWholeSecondUtc(DateTimeOffset instant) =>
        instant.Offset == TimeSpan.Zero && instant.UtcTicks % TimeSpan.TicksPerSecond == 0;

    private static bool TryParseOffset(ReadOnlySpan<char> text, out TimeSpan offset)
    {
        offset = default;
        if (text.Length != 6 || text[0] is not ('+' or '-') || text[3] != ':'
            || !IsDigits(text.Slice(1, 2)) || !IsDigits(text.Slice(4, 2)))
        {
            return false;
        }

        var hours = ((text[1] - '0') * 10) + (text[2] - '0');
        var minutes = ((text[4] - '0') * 10) + (text[5] - '0');
        if (hours > 14 || minutes > 59 || (hours == 14 && minutes > 0))
        {
            return false;
        }

        offset = new TimeSpan(hours, minutes, 0);
        if (text[0] == '-')
        {
            offset = -offset;
        }

        return true;
    }

    private static bool IsDigits(ReadOnlySpan<char> text) => text is [>= '0' and <= '9', >= '0' and <= '9'];
}
