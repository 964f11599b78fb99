using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace MedLedger.Functions.LedgerLogs;

/// <summary>
/// Names the ledger's logs and sends each patient to one of them: log 0 is named by the origin
/// (<c>MedLedger:LogOrigin</c>), log <c>i</c> &gt; 0 by <c>origin/i</c>. The log name is also the checkpoint origin.
/// </summary>
/// <remarks>
/// A patient's pseudonym picks the log with jump consistent hashing (Lamping and Veach, "A Fast, Minimal Memory,
/// Consistent Hash Algorithm", 2014) over the first 8 bytes of SHA-256(pseudonym): the same pseudonym always lands in
/// the same log, and raising the log count from n to n+1 moves only about 1/(n+1) of the patients. Log names never
/// change with the count, and record and event ids carry their log's number, so existing records stay readable.
/// </remarks>
/// <threadsafety>Immutable; safe for concurrent use.</threadsafety>
internal sealed partial class LogRouter
{
    /// <summary>The most logs one ledger may have.</summary>
    public const int MaxLogCount = 64;

    /// <summary>The longest origin: room for <c>/63</c> within the 128-character log names of entries.</summary>
    public const int MaxOriginLength = 120;

    /// <summary>Creates the router for <paramref name="logCount"/> logs under <paramref name="origin"/>.</summary>
    /// <exception cref="ArgumentException">The origin is not valid (<see cref="IsValidOrigin"/>).</exception>
    /// <exception cref="ArgumentOutOfRangeException">The count is not between 1 and <see cref="MaxLogCount"/>.</exception>
    public LogRouter(string origin, int logCount)
    {
        if (!IsValidOrigin(origin))
        {
            throw new ArgumentException("The log origin is not valid.", nameof(origin));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(logCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(logCount, MaxLogCount);
        LogNames = [.. Enumerable.Range(0, logCount).Select(i => NameOf(origin, i))];
    }

    /// <summary>Gets the log names, log 0 first.</summary>
    public IReadOnlyList<string> LogNames { get; }

    /// <summary>Checks an origin: 1 to <see cref="MaxOriginLength"/> characters from <c>A-Z a-z 0-9 . _ - : /</c>, starting with a letter or digit.</summary>
    public static bool IsValidOrigin(string? origin) => origin is not null && OriginPattern().IsMatch(origin);

    /// <summary>Returns the number of the log that holds <paramref name="pseudonym"/>'s events.</summary>
    public int LogNumberFor(string pseudonym)
    {
        ArgumentNullException.ThrowIfNull(pseudonym);
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(pseudonym), digest);
        return JumpConsistentHash(BinaryPrimitives.ReadUInt64BigEndian(digest), LogNames.Count);
    }

    /// <summary>Returns the number of a log name, or -1 when it is not one of this ledger's logs.</summary>
    public int LogNumberOf(string logName)
    {
        for (var i = 0; i < LogNames.Count; i++)
        {
            if (string.Equals(LogNames[i], logName, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Jump consistent hash: the bucket in [0, <paramref name="buckets"/>) for <paramref name="key"/>.</summary>
    internal static int JumpConsistentHash(ulong key, int buckets)
    {
        // The key drives a 64-bit linear congruential generator; each step jumps forward to the next bucket the key
        // would move to as buckets are added, until the jump passes the bucket count.
        long bucket = -1;
        long next = 0;
        while (next < buckets)
        {
            bucket = next;
            key = unchecked((key * 2862933555777941757UL) + 1);
            next = (long)((bucket + 1) * ((double)(1L << 31) / ((key >> 33) + 1)));
        }

        return (int)bucket;
    }

    private static string NameOf(string origin, int number) =>
        number == 0 ? origin : origin + "/" + number.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._:/-]{0,119}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex OriginPattern();
}
