namespace MedLedger.Functions.LocalHost;

/// <summary>host.json's <c>extensions.queues</c>, with the host's defaults and ranges (azure-protocols.md §1.10).</summary>
/// <param name="BatchSize">Messages fetched per Get Messages call (1–32).</param>
/// <param name="NewBatchThreshold">A new batch is fetched when the messages in flight drop to this number.</param>
/// <param name="MaxDequeueCount">Attempts before a message moves to the poison queue (at least 1).</param>
/// <param name="VisibilityTimeout">How long a failed message stays invisible before its retry.</param>
/// <param name="MaxPollingInterval">The longest wait between polls of an empty queue (at least 100 ms).</param>
/// <param name="MessageEncoding">How message text is stored.</param>
public sealed record HostQueueSettings(
    int BatchSize,
    int NewBatchThreshold,
    int MaxDequeueCount,
    TimeSpan VisibilityTimeout,
    TimeSpan MaxPollingInterval,
    QueueMessageEncoding MessageEncoding)
{
    /// <summary>The shortest polling interval the host allows.</summary>
    public static TimeSpan MinPollingInterval { get; } = TimeSpan.FromMilliseconds(100);
}
