using MedLedger.Ledger.Storage;
using MedLedger.Testing.Ledger;

namespace MedLedger.Ledger.Tests.Appending;

/// <summary>Wraps a store to count calls, hold appends at a gate, and inject failures around the append.</summary>
internal sealed class FaultInjectingLogStore(ILogStore inner) : DelegatingLogStore(inner)
{
    private readonly Lock _gate = new();
    private int _appendCalls;

    public override int MaxAppendEntryBytes => EntryByteBudget ?? Inner.MaxAppendEntryBytes;

    /// <summary>Gets or sets a byte budget to announce instead of the inner store's.</summary>
    public int? EntryByteBudget { get; set; }

    /// <summary>Gets or sets a task the next append waits for before reaching the inner store.</summary>
    public TaskCompletionSource? AppendGate { get; set; }

    /// <summary>Gets a task that completes when an append reaches the gate.</summary>
    public TaskCompletionSource AppendReachedGate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Gets or sets how many upcoming appends throw before reaching the inner store.</summary>
    public int FailBeforeCommit { get; set; }

    /// <summary>Gets or sets how many upcoming appends reach the inner store and then throw (lost response).</summary>
    public int FailAfterCommit { get; set; }

    /// <summary>Gets or sets whether event lookups throw.</summary>
    public bool FailLookups { get; set; }

    /// <summary>Gets or sets work done before each append reaches the inner store (another appender's commit, say).</summary>
    public Func<Task>? BeforeAppend { get; set; }

    /// <summary>Gets or sets whether every append answers Conflict without writing.</summary>
    public bool AlwaysConflict { get; set; }

    public int AppendCalls => Volatile.Read(ref _appendCalls);

    public List<AppendStatus> Statuses { get; } = [];

    public List<int> OperationCounts { get; } = [];

    public List<int> EntryByteCounts { get; } = [];

    public override async Task<AppendStatus> AppendAsync(LogAppendBatch batch, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _appendCalls);
        lock (_gate)
        {
            OperationCounts.Add(1 + batch.Tiles.Count + batch.Entries.Sum(e => 2 + e.IndexKeys.Count));
            EntryByteCounts.Add(batch.Entries.Sum(e => e.Bytes.Length));
        }

        if (AppendGate is { } gate)
        {
            AppendGate = null;
            AppendReachedGate.TrySetResult();
            await gate.Task;
        }

        if (BeforeAppend is { } before)
        {
            await before();
        }

        if (FailBeforeCommit > 0)
        {
            FailBeforeCommit--;
            throw new IOException("Injected: the request never reached the store.");
        }

        var status = AlwaysConflict ? AppendStatus.Conflict : await Inner.AppendAsync(batch, cancellationToken);
        lock (_gate)
        {
            Statuses.Add(status);
        }

        if (FailAfterCommit > 0)
        {
            FailAfterCommit--;
            throw new IOException("Injected: the store committed but the response was lost.");
        }

        return status;
    }

    public override Task<EventLocation?> FindEventAsync(string eventId, CancellationToken cancellationToken = default) =>
        FailLookups ? throw new IOException("Injected: lookup failed.") : Inner.FindEventAsync(eventId, cancellationToken);
}
