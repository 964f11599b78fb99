using MedLedger.Cli.Reporting;
using MedLedger.Testing.Time;

namespace MedLedger.Cli.Tests.Reporting;

public sealed class VerificationProgressTests
{
    [Fact]
    public void Report_WithinTheFirstSecond_PrintsNothing()
    {
        var clock = new FakeTimeProvider();
        using var error = new StringWriter();
        var progress = new VerificationProgress(error, clock);

        progress.Report(4096);
        clock.Advance(TimeSpan.FromMilliseconds(999));
        progress.Report(8192);

        Assert.Equal(string.Empty, error.ToString());
    }

    [Fact]
    public void Report_ManyReportsPerSecond_PrintsAtMostOneLinePerSecond()
    {
        var clock = new FakeTimeProvider();
        using var error = new StringWriter { NewLine = "\n" };
        var progress = new VerificationProgress(error, clock, () => (50 * 1048576L, 200 * 1048576L));

        for (var i = 1; i <= 100; i++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(100));
            progress.Report(i * 10_000L);
        }

        Assert.Equal(10, progress.LinesWritten);
        var lines = error.ToString().TrimEnd('\n').Split('\n');
        Assert.Equal(10, lines.Length);
        Assert.Equal("progress: 100,000 entries verified (100,000/s), 50.0 of 200.0 MiB read (25%)", lines[0]);
        Assert.Equal("progress: 1,000,000 entries verified (100,000/s), 50.0 of 200.0 MiB read (25%)", lines[^1]);
    }

    [Fact]
    public void Report_UnknownTotal_PrintsBytesReadOnly()
    {
        var clock = new FakeTimeProvider();
        using var error = new StringWriter();
        var progress = new VerificationProgress(error, clock, () => (3 * 1048576L, 0));

        clock.Advance(TimeSpan.FromSeconds(2));
        progress.Report(10);

        Assert.Equal("progress: 10 entries verified (5/s), 3.0 MiB read", error.ToString().TrimEnd());
    }
}
