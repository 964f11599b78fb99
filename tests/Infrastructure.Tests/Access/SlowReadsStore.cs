using MedLedger.Ledger.Storage;
using MedLedger.Testing.Ledger;

namespace MedLedger.Infrastructure.Tests.Access;

/// <summary>A store whose entry reads wait a moment first, counting reads, entries read, and how many reads were in flight at once.</summary>
internal sealed class SlowReadsStore(ILogStore inner) : DelegatingLogStore(inner)
{
    private int _inFlight;
    private int _mostInFlight;
    private int _reads;
    private int _entriesRead;

    public int MostInFlight => Volatile.Read(ref _mostInFlight);

    public int Reads => Volatile.Read(ref _reads);

    public int EntriesRead => Volatile.Read(ref _entriesRead);

    public override async IAsyncEnumerable<StoredEntry> ReadEntriesAsync(long start, long end, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _reads);
        var now = Interlocked.Increment(ref _inFlight);
        InterlockedMax(ref _mostInFlight, now);
        try
        {
            // Not a timing assertion: the pause only lets concurrent reads overlap so the bound can be observed.
            await Task.Delay(20, cancellationToken);
            var entries = await Inner.ReadEntriesAsync(start, end, cancellationToken).ToListAsync(cancellationToken);
            Interlocked.Add(ref _entriesRead, entries.Count);
            foreach (var entry in entries)
            {
                yield return entry;
            }
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        for (var seen = Volatile.Read(ref target); value > seen; seen = Volatile.Read(ref target))
        {
            if (Interlocked.CompareExchange(ref target, value, seen) == seen)
            {
                return;
            }
        }
    }
}
