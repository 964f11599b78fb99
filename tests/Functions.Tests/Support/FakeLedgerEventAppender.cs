using MedLedger.Functions.LedgerEvents;

namespace MedLedger.Functions.Tests.Support;

/// <summary>
/// An in-memory appender: indexes events in arrival order, idempotent on event id. <see cref="Fault"/> injects
/// failures (return a result or throw) for the next calls.
/// </summary>
public sealed class FakeLedgerEventAppender(TimeProvider time) : ILedgerEventAppender
{
    private readonly Lock _gate = new();
    private readonly List<(LedgerEventMessage Message, DateTimeOffset At)> _calls = [];
    private readonly Dictionary<string, long> _indexByEvent = new(StringComparer.Ordinal);

    /// <summary>Gets or sets the fault for a call (given the 1-based call number); null appends normally.</summary>
    public Func<int, LedgerAppendResult?>? Fault { get; set; }

    public IReadOnlyList<(LedgerEventMessage Message, DateTimeOffset At)> Calls
    {
        get
        {
            lock (_gate)
            {
                return [.. _calls];
            }
        }
    }

    public int AppendedCount
    {
        get
        {
            lock (_gate)
            {
                return _indexByEvent.Count;
            }
        }
    }

    public Task<LedgerAppendResult> AppendAsync(LedgerEventMessage message, CancellationToken cancellationToken = default)
    {
        int call;
        lock (_gate)
        {
            _calls.Add((message, time.GetUtcNow()));
            call = _calls.Count;
        }

        if (Fault?.Invoke(call) is { } injected)
        {
            return Task.FromResult(injected);
        }

        lock (_gate)
        {
            if (_indexByEvent.TryGetValue(message.EventId, out var existing))
            {
                return Task.FromResult(LedgerAppendResult.AlreadyAppended(existing));
            }

            var index = (long)_indexByEvent.Count;
            _indexByEvent[message.EventId] = index;
            return Task.FromResult(LedgerAppendResult.Appended(index));
        }
    }
}
