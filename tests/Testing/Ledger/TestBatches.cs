using MedLedger.Ledger.Entries;
using MedLedger.Ledger.Storage;
using MedLedger.Ledger.Tiles;

namespace MedLedger.Testing.Ledger;

/// <summary>Builds store batches by hand, for tests that call <see cref="ILogStore.AppendAsync"/> directly.</summary>
public static class TestBatches
{
    /// <summary>Builds a valid batch appending <paramref name="drafts"/> at the store's current head, as <c>LogAppender</c> would (fixed time, subject and draft index keys).</summary>
    public static async Task<LogAppendBatch> BuildAsync(ILogStore store, IReadOnlyList<EntryDraft> drafts, CancellationToken cancellationToken = default)
    {
        var head = await store.ReadHeadAsync(cancellationToken);
        var coordinates = TileLayout.RightEdge(head.Size);
        var tiles = (await store.ReadTilesAsync(coordinates, cancellationToken)).Select(t => t!).ToList();
        var time = new DateTimeOffset(2026, 1, 2, 3, 4, 5, 678, TimeSpan.Zero);
        var writes = new List<LogEntryWrite>();
        var prev = head.LastLeafHash;
        foreach (var draft in drafts)
        {
            var entry = LedgerEntry.Create(store.LogName, head.Size + writes.Count, time, draft, prev);
            var keys = new List<LogIndexKey> { new(LogIndexKind.Subject, draft.Subject) };
            keys.AddRange(draft.IndexKeys);
            writes.Add(new LogEntryWrite(entry.Sequence, entry.Bytes, entry.LeafHash, draft.EventId, keys.Where(k => k.Value.Length > 0).Distinct().ToList()));
            prev = entry.LeafHash;
        }

        var appended = TileLayout.Append(head.Size, tiles, writes.Select(w => w.LeafHash).ToList());
        return new LogAppendBatch(head.Size, writes, appended.ChangedTiles, new LogHead(appended.TreeSize, appended.RootHash, prev));
    }
}
