namespace MedLedger.Functions.LocalHost;

/// <summary>The queue operations the local host's listener needs, and nothing more (shared/design.md D2).</summary>
/// <remarks>
/// The contract mirrors Azure Queue storage: a received message stays invisible for the given time and its
/// <see cref="TriggerQueueMessage.DequeueCount"/> goes up by one; delete and release need the pop receipt of the
/// last receive; <see cref="MoveToPoisonQueueAsync"/> adds the message text unchanged to <c>&lt;queue&gt;-poison</c>
/// (creating it if needed) and then deletes the original, so a crash between the two leaves a copy, never a loss.
/// Service failures throw.
/// </remarks>
/// <threadsafety>Implementations are safe for concurrent use.</threadsafety>
public interface ITriggerQueueClient
{
    /// <summary>Receives up to <paramref name="maxMessages"/> visible messages and hides them for <paramref name="visibilityTimeout"/>; empty when none is visible.</summary>
    Task<IReadOnlyList<TriggerQueueMessage>> ReceiveMessagesAsync(
        string queueName, int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default);

    /// <summary>Deletes a message after it was handled.</summary>
    Task DeleteMessageAsync(string queueName, string messageId, string popReceipt, CancellationToken cancellationToken = default);

    /// <summary>Makes a message visible again after <paramref name="visibilityTimeout"/> (a failed attempt, to be retried).</summary>
    Task ReleaseMessageAsync(
        string queueName, string messageId, string popReceipt, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default);

    /// <summary>Copies the message to <c>&lt;queueName&gt;-poison</c>, then deletes it from <paramref name="queueName"/>.</summary>
    Task MoveToPoisonQueueAsync(string queueName, TriggerQueueMessage message, CancellationToken cancellationToken = default);
}
