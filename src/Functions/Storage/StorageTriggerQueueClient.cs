using System.Collections.Concurrent;
using MedLedger.Clients.Queues;
using MedLedger.Functions.LocalHost;

namespace MedLedger.Functions.Storage;

/// <summary>
/// The local host's queue operations (<see cref="ITriggerQueueClient"/>) over the Queue storage REST client. Message
/// text is passed through exactly as stored (still base64): the listener decodes it the way the Functions host does.
/// </summary>
/// <threadsafety>Safe for concurrent use.</threadsafety>
internal sealed class StorageTriggerQueueClient(LedgerStorage storage) : ITriggerQueueClient
{
    private readonly ConcurrentDictionary<string, QueueClient> _queues = new(StringComparer.Ordinal);

    public async Task<IReadOnlyList<TriggerQueueMessage>> ReceiveMessagesAsync(
        string queueName, int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default)
    {
        var messages = await Queue(queueName).ReceiveMessagesAsync(maxMessages, visibilityTimeout, cancellationToken).ConfigureAwait(false);
        return [.. messages.Select(m => new TriggerQueueMessage(
            m.MessageId, m.PopReceipt, m.RawText, m.DequeueCount, m.InsertionTime, m.ExpirationTime, m.NextVisibleOn))];
    }

    public Task DeleteMessageAsync(string queueName, string messageId, string popReceipt, CancellationToken cancellationToken = default) =>
        Queue(queueName).DeleteMessageAsync(messageId, popReceipt, cancellationToken);

    public Task ReleaseMessageAsync(
        string queueName, string messageId, string popReceipt, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default) =>
        Queue(queueName).UpdateVisibilityAsync(messageId, popReceipt, visibilityTimeout, cancellationToken);

    public Task MoveToPoisonQueueAsync(string queueName, TriggerQueueMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        // The client copies RawText, the stored text, so the poison message is byte for byte the original.
        var received = new QueueMessage(
            message.MessageId, message.PopReceipt, message.DequeueCount, message.InsertionTime, message.ExpirationTime, message.NextVisibleTime,
            message.MessageText, Body: null);
        return Queue(queueName).MoveToPoisonQueueAsync(received, cancellationToken);
    }

    // Encoding "none": the raw stored text is what the listener expects.
    private QueueClient Queue(string declaredName) =>
        _queues.GetOrAdd(declaredName, name => storage.Account.GetQueueClient(storage.PhysicalQueueName(name), MedLedger.Clients.Queues.QueueMessageEncoding.None));
}
