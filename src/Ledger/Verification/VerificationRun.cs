using System.Globalization;
using System.Text;
using MedLedger.Ledger.Entries;
using MedLedger.Ledger.Hashing;
using MedLedger.Ledger.Merkle;

namespace MedLedger.Ledger.Verification;

/// <summary>One streaming verification of a log's entries against verified checkpoints.</summary>
/// <remarks>
/// <para>Entries flow through two alternating batches: while one batch is parsed and hashed in parallel, the other is
/// committed on the calling thread in index order — sequence, <c>prev</c> link, log name, Merkle tree and checkpoint
/// roots. Memory is two batches, the tree's right edge (at most 64 hashes) and the checkpoint list, whatever the log's
/// length.</para>
/// <para>The tree lags one leaf behind the last accepted entry (<see cref="_lastLeaf"/> is not yet appended), so that
/// when entry p breaks the chain the tree still holds exactly entries 0 … p−2 and the locator can test "entry p−1 was
/// changed" against a signed root.</para>
/// </remarks>
internal sealed partial class VerificationRun
{
    private readonly IReadOnlyList<TrustedCheckpoint> _checkpoints;
    private readonly LogVerifierOptions _options;
    private readonly IProgress<long>? _progress;
    private readonly CompactMerkleTree _tree = new();
    private byte[]? _expectedLog;
    private int _nextCheckpoint;
    private long _checkpointedSize;
    private long _count;
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

    public async Task<VerificationResult> RunAsync(IAsyncEnumerable<ReadOnlyMemory<byte>> entries, CancellationToken cancellationToken)
    {
        var batchSize = Math.Max(16, _options.BatchSize);
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

                _progress?.Report(_count);
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
        var count = batch.Count;
        var parallelism = _options.MaxDegreeOfParallelism;
        var expectedLog = _expectedLog;
        if (parallelism <= 1)
        {
            batch.Check(0, count, expectedLog);
            return Task.CompletedTask;
        }

        return Task.Run(() =>
        {
            if (count < 256)
            {
                batch.Check(0, count, expectedLog);
                return;
            }

            var parts = parallelism * 4;
            Parallel.For(
                0,
                parts,
                new ParallelOptions { MaxDegreeOfParallelism = parallelism },
                part => batch.Check((int)((long)count * part / parts), (int)((long)count * (part + 1) / parts), expectedLog));
        });
    }

    private async ValueTask<VerificationResult?> CommitAsync(EntryBatch batch)
    {
        var checks = batch.Checks;
        for (var i = 0; i < batch.Count; i++)
        {
            var position = batch.FirstIndex + i;
            var check = checks[i];
            if (!check.IsWellFormed)
            {
                var parsed = LedgerEntry.Parse(batch.Entry(i));
                return Fail(VerificationFault.MalformedEntry, position, $"Entry {position} is not a valid entry: {parsed.Message}");
            }

            if (check.Sequence != position || check.Prev != _lastLeaf)
            {
                return await LocateAsync(position, check).ConfigureAwait(false);
            }

            if (!check.LogMatches)
            {
                var log = LedgerEntry.Parse(batch.Entry(i)).Entry?.Log;
                return Fail(
                    VerificationFault.LogMismatch,
                    position,
                    $"Entry {position} belongs to log '{log}', not '{Encoding.UTF8.GetString(_expectedLog!)}'.");
            }

            Accept(check.Leaf);
            while (_nextCheckpoint < _checkpoints.Count && _checkpoints[_nextCheckpoint].Size == _count)
            {
                var checkpoint = _checkpoints[_nextCheckpoint];
                var root = CurrentRoot();
                if (root != checkpoint.Root)
                {
                    return await RootMismatchAsync(position, checkpoint, root).ConfigureAwait(false);
                }

                _checkpointedSize = _count;
                _nextCheckpoint++;
            }
        }

        return null;
    }

    private void Accept(in LedgerHash leaf)
    {
        if (_count > 0)
        {
            _tree.Append(_lastLeaf);
        }

        _secondLastLeaf = _lastLeaf;
        _lastLeaf = leaf;
        _count++;
    }

    private LedgerHash CurrentRoot() =>
        _count == 0 ? MerkleHash.EmptyRoot : MerkleFrontier.RootAfter(_tree.SubtreeRoots, _tree.Size, [_lastLeaf]);

    /// <summary>Returns what the parallel stage found about the entry at <paramref name="position"/>, or null past the end.</summary>
    private async ValueTask<EntryCheck?> PeekAsync(long position)
    {
        if (_committing is { } current && position - current.FirstIndex < current.Count)
        {
            return current.Checks[position - current.FirstIndex];
        }

        if (_upcoming is { } upcoming && position >= upcoming.FirstIndex && position - upcoming.FirstIndex < upcoming.Count)
        {
            await _upcomingChecks.ConfigureAwait(false);
            return upcoming.Checks[position - upcoming.FirstIndex];
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
                _count,
                Invariant($"The log has {_count} entries but checkpoint {largest.Position} is signed for {largest.Size}: entries from index {_count} on are missing."));
        }

        var root = CurrentRoot();
        var coverage = _checkpoints.Count == 0
            ? "no checkpoint was given, so the entries are consistent with each other but not authenticated"
            : _checkpointedSize == _count
                ? "all of them are covered by a signed checkpoint"
                : Invariant($"the first {_checkpointedSize} are covered by a signed checkpoint, the rest are consistent but not yet signed");
        return VerificationResult.Valid(_count, _checkpointedSize, root, Invariant($"{_count} entries verified (root {root.ToBase64()}); {coverage}."));
    }

    private VerificationResult Fail(VerificationFault fault, long index, string detail) =>
        VerificationResult.Invalid(fault, index, Math.Min(index, _count), Math.Min(_checkpointedSize, index), detail);

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
