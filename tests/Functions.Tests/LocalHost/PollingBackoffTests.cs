using MedLedger.Functions.LocalHost;

namespace MedLedger.Functions.Tests.LocalHost;

public sealed class PollingBackoffTests
{
    [Fact]
    public void Next_DoublesFrom100MsToTheMaximum()
    {
        var backoff = new PollingBackoff(TimeSpan.FromSeconds(1));
        var waits = Enumerable.Range(0, 7).Select(_ => backoff.Next().TotalMilliseconds);
        Assert.Equal([100, 200, 400, 800, 1000, 1000, 1000], waits);
    }

    [Fact]
    public void Reset_StartsOver()
    {
        var backoff = new PollingBackoff(TimeSpan.FromSeconds(1));
        backoff.Next();
        backoff.Next();
        backoff.Reset();
        Assert.Equal(TimeSpan.FromMilliseconds(100), backoff.Next());
    }

    [Fact]
    public void Next_MaximumBelowTheMinimum_UsesTheMaximum()
    {
        var backoff = new PollingBackoff(TimeSpan.FromMilliseconds(100));
        Assert.Equal(TimeSpan.FromMilliseconds(100), backoff.Next());
        Assert.Equal(TimeSpan.FromMilliseconds(100), backoff.Next());
    }
}
