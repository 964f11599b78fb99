using MedLedger.Functions.Checkpointing;

namespace MedLedger.Functions.Tests.Support;

/// <summary>Counts checkpoint runs; <see cref="Fault"/> makes a given run throw.</summary>
public sealed class FakeLedgerCheckpointer(TimeProvider time) : ILedgerCheckpointer
{
    private readonly Lock _gate = new();
    private readonly List<DateTimeOffset> _runs = [];

    /// <summary>Gets or sets whether the run with the given 1-based number throws.</summary>
    public Func<int, bool>? Fault { get; set; }

    public IReadOnlyList<DateTimeOffset> Runs
    {
        get
        {
            lock (_gate)
            {
                return [.. _runs];
            }
        }
    }

    public Task<IReadOnlyList<LogCheckpointOutcome>> CheckpointAsync(CancellationToken cancellationToken = default)
    {
        int run;
        lock (_gate)
        {
            _runs.Add(time.GetUtcNow());
            run = _runs.Count;
        }

        if (Fault?.Invoke(run) == true)
        {
            throw new InvalidOperationException("injected checkpoint fault");
        }

        IReadOnlyList<LogCheckpointOutcome> outcomes = [new("ledger-0", run, Signed: run % 2 == 1)];
        return Task.FromResult(outcomes);
    }
}
