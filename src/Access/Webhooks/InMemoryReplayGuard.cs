namespace MedLedger.Access.Webhooks;

/// <summary>A replay guard in memory, bounded in time (entries leave when their window closes) and in size.</summary>
/// <remarks>Good for one instance only; several instances need a shared guard (<c>MedLedger.Infrastructure.Access.TableReplayGuard</c>).</remarks>
/// <threadsafety>Safe for concurrent use.</threadsafety>
public sealed class InMemoryReplayGuard : IReplayGuard
{
    /// <summary>The default number of pairs remembered at once.</summary>
    public const int DefaultCapacity = 100_000;

    private readonly Lock _gate = new();
    private readonly Dictionary<(string Insurer, string Id), DateTimeOffset> _seen = [];
    private readonly PriorityQueue<(string Insurer, string Id), DateTimeOffset> _expiries = new();
    private readonly TimeProvider _timeProvider;
    private readonly int _capacity;

    /// <summary>Creates a guard.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is not positive.</exception>
    public InMemoryReplayGuard(TimeProvider timeProvider, int capacity = DefaultCapacity)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _timeProvider = timeProvider;
        _capacity = capacity;
    }

    /// <summary>Gets how many pairs are remembered now (after forgetting the expired ones).</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                Forget(_timeProvider.GetUtcNow());
                return _seen.Count;
            }
        }
    }

    /// <inheritdoc />
    public Task<ReplayGuardResult> TryRegisterAsync(string insurerId, string webhookId, DateTimeOffset rememberUntil, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(insurerId);
        ArgumentNullException.ThrowIfNull(webhookId);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var now = _timeProvider.GetUtcNow();
            Forget(now);
            var key = (insurerId, webhookId);
            if (_seen.ContainsKey(key))
            {
                return Task.FromResult(ReplayGuardResult.Replay);
            }

            if (_seen.Count >= _capacity)
            {
                return Task.FromResult(ReplayGuardResult.Full);
            }

            _seen[key] = rememberUntil;
            _expiries.Enqueue(key, rememberUntil);
            return Task.FromResult(ReplayGuardResult.FirstDelivery);
        }
    }

    private void Forget(DateTimeOffset now)
    {
        while (_expiries.TryPeek(out var key, out var expiry) && expiry < now)
        {
            _expiries.Dequeue();
            _seen.Remove(key);
        }
    }
}
