using Azure;
using MedLedger.Functions.LocalHost;

namespace MedLedger.Functions.Tests.Support;

/// <summary>
/// A queue that behaves like Azure Queue storage for the operations the listener uses (visibility, dequeue count,
/// pop receipts, poison copy-then-delete), on the injected clock. It records every call for assertions.
/// </summary>
public sealed class InMemoryTriggerQueue(TimeProvider time) : ITriggerQueueClient
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<Entry>> _queues = new(StringComparer.Ordinal);
    private int _nextId;

    private readonly List<(string MessageId, TimeSpan VisibilityTimeout, DateTimeOffset At)> _releases = [];
    private readonly List<string> _deleted = [];
    private int _receiveCalls;

    public int ReceiveCalls => Volatile.Read(ref _receiveCalls);

    /// <summary>Gets or sets whether the receive with the given 1-based number fails like a service error.</summary>
    public Func<int, bool>? ReceiveFault { get; set; }

    /// <summary>Gets the largest batch any receive asked for.</summary>
    public int LargestBatchRequested { get; private set; }

    public IReadOnlyList<(string MessageId, TimeSpan VisibilityTimeout, DateTimeOffset At)> Releases
    {
        get
        {
            lock (_gate)
            {
                return [.. _releases];
            }
        }
    }

    public IReadOnlyList<string> Deleted
    {
        get
        {
            lock (_gate)
            {
                return [.. _deleted];
            }
        }
    }

    /// <summary>Adds a message with stored text <paramref name="storedText"/> (already encoded) and a prior dequeue count.</summary>
    public string Enqueue(string queueName, string storedText, long dequeueCount = 0)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            var entry = new Entry($"msg-{++_nextId}", storedText, dequeueCount, now, now.AddDays(7), now, PopReceipt: null);
            Queue(queueName).Add(entry);
            return entry.Id;
        }
    }

    /// <summary>Gets the texts of the messages in <paramref name="queueName"/>, visible or not.</summary>
    public IReadOnlyList<string> Texts(string queueName)
    {
        lock (_gate)
        {
            return [.. Queue(queueName).Select(e => e.Text)];
        }
    }

    /// <summary>Gets the dequeue count of a message still in the queue.</summary>
    public long DequeueCountOf(string queueName, string messageId)
    {
        lock (_gate)
        {
            return Queue(queueName).Single(e => e.Id == messageId).DequeueCount;
        }
    }

    public Task<IReadOnlyList<TriggerQueueMessage>> ReceiveMessagesAsync(
        string queueName, int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var call = Interlocked.Increment(ref _receiveCalls);
            LargestBatchRequested = Math.Max(LargestBatchRequested, maxMessages);
            if (ReceiveFault?.Invoke(call) == true)
            {
                throw new RequestFailedException(503, "The server is busy.", "ServerBusy", null);
            }

            var now = time.GetUtcNow();
            var queue = Queue(queueName);
            var received = new List<TriggerQueueMessage>();
            for (var i = 0; i < queue.Count && received.Count < maxMessages; i++)
            {
                var entry = queue[i];
                if (entry.VisibleAt > now)
                {
                    continue;
                }

                entry = entry with { DequeueCount = entry.DequeueCount + 1, VisibleAt = now + visibilityTimeout, PopReceipt = Guid.NewGuid().ToString("N") };
                queue[i] = entry;
                received.Add(new TriggerQueueMessage(entry.Id, entry.PopReceipt!, entry.Text, entry.DequeueCount, entry.Inserted, entry.Expires, entry.VisibleAt));
            }

            return Task.FromResult<IReadOnlyList<TriggerQueueMessage>>(received);
        }
    }

    public Task DeleteMessageAsync(string queueName, string messageId, string popReceipt, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var queue = Queue(queueName);
            queue.Remove(Find(queue, messageId, popReceipt));
            _deleted.Add(messageId);
        }

        return Task.CompletedTask;
    }

    public Task ReleaseMessageAsync(
        string queueName, string messageId, string popReceipt, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var queue = Queue(queueName);
            var entry = Find(queue, messageId, popReceipt);
            var now = time.GetUtcNow();
            queue[queue.IndexOf(entry)] = entry with { VisibleAt = now + visibilityTimeout, PopReceipt = Guid.NewGuid().ToString("N") };
            _releases.Add((messageId, visibilityTimeout, now));
        }

        return Task.CompletedTask;
    }

    public Task MoveToPoisonQueueAsync(string queueName, TriggerQueueMessage message, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            Queue(queueName + "-poison").Add(new Entry($"msg-{++_nextId}", message.MessageText, 0, now, now.AddDays(7), now, null));
            var queue = Queue(queueName);
            queue.Remove(Find(queue, message.MessageId, message.PopReceipt));
        }

        return Task.CompletedTask;
    }

    private static Entry Find(List<Entry> queue, string messageId, string popReceipt) =>
        queue.SingleOrDefault(e => e.Id == messageId && e.PopReceipt == popReceipt)
        ?? throw new RequestFailedException(404, "The specified message does not exist.", "MessageNotFound", null);

    private List<Entry> Queue(string name)
    {
        if (!_queues.TryGetValue(name, out var queue))
        {
            _queues[name] = queue = [];
        }

        return queue;
    }

    private sealed record Entry(
        string Id, string Text, long DequeueCount, DateTimeOffset Inserted, DateTimeOffset Expires, DateTimeOffset VisibleAt, string? PopReceipt);
}
