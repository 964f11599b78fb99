using System.Globalization;

namespace MedLedger.Cli.Records;

/// <summary>The record ids (and so envelope blob names) of one log: <c>r&lt;log number&gt;-…</c>.</summary>
/// <remarks>
/// The app names log 0 by its origin and log <c>i</c> &gt; 0 <c>origin/i</c>, and every record id starts with
/// <c>r&lt;i&gt;-</c> (docs/local-run.md, several logs). The records container is shared by all logs, so the audit of
/// one log lists only its own prefix. An origin that itself ends in <c>/&lt;number&gt;</c> needs <c>--log-number</c>.
/// </remarks>
internal static class RecordIdPrefix
{
    /// <summary>The most logs a ledger may have (the app's limit).</summary>
    public const int MaxLogCount = 64;

    /// <summary>Returns the log number the app gives <paramref name="logName"/>: the number after its last '/', else 0.</summary>
    public static int LogNumberOf(string logName)
    {
        ArgumentNullException.ThrowIfNull(logName);
        var slash = logName.LastIndexOf('/');
        var tail = slash < 0 ? string.Empty : logName[(slash + 1)..];
        return tail is { Length: 1 or 2 } && tail[0] is >= '1' and <= '9' && tail.All(char.IsAsciiDigit) &&
            int.Parse(tail, NumberStyles.None, CultureInfo.InvariantCulture) is var number && number < MaxLogCount
            ? number
            : 0;
    }

    /// <summary>Returns the prefix of log <paramref name="logNumber"/>'s record ids, e.g. <c>r0-</c>.</summary>
    public static string Of(int logNumber)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(logNumber);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(logNumber, MaxLogCount);
        return string.Create(CultureInfo.InvariantCulture, $"r{logNumber}-");
    }
}
