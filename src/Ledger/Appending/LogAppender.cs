using System.Globalization;
using MedLedger.Ledger.Entries;
using MedLedger.Ledger.Hashing;
using MedLedger.Ledger.Storage;
using MedLedger.Ledger.Tiles;

namespace MedLedger.Ledger.Appending;

/// <summary>Turns drafts into log entries and appends them through an <see cref="ILogStore"/>, with group commit.</summary>
/// <remarks>
/// <para><b>Group commit.</b> Concurrent callers in one process share store appends: the first caller to find no commit
/// in progress becomes the leader and appends everything queued, in batches that respect
/// <see cref="ILogStore.MaxAppendOperations"/> and <see cref="ILogStore.MaxAppendEntryBytes"/>; when its own drafts are done it hands leadership to a waiting caller.
/// No background task runs between calls.</para>
/// <para><b>Idempotency.</b> An event id already in the log is never appended again: its original index is returned with
/// <see cref="AppendResult.AlreadyPresent"/> set — also for repeats within one batch. When a store call fails without
/// saying whether it committed, the appender looks the batch's last event id up: found at its index with the same leaf
/// hash means committed (stores are atomic, and through the <c>prev</c> links that leaf hash covers every earlier entry
/// of the batch), anything else means nothing of this batch was written and it is retried.</para>
/// <para><b>Concurrency between processes.</b> Appends are guarded by the expected log size; on
/// <see cref="AppendStatus.Conflict"/> the appender re-reads the head and rebuilds the batch (optimistic concurrency).
/// A conflict lost to another appender's commit does not use up an attempt (see <see cref="LogAppenderOptions.MaxAttempts"/>).
/// A conflict with an unchanged head means an event id of the batch is already present; those are looked up and
/// answered from the log.</para>
/// <para>Entry times come from the injected <see cref="TimeProvider"/>; all entries of one batch share one time.</para>
/// </remarks>
/// <threadsafety>Safe for concurrent use. Use one instance per store in a process, so that callers share commits.</threadsafety>
public sealed class LogAppender
{
    private readonly ILogStore _store;
    private readonly TimeProvider _timeProvider;
    private readonly LogAppenderOptions _options;
    private readonly Lock _gate = new();
    private readonly List<PendingAppend> _queue = [];
    private bool _leaderActive;
    private TaskCompletionSource _leaderWanted = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // Touched only by the current leader; leadership changes hands under _gate, which orders the memory accesses.
    private LogEdge? _edge;

    /// <summary>Creates an appender for <paramref name="store"/>.</summary>
    /// <exception cref="ArgumentException">The store's log name is invalid, or its operation budget cannot hold one entry.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is less than 1.</exception>
    public LogAppender(ILogStore store, TimeProvider timeProvider, LogAppenderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _options = options ?? new LogAppenderOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxBatchEntries, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxAttempts, 1, nameof(options));
        if (!EntryFormat.IsValidLogName(store.LogName))
        {
            throw new ArgumentException($"The store's log name '{store.LogName}' is not a valid log name.", nameof(store));
        }

        if (store.MaxAppendOperations < 4)
        {
            throw new ArgumentException("The store's operation budget cannot hold a single entry.", nameof(store));
        }

        if (store.MaxAppendEntryBytes < EntryFormat.MaxEntryBytes)
        {
            throw new ArgumentException("The store's byte budget cannot hold an entry of the largest size.", nameof(store));
        }

