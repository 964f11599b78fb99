using MedLedger.Access.Identifiers;
using MedLedger.Access.Policy;
using MedLedger.Ledger.Storage;

namespace MedLedger.Infrastructure.Access;

/// <summary>
/// Keeps each recently used subject's access history in memory and brings it up to date from the log on every read,
/// reading only the entries appended since: what the policy decision point consults on every request.
/// </summary>
/// <remarks>
/// <para>Correct because the log is append-only and a subject's index rows are written with its entries: continuing
/// from the last index read sees every later entry, exactly as a full read would (the tests compare the two). Every
/// read reaches the log, so a consent change made by another instance counts on the very next request here.</para>
/// <para>Entries are checked as <see cref="SubjectEntries"/> checks them; a history that meets an inconsistent entry is
/// dropped and the error propagates. At most <see cref="Capacity"/> subjects are kept; the least recently used go first.</para>
/// </remarks>
/// <threadsafety>Safe for concurrent use: reads of one subject are serialized, different subjects proceed in parallel.</threadsafety>
public sealed class SubjectHistoryCache
{
    /// <summary>The default number of subjects kept.</summary>
    public const int DefaultCapacity = 10_000;

    private readonly Lock _gate = new();
    private readonly Dictionary<(string Log, string Subject), Slot> _slots = [];
    private long _clock;

    /// <summary>Creates a cache holding at most <paramref name="capacity"/> subjects.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is not positive.</exception>
    public SubjectHistoryCache(int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        Capacity = capacity;
    }

    /// <summary>Gets the most subjects kept.</summary>
    public int Capacity { get; }

    /// <summary>Gets how many subjects are kept now.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _slots.Count;
            }
        }
    }

    /// <summary>Reads <paramref name="subject"/>'s access state up to the current end of <paramref name="store"/>.</summary>
    /// <param name="store">The log holding the subject's entries.</param>
    /// <param name="patientId">The patient whose pseudonym <paramref name="subject"/> is.</param>
    /// <param name="subject">The pseudonym.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="InvalidDataException">The log's entries for the subject are inconsistent or malformed.</exception>
    /// <exception cref="ArgumentException">The subject was read before for another patient id.</exception>
    public async Task<SubjectAccessState> ReadAsync(ILogStore store, string patientId, string subject, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        IdentifierSyntax.Require(patientId, nameof(patientId));
        ArgumentException.ThrowIfNullOrEmpty(subject);
        var key = (store.LogName, subject);
        var slot = Acquire(key, patientId);
        await slot.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var history = slot.History ?? new SubjectHistory(store.LogName, patientId, subject);
            slot.History = null;
            await foreach (var entry in SubjectEntries.ReadAsync(store, subject, history.NextIndex, cancellationToken).ConfigureAwait(false))
            {
                history.Apply(entry);
            }

            // Only a history that read to the end without error is kept.
            slot.History = history;
            return new SubjectAccessState(history.Consents(), Snapshot(history), history.NextIndex);
        }
        finally
        {
            slot.Gate.Release();
        }
    }

    private static Dictionary<string, BreakGlassSession> Snapshot(SubjectHistory history) =>
        history.BreakGlassUsers.ToDictionary(user => user, user => history.BreakGlassOf(user)!, StringComparer.Ordinal);

    private Slot Acquire((string Log, string Subject) key, string patientId)
    {
        lock (_gate)
        {
            if (!_slots.TryGetValue(key, out var slot))
            {
                if (_slots.Count >= Capacity)
                {
                    Evict();
                }

                slot = new Slot(patientId);
                _slots.Add(key, slot);
            }
            else if (!string.Equals(slot.PatientId, patientId, StringComparison.Ordinal))
            {
                throw new ArgumentException("This subject was read for another patient id.", nameof(patientId));
            }

            slot.LastUsed = ++_clock;
            return slot;
        }
    }

    // Drops the least recently used tenth; a slot in use keeps working, it just is not kept afterwards.
    private void Evict()
    {
        var victims = _slots.OrderBy(s => s.Value.LastUsed).Take(Math.Max(1, Capacity / 10)).Select(s => s.Key).ToList();
        foreach (var victim in victims)
        {
            _slots.Remove(victim);
        }
    }

    private sealed class Slot(string patientId)
    {
        public string PatientId { get; } = patientId;

        public SemaphoreSlim Gate { get; } = new(1, 1);

        public SubjectHistory? History { get; set; }

        public long LastUsed { get; set; }
    }
}
