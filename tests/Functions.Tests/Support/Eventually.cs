using System.Diagnostics;

namespace MedLedger.Functions.Tests.Support;

/// <summary>Waits for background work (the local host's loops) to reach a state; a hang guard, not a timing assertion.</summary>
public static class Eventually
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

    /// <summary>Repeats <paramref name="step"/> (for example advancing a fake clock) until <paramref name="condition"/> holds.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, Action? step = null, string? what = null)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            if (watch.Elapsed > Limit)
            {
                throw new TimeoutException("Gave up waiting for " + (what ?? "the condition"));
            }

            step?.Invoke();
            await Task.Delay(2, TestContext.Current.CancellationToken);
        }
    }
}
