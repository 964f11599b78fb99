using System.Runtime.CompilerServices;
using MedLedger.Ledger.Entries;
using MedLedger.Ledger.Storage;
using MedLedger.Ledger.Tiles;

namespace MedLedger.Cli.Records;

/// <summary>
/// A read-only view of a log store that notes the <c>record.created</c> entries the verifier reads as they pass, so
/// the blob audit checks exactly the entries that were verified, with one read of the log.
/// </summary>
/// <remarks>Only used for verification: appends and checkpoint writes are refused.</remarks>
internal sealed class RecordCreationCollector(ILogStore inner) : ILogStore
{
    // Canonical entries spell the type member exactly so; an entry without it cannot be a creation. Entries that
    // contain it (also inside data) are parsed to be sure.
    private static readonly byte[] CreationMarker = "\"type\":\"record.created\""u8.ToArray();

    private readonly List<RecordCreation> _creations = [];

    /// <summary>Gets the creations seen so far, in index order.</summary>
    public IReadOnlyList<RecordCreation> Creations => _creations;

    public string LogName => inner.LogName;

    public int MaxAppendOperations => inner.MaxAppendOperations;

    public Task<LogHead> ReadHeadAsync(CancellationToken cancellationToken = default) => inner.ReadHeadAsync(cancellationToken);

    public Task<AppendStatus> AppendAsync(LogAppendBatch batch, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("Verification never appends.");

    public async IAsyncEnumerable<StoredEntry> ReadEntriesAsync(long start, long end, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        _creations.Clear();
        await foreach (var entry in inner.ReadEntriesAsync(start, end, cancellationToken).ConfigureAwait(false))
        {
            if (entry.Bytes.Span.IndexOf(CreationMarker) >= 0 &&
                LedgerEntry.Parse(entry.Bytes.Span) is { Entry: { } parsed } &&
                RecordCreation.From(parsed) is { } creation)
            {
                // An entry that does not parse is the verifier's to report; the audit runs only on a valid log.
                _creations.Add(creation);
            }

            yield return entry;
        }
    }

    public Task<IReadOnlyList<Tile?>> ReadTilesAsync(IReadOnlyList<TileCoordinate> coordinates, CancellationToken cancellationToken = default) =>
        inner.ReadTilesAsync(coordinates, cancellationToken);

    public Task<EventLocation?> FindEventAsync(string eventId, CancellationToken cancellationToken = default) => inner.FindEventAsync(eventId, cancellationToken);

    public Task<IReadOnlyList<long>> ReadIndexAsync(LogIndexKey key, long fromIndex, int maxCount, CancellationToken cancellationToken = default) =>
        inner.ReadIndexAsync(key, fromIndex, maxCount, cancellationToken);

    public Task SaveCheckpointAsync(StoredCheckpoint checkpoint, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("Verification never stores checkpoints.");

    public Task<StoredCheckpoint?> ReadLatestCheckpointAsync(CancellationToken cancellationToken = default) => inner.ReadLatestCheckpointAsync(cancellationToken);

    public IAsyncEnumerable<StoredCheckpoint> ReadCheckpointsAsync(CancellationToken cancellationToken = default) => inner.ReadCheckpointsAsync(cancellationToken);
}
