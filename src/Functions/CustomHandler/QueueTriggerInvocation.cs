using System.Diagnostics.CodeAnalysis;

namespace MedLedger.Functions.CustomHandler;

/// <summary>A queue-trigger invocation read from the host's payload (azure-protocols.md §1.6), in either encoding.</summary>
/// <param name="MessageText">The message text (already base64-decoded by the host when <c>messageEncoding</c> is <c>base64</c>).</param>
/// <param name="MessageId">The queue message id, or <see langword="null"/> when the metadata lacks it.</param>
/// <param name="DequeueCount">How many times the message was delivered, including this time; <see langword="null"/> when absent.</param>
/// <param name="InsertionTime">When the message was enqueued (to the second: the host drops fractions); <see langword="null"/> when absent.</param>
public sealed record QueueTriggerInvocation(string MessageText, string? MessageId, long? DequeueCount, DateTimeOffset? InsertionTime)
{
    /// <summary>Reads the trigger value of <paramref name="binding"/> and the queue metadata.</summary>
    /// <remarks>Only the message itself is required; metadata the host omits or garbles is reported as absent, never as a failure.</remarks>
    public static bool TryRead(
        InvocationRequest invocation,
        QueueTriggerBinding binding,
        [NotNullWhen(true)] out QueueTriggerInvocation? result,
        [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        ArgumentNullException.ThrowIfNull(binding);
        result = null;
        if (!invocation.Data.TryGetValue(binding.Name, out var value) || HostValueDecoder.ReadText(value) is not { } text)
        {
            error = $"Data has no queue message under '{binding.Name}'";
            return false;
        }

        var metadata = invocation.Metadata;
        string? messageId = metadata.TryGetValue("Id", out var id) ? HostValueDecoder.ReadText(id) : null;
        long? dequeueCount = metadata.TryGetValue("DequeueCount", out var count) && HostValueDecoder.TryReadInt64(count, out var n) ? n : null;
        DateTimeOffset? inserted = metadata.TryGetValue("InsertionTime", out var time) && HostValueDecoder.TryReadTimestamp(time, out var t) ? t : null;
        result = new QueueTriggerInvocation(text, messageId, dequeueCount, inserted);
        error = null;
        return true;
    }
}
