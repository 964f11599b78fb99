using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using MedLedger.Functions.Keys;

namespace MedLedger.Functions.LedgerLogs;

/// <summary>
/// Mints and reads record ids and event ids. Both name the log they belong to, so a lookup never searches every log:
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>record id: <c>r&lt;log&gt;-&lt;24 base64url characters&gt;</c>, 144 random bits (for example <c>r0-Q1w…</c>);</item>
/// <item>event id: <c>e&lt;log&gt;-&lt;32 base64url characters&gt;</c>: 128 random bits and a 64-bit tag, the first 8 bytes of
/// HMAC-SHA256 under a key derived from the pseudonym secret over the prefix and the random bytes. The tag tells an
/// event id this service issued (and may still be on its way to the log: "pending") from one it never issued.</item>
/// </list>
/// <c>&lt;log&gt;</c> is the log's number in decimal (see <see cref="LogRouter"/>). Parsing accepts only the exact form
/// minting produces. Neither id carries patient data.
/// </remarks>
/// <threadsafety>Safe for concurrent use.</threadsafety>
internal sealed partial class LedgerIdentifiers(LedgerSecrets secrets)
{
    private const int RecordRandomBytes = 18;
    private const int EventRandomBytes = 16;
    private const int EventTagBytes = 8;

    /// <summary>Mints a new record id in log <paramref name="logNumber"/>.</summary>
    public static string NewRecordId(int logNumber)
    {
        Span<byte> random = stackalloc byte[RecordRandomBytes];
        RandomNumberGenerator.Fill(random);
        return Prefix('r', logNumber) + Base64Url.EncodeToString(random);
    }

    /// <summary>Reads the log number of a record id; false when the text is not a record id.</summary>
    public static bool TryReadRecordId(string? recordId, out int logNumber)
    {
        logNumber = -1;
        if (recordId is null || RecordIdPattern().Match(recordId) is not { Success: true } match)
        {
            return false;
        }

        logNumber = int.Parse(match.Groups["log"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture);
        return logNumber < LogRouter.MaxLogCount;
    }

    /// <summary>Mints a new event id in log <paramref name="logNumber"/>.</summary>
    public string NewEventId(int logNumber)
    {
        var prefix = Prefix('e', logNumber);
        Span<byte> body = stackalloc byte[EventRandomBytes + EventTagBytes];
        RandomNumberGenerator.Fill(body[..EventRandomBytes]);
        Tag(prefix, body[..EventRandomBytes]).AsSpan(0, EventTagBytes).CopyTo(body[EventRandomBytes..]);
        return prefix + Base64Url.EncodeToString(body);
    }

    /// <summary>Reads the log number of an event id this service issued; false for anything else, forged tags included.</summary>
    public bool TryReadEventId(string? eventId, out int logNumber)
    {
        logNumber = -1;
        if (eventId is null || EventIdPattern().Match(eventId) is not { Success: true } match)
        {
            return false;
        }

        var number = int.Parse(match.Groups["log"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture);
        Span<byte> body = stackalloc byte[EventRandomBytes + EventTagBytes];
        if (number >= LogRouter.MaxLogCount ||
            !Base64Url.TryDecodeFromChars(match.Groups["body"].ValueSpan, body, out var written) || written != body.Length)
        {
            return false;
        }

        var expected = Tag(Prefix('e', number), body[..EventRandomBytes]);
        if (!CryptographicOperations.FixedTimeEquals(expected.AsSpan(0, EventTagBytes), body[EventRandomBytes..]))
        {
            return false;
        }

        logNumber = number;
        return true;
    }

    private static string Prefix(char kind, int logNumber)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(logNumber);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(logNumber, LogRouter.MaxLogCount);
        return string.Create(CultureInfo.InvariantCulture, $"{kind}{logNumber}-");
    }

    private byte[] Tag(string prefix, ReadOnlySpan<byte> random)
    {
        var message = new byte[prefix.Length + random.Length];
        Encoding.ASCII.GetBytes(prefix, message);
        random.CopyTo(message.AsSpan(prefix.Length));
        return secrets.EventIdMac(message);
    }

    // 18 and 24 bytes are whole base64 groups: every 24- or 32-character string decodes, with no padding bits to vary.
    [GeneratedRegex("^r(?<log>0|[1-9][0-9]?)-[A-Za-z0-9_-]{24}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex RecordIdPattern();

    [GeneratedRegex("^e(?<log>0|[1-9][0-9]?)-(?<body>[A-Za-z0-9_-]{32})\\z", RegexOptions.CultureInvariant)]
    private static partial Regex EventIdPattern();
}
