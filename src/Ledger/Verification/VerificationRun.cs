using System.Globalization;
using System.Text;
using MedLedger.Ledger.Entries;
using MedLedger.Ledger.Hashing;

namespace MedLedger.Ledger.Verification;

/// <summary>One streaming verification of a log's entries against verified checkpoints.</summary>
/// <remarks>
/// <para>Entries flow through two alternating batches. While one batch is parsed and hashed in parallel (leaf hashes
/// and the Merkle root of every aligned chunk of 256 entries), the other is committed on the calling thread in index
/// order: first every entry's sequence, <c>prev</c> link and log name, then the tree — one subtree per clean chunk,
/// leaf by leaf where a checkpoint size falls inside a chunk — with the root compared at every checkpoint size.
/// Memory is two batches, the tree's right edge and the checkpoint list, whatever the log's length.</para>
/// <para>Where the tree grows leaf by leaf the state before the last leaf is kept, so that when the final entry p breaks
/// the chain the locator can test "entry p−1 was changed" against a signed root. Near the end of the stream the tree
/// always grows leaf by leaf for that reason.</para>
/// </remarks>
internal sealed partial class VerificationRun
{
    private readonly IReadOnlyList<TrustedCheckpoint> _checkpoints;
    private readonly LogVerifierOptions _options;
    private readonly IProgress<long>? _progress;
    private readonly MerkleFrontier _tree = new();
    private readonly MerkleFrontier _beforeLastLeaf = new();
    private bool _beforeLastLeafKnown;
    private byte[]? _expectedLog;
    private int _nextCheckpoint;
    private long _checkpointedSize;
    private LedgerHash _lastLeaf = LedgerHash.Zero;
    private LedgerHash _secondLastLeaf = LedgerHash.Zero;
    private EntryBatch? _committing;
    private EntryBatch? _upcoming;
    private Task _upcomingChecks = Task.CompletedTask;

    public VerificationRun(IReadOnlyList<TrustedCheckpoint> checkpoints, string? logName, LogVerifierOptions options, IProgress<long>? progress)
    {
        _checkpoints = checkpoints;
        _options = options;
        _progress = progress;
        _expectedLog = logName is null ? null : Encoding.UTF8.GetBytes(logName);
    }

    private long Count => _tree.Size;

    public async Task<VerificationResult> RunAsync(IAsyncEnumerable<ReadOnlyMemory<byte>> entries, CancellationToken cancellationToken)
    {
        // Whole chunks need batches of a multiple of 256 entries; smaller batches simply have no whole chunks.
        var batchSize = _options.BatchSize >= EntryBatch.ChunkSize
            ? _options.BatchSize / EntryBatch.ChunkSize * EntryBatch.ChunkSize
            : Math.Max(2, _options.BatchSize);
        using var first = new EntryBatch(batchSize);
        using var second = new EntryBatch(batchSize);
        var reader = new BatchReader(entries.GetAsyncEnumerator(cancellationToken));
        var current = first;
        var next = second;
        var currentChecks = Task.CompletedTask;
        try
        {
            current.Reset(0);
            await reader.FillAsync(current).ConfigureAwait(false);
            LearnLogName(current);
            currentChecks = StartChecks(current);
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                next.Reset(current.FirstIndex + current.Count);
                await reader.FillAsync(next).ConfigureAwait(false);
                await currentChecks.ConfigureAwait(false);
                _upcoming = next;
                _upcomingChecks = next.Count > 0 ? StartChecks(next) : Task.CompletedTask;
                _committing = current;
                var fault = await CommitAsync(current).ConfigureAwait(false);
                if (fault is not null)
                {
                    return fault;
                }

                _progress?.Report(Count);
                if (next.Count == 0)
                {
                    break;
                }

                (current, next) = (next, current);
                currentChecks = _upcomingChecks;
            }
        }
        finally
        {
            // The batches return their pooled arenas on dispose: no check may still be reading them.
            await WaitQuietly(currentChecks).ConfigureAwait(false);
            await WaitQuietly(_upcomingChecks).ConfigureAwait(false);
            await reader.DisposeAsync().ConfigureAwait(false);
        }

