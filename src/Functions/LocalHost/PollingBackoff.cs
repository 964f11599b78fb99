namespace MedLedger.Functions.LocalHost;

/// <summary>The wait between polls of an empty queue: from 100 ms, doubling to host.json's <c>maxPollingInterval</c>, back to the start once a message arrives.</summary>
/// <remarks>The host adds random jitter; the local host does not, so its tests are deterministic.</remarks>
internal sealed class PollingBackoff(TimeSpan maxInterval)
{
    private TimeSpan _next = Min(HostQueueSettings.MinPollingInterval, maxInterval);

    /// <summary>Returns the next wait and doubles the one after it, up to the maximum.</summary>
    public TimeSpan Next()
    {
        var current = _next;
        _next = Min(current * 2, maxInterval);
        return current;
    }

    /// <summary>Starts over from the shortest wait.</summary>
    public void Reset() => _next = Min(HostQueueSettings.MinPollingInterval, maxInterval);

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