        _store = store;
        _timeProvider = timeProvider;
    }

    /// <summary>Gets how many drafts wait for a commit (for tests that stage group commits).</summary>
    internal int QueuedCount
    {
        get
        {
            lock (_gate)
            {
                return _queue.Count;
            }
        }
    }

    /// <summary>Appends one draft (or finds its event id already in the log).</summary>
    /// <param name="draft">The draft.</param>
    /// <param name="cancellationToken">
    /// Stops waiting. A draft already handed to the store may still be appended; appending it again later is safe
    /// (idempotent on its event id).
    /// </param>
    /// <returns>The entry's index and leaf hash.</returns>
    /// <exception cref="ArgumentException">The draft would make an entry larger than <see cref="EntryFormat.MaxEntryBytes"/>, or has too many index keys for one store append.</exception>
    /// <exception cref="InvalidOperationException">The store kept conflicting, without the log growing, for <see cref="LogAppenderOptions.MaxAttempts"/> attempts.</exception>
    /// <exception cref="InvalidDataException">The store's tiles do not match its head.</exception>
    /// <remarks>Store failures propagate as the store throws them.</remarks>
    public async Task<AppendResult> AppendAsync(EntryDraft draft, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var results = await AppendAsync([draft], cancellationToken).ConfigureAwait(false);
        return results[0];
    }

    /// <summary>Appends several drafts, in order, sharing commits with concurrent callers.</summary>
    /// <inheritdoc cref="AppendAsync(EntryDraft, CancellationToken)"/>
    /// <returns>One result per draft, in the same order.</returns>
    public async Task<IReadOnlyList<AppendResult>> AppendAsync(IReadOnlyList<EntryDraft> drafts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(drafts);
        var pending = new PendingAppend[drafts.Count];
        for (var i = 0; i < drafts.Count; i++)
        {
            pending[i] = Prepare(drafts[i]);
        }

        if (pending.Length == 0)
        {
            return [];
        }

        var all = Task.WhenAll(pending.Select(p => p.Completion.Task));
        bool lead;
        lock (_gate)
        {
            _queue.AddRange(pending);
            lead = !_leaderActive;
            _leaderActive |= lead;
        }

        while (!all.IsCompleted)
        {
            if (lead)
            {
                // The leader does not observe its token: the batch it runs holds other callers' drafts too.
                await LeadAsync(all).ConfigureAwait(false);
                break;
            }

            Task wanted;
            lock (_gate)
            {
                if (!_leaderActive && _queue.Count > 0)
                {
                    _leaderActive = true;
                    lead = true;
                    continue;
                }

                wanted = _leaderWanted.Task;
            }

            await Task.WhenAny(all, wanted).WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        return await all.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private PendingAppend Prepare(EntryDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var keys = new List<LogIndexKey>();
        if (draft.Subject.Length > 0)
        {
            keys.Add(new LogIndexKey(LogIndexKind.Subject, draft.Subject));
        }

        foreach (var key in draft.IndexKeys)
        {
            if (!keys.Contains(key))
            {
                keys.Add(key);
            }
        }

        // The largest the entry can be: the longest sequence number; the time has a fixed width.
        _ = LedgerEntry.Create(_store.LogName, long.MaxValue, DateTimeOffset.UnixEpoch, draft, LedgerHash.Zero);
        if (1 + 2 + keys.Count + 1 > _store.MaxAppendOperations)
        {
            throw new ArgumentException(
                $"The draft has {keys.Count} index keys; with its tiles it cannot fit the store's budget of {_store.MaxAppendOperations} operations.",
                nameof(draft));
        }

        return new PendingAppend(draft, keys);
    }

    private async Task LeadAsync(Task ownResults)
    {
        while (true)
        {
            List<PendingAppend> batch;
            lock (_gate)
            {
                if (ownResults.IsCompleted || _queue.Count == 0)
                {
                    _leaderActive = false;
                    if (_queue.Count > 0)
                    {
                        var wanted = _leaderWanted;
                        _leaderWanted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                        wanted.TrySetResult();
                    }

                    return;
                }

                var take = Math.Min(_queue.Count, _options.MaxBatchEntries);
                batch = _queue.GetRange(0, take);
                _queue.RemoveRange(0, take);
            }

            IReadOnlyList<PendingAppend> leftOver;
            try
            {
                leftOver = await CommitAsync(batch).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                _edge = null;
                foreach (var item in batch)
                {
                    item.Completion.TrySetException(exception);
                }

                leftOver = [];
            }

            if (leftOver.Count > 0)
            {
                lock (_gate)
                {
                    _queue.InsertRange(0, leftOver);
                }
            }
        }
    }

    /// <summary>Commits a prefix of <paramref name="batch"/> and completes its drafts; returns the drafts that did not fit.</summary>
    private async Task<IReadOnlyList<PendingAppend>> CommitAsync(List<PendingAppend> batch)
    {
        // Repeats of an event id within the batch follow the first occurrence.
        var unique = new List<PendingAppend>(batch.Count);
        var repeats = new Dictionary<string, List<PendingAppend>>(StringComparer.Ordinal);
        foreach (var item in batch)
        {
            if (repeats.TryGetValue(item.Draft.EventId, out var list))
            {
                list.Add(item);
            }
            else
            {
                repeats.Add(item.Draft.EventId, []);
                unique.Add(item);
            }
        }

        Exception? lastFailure = null;
        var attempt = 0;
        var conflicts = 0;
        while (attempt < _options.MaxAttempts && unique.Count > 0)
        {
            lastFailure = null;
            var edge = _edge ?? await ReadEdgeAsync().ConfigureAwait(false);
            if (Operations(unique[0], edge.Head.Size) > _store.MaxAppendOperations)
            {
                // Rare: at this size the entry completes tiles on several levels and no longer fits the budget alone.
                Complete(unique[0], repeats, new InvalidOperationException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"Appending event '{unique[0].Draft.EventId}' at size {edge.Head.Size} needs {Operations(unique[0], edge.Head.Size)} operations; the store allows {_store.MaxAppendOperations}.")));
                unique.RemoveAt(0);
                continue;
            }

            var plan = Plan(edge, unique);
            AppendStatus status;
            try
            {
                status = await _store.AppendAsync(plan.Batch).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not ArgumentException)
            {
                lastFailure = exception;
                // The store may or may not have committed: its atomicity makes one event lookup decisive. The last
                // entry's leaf hash covers the whole batch through the prev links.
                _edge = null;
                var last = plan.Batch.Entries[^1];
                var found = await _store.FindEventAsync(last.EventId).ConfigureAwait(false);
                if (found is not null && found.Index == last.Index && found.LeafHash == last.LeafHash)
                {
                    status = AppendStatus.Appended;
                }
                else
                {
                    status = AppendStatus.Conflict;
                }
            }

            if (status == AppendStatus.Appended)
            {
                var committed = unique.GetRange(0, plan.Batch.Entries.Count);
                for (var i = 0; i < committed.Count; i++)
                {
                    var write = plan.Batch.Entries[i];
                    Complete(committed[i], repeats, new AppendResult(write.EventId, write.Index, write.LeafHash, AlreadyPresent: false));
                }

                _edge = plan.NextEdge;
                return unique.GetRange(committed.Count, unique.Count - committed.Count)
                    .SelectMany(item => repeats[item.Draft.EventId].Prepend(item))
                    .ToList();
            }

            // Conflict: the log moved on, or an event id of the batch is already there.
            _edge = null;
            conflicts++;
            var head = await _store.ReadHeadAsync().ConfigureAwait(false);
            var logAdvanced = head.Size != plan.Batch.ExpectedSize;

            // Losing to another appender's commit is not a failed attempt: the log grew, so the system progressed,
            // and with several processes on one log it happens routinely. Store failures and conflicts without
            // progress count.
            if (lastFailure is not null || !logAdvanced)
            {
                attempt++;
            }

            // Without progress an event id must be present; with progress one may be too (another appender wrote it),
            // so every second conflict looks.
            if (!logAdvanced || conflicts % 2 == 0)
            {
                unique = await ResolvePresentAsync(unique, repeats).ConfigureAwait(false);
            }
        }

        if (unique.Count == 0)
        {
            return [];
        }

        // When the last attempt failed in the store, that failure is the answer; otherwise contention is.
        var failure = lastFailure ?? new InvalidOperationException(string.Create(
                CultureInfo.InvariantCulture,
                $"The append to log '{_store.LogName}' did not succeed in {_options.MaxAttempts} attempts (conflicts without the log growing, or store failures)."));
        foreach (var item in unique)
        {
            Complete(item, repeats, failure);
        }

        return [];
    }

    /// <summary>Answers drafts whose event id is already in the log; returns the ones that are not.</summary>
    private async Task<List<PendingAppend>> ResolvePresentAsync(List<PendingAppend> unique, Dictionary<string, List<PendingAppend>> repeats)
    {
        var lookups = unique.Select(item => _store.FindEventAsync(item.Draft.EventId)).ToArray();
        var locations = await Task.WhenAll(lookups).ConfigureAwait(false);
        var remaining = new List<PendingAppend>(unique.Count);
        for (var i = 0; i < unique.Count; i++)
        {
            if (locations[i] is { } location)
            {
                Complete(unique[i], repeats, new AppendResult(unique[i].Draft.EventId, location.Index, location.LeafHash, AlreadyPresent: true));
            }
            else
            {
                remaining.Add(unique[i]);
            }
        }

        return remaining;
    }

    private static void Complete(PendingAppend first, Dictionary<string, List<PendingAppend>> repeats, AppendResult result)
    {
        first.Completion.TrySetResult(result);
        foreach (var repeat in repeats[first.Draft.EventId])
        {
            repeat.Completion.TrySetResult(result with { AlreadyPresent = true });
        }
    }

    private static void Complete(PendingAppend first, Dictionary<string, List<PendingAppend>> repeats, Exception failure)
    {
        first.Completion.TrySetException(failure);
        foreach (var repeat in repeats[first.Draft.EventId])
        {
            repeat.Completion.TrySetException(failure);
        }
    }

    private async Task<LogEdge> ReadEdgeAsync()
    {
        var head = await _store.ReadHeadAsync().ConfigureAwait(false);
        var coordinates = TileLayout.RightEdge(head.Size);
        var tiles = await _store.ReadTilesAsync(coordinates).ConfigureAwait(false);
        var edge = new List<Tile>(coordinates.Count);
        for (var i = 0; i < coordinates.Count; i++)
        {
            edge.Add(tiles[i] ?? throw new InvalidDataException(
                $"The store has no tile {coordinates[i]} although its head is at size {head.Size}; the store is inconsistent."));
        }

        return new LogEdge(head, edge);
    }

    private (LogAppendBatch Batch, LogEdge NextEdge) Plan(LogEdge edge, List<PendingAppend> drafts)
    {
        var time = _timeProvider.GetUtcNow();
        var start = edge.Head.Size;
        var writes = new List<LogEntryWrite>();
        var leaves = new List<LedgerHash>();
        var prev = edge.Head.LastLeafHash;
        var entryOperations = 0;
        var entryBytes = 0L;
        foreach (var item in drafts)
        {
            var candidate = entryOperations + 2 + item.IndexKeys.Count;
            if (writes.Count == _options.MaxBatchEntries
                || 1 + candidate + TilesChanged(start, writes.Count + 1) > _store.MaxAppendOperations)
            {
                break;
            }

            var entry = LedgerEntry.Create(_store.LogName, start + writes.Count, time, item.Draft, prev);
            if (writes.Count > 0 && entryBytes + entry.Bytes.Length > _store.MaxAppendEntryBytes)
            {
                break;
            }

            entryBytes += entry.Bytes.Length;
            writes.Add(new LogEntryWrite(entry.Sequence, entry.Bytes, entry.LeafHash, item.Draft.EventId, item.IndexKeys));
            leaves.Add(entry.LeafHash);
            prev = entry.LeafHash;
            entryOperations = candidate;
        }

        var appended = TileLayout.Append(start, edge.Tiles, leaves);
        var head = new LogHead(appended.TreeSize, appended.RootHash, prev);
        var nextEdge = new LogEdge(head, NextRightEdge(appended.TreeSize, edge.Tiles, appended.ChangedTiles));
        return (new LogAppendBatch(start, writes, appended.ChangedTiles, head), nextEdge);
    }

    private static List<Tile> NextRightEdge(long treeSize, IReadOnlyList<Tile> previous, IReadOnlyList<Tile> changed)
    {
        var byCoordinate = previous.ToDictionary(t => t.Coordinate);
        foreach (var tile in changed)
        {
            byCoordinate[tile.Coordinate] = tile;
        }

        return TileLayout.RightEdge(treeSize).Select(c => byCoordinate[c]).ToList();
    }

    private static int Operations(PendingAppend item, long size) => 1 + 2 + item.IndexKeys.Count + TilesChanged(size, 1);

    /// <summary>Counts the tiles an append of <paramref name="count"/> leaves at size <paramref name="size"/> changes.</summary>
    /// <remarks>
    /// At tile level L the append creates nodes numbered (size ≫ 8L) … ((size+count) ≫ 8L) − 1; each tile holding one
    /// of them changes.
    /// </remarks>
    internal static int TilesChanged(long size, int count)
    {
        if (count == 0)
        {
            return 0;
        }

        var tiles = 0;
        var end = size + count;
        for (var level = 0; level * TileLayout.Height < 63 && (end >> (level * TileLayout.Height)) > 0; level++)
        {
            var oldNodes = size >> (level * TileLayout.Height);
            var newNodes = end >> (level * TileLayout.Height);
            if (newNodes > oldNodes)
            {
                tiles += (int)(((newNodes - 1) >> TileLayout.Height) - (oldNodes >> TileLayout.Height) + 1);
            }
        }

        return tiles;
    }
}