        return Finish();
    }

    private static async Task WaitQuietly(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // Already observed (or irrelevant) on the main path; disposal must not mask the original outcome.
        }
    }

    private void LearnLogName(EntryBatch batch)
    {
        if (_expectedLog is null && batch.Count > 0 && EntryScanner.TryScan(batch.Entry(0), out var scanned))
        {
            _expectedLog = batch.Entry(0)[scanned.Log].ToArray();
        }
    }

    private Task StartChecks(EntryBatch batch)
    {
        var parallelism = _options.MaxDegreeOfParallelism;
        var expectedLog = _expectedLog;
        var segments = batch.Segments();
        if (parallelism <= 1)
        {
            foreach (var (from, to) in segments)
            {
                batch.Check(from, to, expectedLog);
            }

            return Task.CompletedTask;
        }

        return Task.Run(() => Parallel.ForEach(
            segments,
            new ParallelOptions { MaxDegreeOfParallelism = parallelism },
            segment => batch.Check(segment.From, segment.To, expectedLog)));
    }

    private async ValueTask<VerificationResult?> CommitAsync(EntryBatch batch)
    {
        // 1. Links, in order, up to the first entry that is malformed, out of place or of another log.
        var checks = batch.Checks;
        var leaves = batch.Leaves;
        var previous = _lastLeaf;
        var stop = batch.Count;
        for (var i = 0; i < batch.Count; i++)
        {
            var check = checks[i];
            if (!check.IsWellFormed || check.Sequence != batch.FirstIndex + i || check.Prev != previous || !check.LogMatches)
            {
                stop = i;
                break;
            }

            previous = leaves[i];
        }

        // 2. The tree over the good prefix, comparing roots at checkpoint sizes.
        var nearEnd = _upcoming is null || _upcoming.Count < 2;
        for (var i = 0; i < stop;)
        {
            var position = batch.FirstIndex + i;
            if (batch.ChunkRootAt(i) is { } chunkRoot
                && i + EntryBatch.ChunkSize <= stop
                && !HasCheckpointInside(position, position + EntryBatch.ChunkSize)
                && !(nearEnd && i + EntryBatch.ChunkSize > batch.Count - 2))
            {
                _tree.AppendSubtree(chunkRoot, EntryBatch.ChunkHeight);
                _beforeLastLeafKnown = false;
                i += EntryBatch.ChunkSize;
            }
            else
            {
                _beforeLastLeaf.CopyFrom(_tree);
                _beforeLastLeafKnown = true;
                _tree.Append(leaves[i]);
                i++;
            }

            var mismatch = await CheckCheckpointsAsync(batch, i).ConfigureAwait(false);
            if (mismatch is not null)
            {
                return mismatch;
            }
        }

        if (stop >= 2)
        {
            _secondLastLeaf = leaves[stop - 2];
            _lastLeaf = leaves[stop - 1];
        }
        else if (stop == 1)
        {
            _secondLastLeaf = _lastLeaf;
            _lastLeaf = leaves[0];
        }

        if (stop == batch.Count)
        {
            return null;
        }

        // 3. Name the first bad entry.
        var bad = batch.FirstIndex + stop;
        var failed = checks[stop];
        if (!failed.IsWellFormed)
        {
            var parsed = LedgerEntry.Parse(batch.Entry(stop));
            return Fail(VerificationFault.MalformedEntry, bad, $"Entry {bad} is not a valid entry: {parsed.Message}");
        }

        if (failed.Sequence != bad || failed.Prev != _lastLeaf)
        {
            return await LocateAsync(bad, failed, leaves[stop], _lastLeaf, _secondLastLeaf).ConfigureAwait(false);
        }

        var log = LedgerEntry.Parse(batch.Entry(stop)).Entry?.Log;
        return Fail(VerificationFault.LogMismatch, bad, $"Entry {bad} belongs to log '{log}', not '{Encoding.UTF8.GetString(_expectedLog!)}'.");
    }

    /// <summary>The leaf hash at <paramref name="position"/> while <paramref name="batch"/> is being committed (zero before index 0).</summary>
    private LedgerHash LeafAt(EntryBatch batch, long position)
    {
        if (position >= batch.FirstIndex)
        {
            return batch.Leaves[position - batch.FirstIndex];
        }

        // Until the batch's commit ends, the fields still describe the two entries before it.
        return position == batch.FirstIndex - 1 ? _lastLeaf : position == batch.FirstIndex - 2 ? _secondLastLeaf : LedgerHash.Zero;
    }

    private bool HasCheckpointInside(long start, long end)
    {
        // A checkpoint of size s needs the root after s leaves; inside (start, end) that means growing leaf by leaf.
        for (var i = _nextCheckpoint; i < _checkpoints.Count && _checkpoints[i].Size < end; i++)
        {
            if (_checkpoints[i].Size > start)
            {
                return true;
            }
        }

        return false;
    }

    private async ValueTask<VerificationResult?> CheckCheckpointsAsync(EntryBatch batch, int committed)
    {
        while (_nextCheckpoint < _checkpoints.Count && _checkpoints[_nextCheckpoint].Size == Count)
        {
            var checkpoint = _checkpoints[_nextCheckpoint];
            var root = _tree.Root();
            if (root != checkpoint.Root)
            {
                return await RootMismatchAsync(batch, committed, checkpoint, root).ConfigureAwait(false);
            }

            _checkpointedSize = Count;
            _nextCheckpoint++;
        }

        return null;
    }

    /// <summary>Returns what the parallel stage found about the entry at <paramref name="position"/>, or null past the end.</summary>
    private async ValueTask<(EntryCheck Check, LedgerHash Leaf)?> PeekAsync(long position)
    {
        if (_committing is { } current && position >= current.FirstIndex && position - current.FirstIndex < current.Count)
        {
            var i = (int)(position - current.FirstIndex);
            return (current.Checks[i], current.Leaves[i]);
        }

        if (_upcoming is { } upcoming && position >= upcoming.FirstIndex && position - upcoming.FirstIndex < upcoming.Count)
        {
            await _upcomingChecks.ConfigureAwait(false);
            var i = (int)(position - upcoming.FirstIndex);
            return (upcoming.Checks[i], upcoming.Leaves[i]);
        }

        return null;
    }

    private VerificationResult Finish()
    {
        if (_nextCheckpoint < _checkpoints.Count)
        {
            var largest = _checkpoints[^1];
            return Fail(
                VerificationFault.Truncated,
                Count,
                Invariant($"The log has {Count} entries but checkpoint {largest.Position} is signed for {largest.Size}: entries from index {Count} on are missing."));
        }

        var root = _tree.Root();
        var coverage = _checkpoints.Count == 0
            ? "no checkpoint was given, so the entries are consistent with each other but not authenticated"
            : _checkpointedSize == Count
                ? "all of them are covered by a signed checkpoint"
                : Invariant($"the first {_checkpointedSize} are covered by a signed checkpoint, the rest are consistent but not yet signed");
        return VerificationResult.Valid(Count, _checkpointedSize, root, Invariant($"{Count} entries verified (root {root.ToBase64()}); {coverage}."));
    }

    private VerificationResult Fail(VerificationFault fault, long index, string detail) =>
        VerificationResult.Invalid(fault, index, Math.Min(index, Count), Math.Min(_checkpointedSize, index), detail);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>Fills batches from the entry source, holding back an entry that did not fit for the next batch.</summary>
    private sealed class BatchReader(IAsyncEnumerator<ReadOnlyMemory<byte>> source) : IAsyncDisposable
    {
        private bool _holdingCurrent;
        private bool _ended;

        public async ValueTask FillAsync(EntryBatch batch)
        {
            if (_holdingCurrent)
            {
                batch.TryAdd(source.Current.Span);
                _holdingCurrent = false;
            }

            while (!_ended)
            {
                if (!await source.MoveNextAsync().ConfigureAwait(false))
                {
                    _ended = true;
                    break;
                }

                if (!batch.TryAdd(source.Current.Span))
                {
                    _holdingCurrent = true;
                    break;
                }
            }
        }

        public ValueTask DisposeAsync() => source.DisposeAsync();
    }
}
