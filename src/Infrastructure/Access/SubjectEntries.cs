using System.Globalization;
using System.Runtime.CompilerServices;
using MedLedger.Ledger.Entries;
using MedLedger.Ledger.Storage;

namespace MedLedger.Infrastructure.Access;

/// <summary>
/// Streams the entries of one subject (a patient pseudonym) from a log, through the log's subject index, in log order:
/// the one source the consent state, the access log and break-glass sessions are built from.
/// </summary>
/// <remarks>
/// <para>Every entry is parsed (canonical bytes only) and checked against what the index claims: it exists, has the
/// indexed position, belongs to this log and names this subject. A mismatch means the index or the entries were
/// tampered with and is reported as <see cref="InvalidDataException"/>, never skipped.</para>
/// <para>The index is read in pages of <see cref="IndexPageSize"/>; indexes at most <see cref="MaxGap"/> apart are read
/// with one range read, so a patient's burst of events costs one query rather than one per entry. Up to
/// <see cref="ConcurrentRuns"/> such reads are in flight at once; entries are still handed out in log order.</para>
/// </remarks>
public static class SubjectEntries
{
    /// <summary>How many index positions one index read asks for.</summary>
    public const int IndexPageSize = 256;

    /// <summary>The widest gap between two indexes still read in one range (the entries in between are read and dropped).</summary>
    public const int MaxGap = 8;

    /// <summary>How many runs of entries (reads of the log) are in flight at once.</summary>
    public const int ConcurrentRuns = 8;

    /// <summary>Reads the entries of <paramref name="subject"/> with indexes at or after <paramref name="fromIndex"/>, in log order.</summary>
    /// <param name="store">The log that holds the subject's entries.</param>
    /// <param name="subject">The subject (patient pseudonym); not empty.</param>
    /// <param name="fromIndex">The first log index to consider.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <exception cref="InvalidDataException">The index points at an entry that is missing, unparsable, or about another subject or log.</exception>
    public static IAsyncEnumerable<LedgerEntry> ReadAsync(ILogStore store, string subject, long fromIndex = 0, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentException.ThrowIfNullOrEmpty(subject);
        ArgumentOutOfRangeException.ThrowIfNegative(fromIndex);
        return ReadCoreAsync(store, subject, fromIndex, cancellationToken);
    }

    private static async IAsyncEnumerable<LedgerEntry> ReadCoreAsync(
        ILogStore store, string subject, long fromIndex, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var key = new LogIndexKey(LogIndexKind.Subject, subject);
        var next = fromIndex;
        while (true)
        {
            var indexes = await store.ReadIndexAsync(key, next, IndexPageSize, cancellationToken).ConfigureAwait(false);
            if (indexes.Count == 0)
            {
                yield break;
            }

            for (var i = 0; i < indexes.Count; i++)
            {
                if (indexes[i] < (i == 0 ? next : indexes[i - 1] + 1))
                {
                    throw new InvalidDataException($"The subject index of log {store.LogName} is not strictly ascending from the position asked for.");
                }
            }

            var runs = new List<(int First, int Last)>();
            for (var first = 0; first < indexes.Count;)
            {
                var last = first;
                while (last + 1 < indexes.Count && indexes[last + 1] - indexes[last] <= MaxGap)
                {
                    last++;
                }

                runs.Add((first, last));
                first = last + 1;
            }

            // Runs are fetched ConcurrentRuns at a time and handed out in log order; each window is read completely
            // before its entries are yielded, so a caller that stops early leaves nothing in flight.
            for (var window = 0; window < runs.Count; window += ConcurrentRuns)
            {
                var reads = runs.Skip(window).Take(ConcurrentRuns)
                    .Select(run => ReadRunAsync(store, subject, indexes, run.First, run.Last, cancellationToken))
                    .ToList();
                foreach (var run in await Task.WhenAll(reads).ConfigureAwait(false))
                {
                    foreach (var entry in run)
                    {
                        yield return entry;
                    }
                }
            }

            if (indexes.Count < IndexPageSize)
            {
                yield break;
            }

            next = indexes[^1] + 1;
        }
    }

    private static async Task<List<LedgerEntry>> ReadRunAsync(
        ILogStore store, string subject, IReadOnlyList<long> indexes, int first, int last, CancellationToken cancellationToken)
    {
        var entries = new List<LedgerEntry>(last - first + 1);
        var wanted = first;
        await foreach (var stored in store.ReadEntriesAsync(indexes[first], indexes[last] + 1, cancellationToken).ConfigureAwait(false))
        {
            if (wanted > last || stored.Index != indexes[wanted])
            {
                continue;
            }

            wanted++;
            var parsed = LedgerEntry.Parse(stored.Bytes.Span);
            if (!parsed.IsSuccess)
            {
                throw Mismatch(store, stored.Index, "is not a valid entry");
            }

            var entry = parsed.Entry;
            if (entry.Sequence != stored.Index || !string.Equals(entry.Log, store.LogName, StringComparison.Ordinal))
            {
                throw Mismatch(store, stored.Index, "does not hold its own position and log");
            }

            if (!string.Equals(entry.Subject, subject, StringComparison.Ordinal))
            {
                throw Mismatch(store, stored.Index, "is about another subject than the index says");
            }

            entries.Add(entry);
        }

        return wanted <= last ? throw Mismatch(store, indexes[wanted], "is missing although the subject index names it") : entries;
    }

    private static InvalidDataException Mismatch(ILogStore store, long index, string problem) =>
        new(string.Create(CultureInfo.InvariantCulture, $"Entry {index} of log {store.LogName} {problem}."));
}
