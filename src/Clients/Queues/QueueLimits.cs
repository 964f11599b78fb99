namespace MedLedger.Clients.Queues;

/// <summary>Limits the Queue client enforces before sending anything (Put Message; shared/reference/azure-protocols.md §4).</summary>
public static class QueueLimits
{
    /// <summary>The largest message text on the wire: 64 KiB (UTF-8 bytes, after encoding).</summary>
    public const int MaxMessageTextBytes = 64 * 1024;

    /// <summary>The largest payload that still fits once base64-encoded: 48 KiB.</summary>
    public const int MaxBase64PayloadBytes = MaxMessageTextBytes / 4 * 3;

    /// <summary>The most messages one receive returns.</summary>
    public const int MaxMessagesPerReceive = 32;

    /// <summary>The longest visibility timeout and the longest finite time-to-live the service accepts: 7 days.</summary>
    public static readonly TimeSpan MaxVisibilityTimeout = TimeSpan.FromDays(7);

    /// <summary>The suffix of the poison queue a message moves to after too many attempts (Functions convention).</summary>
    public const string PoisonQueueSuffix = "-poison";
}
