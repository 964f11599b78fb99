using MedLedger.Ledger.Storage;
using MedLedger.Testing.Ledger;

namespace MedLedger.Bench;

/// <summary>Passes every call to a store and counts appends (transactions), appended entries and conflicts.</summary>
internal sealed class CountingLogStore(ILogStore inner) : DelegatingLogStore(inner)
{
    private long _appends;
    private long _entries;
    private long _conflicts;

    public long Appends => Interlocked.Read(ref _appends);

    public long Entries => Interlocked.Read(ref _entries);

    public long Conflicts => Interlocked.Read(ref _conflicts);

    public override async Task<AppendStatus> AppendAsync(LogAppendBatch batch, CancellationToken cancellationToken = default)
    {
        var status = await Inner.AppendAsync(batch, cancellationToken);
        Interlocked.Increment(ref _appends);
        if (status == AppendStatus.Appended)
        {
            Interlocked.Add(ref _entries, batch.Entries.Count);
        }
        else
        {
            Interlocked.Increment(ref _conflicts);
        }

        return status;
    }
}
