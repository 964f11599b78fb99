using System.Globalization;

namespace MedLedger.Cli.Reporting;

/// <summary>Writes a progress line to stderr during a long verification, at most once per <see cref="Interval"/>.</summary>
/// <remarks>
/// Nothing is printed during the first interval, so short runs stay quiet. Time comes from the injected
/// <see cref="TimeProvider"/>. The verifier reports after each batch on one logical flow, so no locking is needed.
/// </remarks>
internal sealed class VerificationProgress : IProgress<long>
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private readonly TextWriter _error;
    private readonly TimeProvider _timeProvider;
    private readonly Func<(long Read, long Total)>? _bytes;
    private readonly long? _totalEntries;
    private readonly DateTimeOffset _started;
    private DateTimeOffset _lastLine;

    /// <param name="error">Where lines go (stderr).</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="bytes">Bytes read so far and in total, when reading a file.</param>
    /// <param name="totalEntries">How many entries there are, when known (a live log's head).</param>
    public VerificationProgress(TextWriter error, TimeProvider timeProvider, Func<(long Read, long Total)>? bytes = null, long? totalEntries = null)
    {
        _error = error;
        _timeProvider = timeProvider;
        _bytes = bytes;
        _totalEntries = totalEntries;
        _started = _lastLine = timeProvider.GetUtcNow();
    }

    /// <summary>Gets how many progress lines were written.</summary>
    public int LinesWritten { get; private set; }

    public void Report(long value)
    {
        var now = _timeProvider.GetUtcNow();
        if (now - _lastLine < Interval)
        {
            return;
        }

        _lastLine = now;
        var seconds = Math.Max((now - _started).TotalSeconds, 0.001);
        var line = _totalEntries is { } entries and > 0
            ? string.Create(CultureInfo.InvariantCulture, $"progress: {value:N0} of {entries:N0} entries verified ({100.0 * value / entries:N0}%, {value / seconds:N0}/s)")
            : string.Create(CultureInfo.InvariantCulture, $"progress: {value:N0} entries verified ({value / seconds:N0}/s)");
        if (_bytes is not null)
        {
            var (read, total) = _bytes();
            line += total > 0
                ? string.Create(CultureInfo.InvariantCulture, $", {read / 1048576.0:N1} of {total / 1048576.0:N1} MiB read ({100.0 * read / total:N0}%)")
                : string.Create(CultureInfo.InvariantCulture, $", {read / 1048576.0:N1} MiB read");
        }

        _error.WriteLine(line);
        LinesWritten++;
    }
}
