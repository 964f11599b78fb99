using System.Text;
using MedLedger.Clients.Tables;
using MedLedger.Infrastructure.Ledger;
using MedLedger.Ledger.Appending;
using MedLedger.Ledger.Checkpoints;
using MedLedger.Ledger.Hashing;
using MedLedger.Ledger.Merkle;
using MedLedger.Ledger.Storage;
using MedLedger.Ledger.Tiles;
using MedLedger.Ledger.Verification;
using MedLedger.Testing.Azurite;
using MedLedger.Testing.Ledger;
using MedLedger.Testing.Time;

namespace MedLedger.Infrastructure.Tests.Ledger;

/// <summary>Rows changed directly in the table, behind the store's back, are found by the verifier and the proof code.</summary>
public sealed class TableLogStoreTamperingTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const int Size = 20;
    private static readonly string SharedTable = UniqueNames.Table("ledger");

    private TableLogStore _store = null!;
    private TableClient _table = null!;
    private CheckpointVerifierKey _key = null!;
    private LocalCheckpointSigner _signer = null!;
    private LogHead _head = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _table = azurite.CreateAccount().GetTableClient(SharedTable);
        _store = new TableLogStore(_table, "tamper-" + Guid.NewGuid().ToString("N")[..12]);
        await _store.CreateTableIfNotExistsAsync(Token);
        await new LogAppender(_store, new FakeTimeProvider()).AppendAsync(Enumerable.Range(0, Size).Select(i => TestDrafts.Create(i)).ToList(), Token);
        _head = await _store.ReadHeadAsync(Token);
        _signer = LocalCheckpointSigner.Generate(_store.LogName);
        _key = _signer.CreateVerifierKey();
        var note = await new Checkpoint(_store.LogName, _head.Size, _head.RootHash).SignAsync(_signer, Token);
        await _store.SaveCheckpointAsync(new StoredCheckpoint(_head.Size, note), Token);
        Assert.True((await VerifyAsync()).IsValid);
    }

    public ValueTask DisposeAsync()
    {
        _key?.Dispose();
        _signer?.Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task VerifyStoreAsync_EntryBytesChangedInTheTable_ReportsThatEntry()
    {
        var row = await _table.GetEntityAsync(_store.PartitionKey, "entry|0000000000000000007", Token);
        var text = Encoding.UTF8.GetString(row.GetBinary("Entry").Span);
        Assert.Contains("\"note\":\"ok\"", text, StringComparison.Ordinal);
        row["Entry"] = Encoding.UTF8.GetBytes(text.Replace("\"note\":\"ok\"", "\"note\":\"OK\"", StringComparison.Ordinal));
        await _table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, Token);

        var result = await VerifyAsync();

        Assert.Equal(VerificationFault.ChangedEntry, result.Fault);
        Assert.Equal(7, result.FirstBadIndex);
    }

    [Fact]
    public async Task VerifyStoreAsync_EntryRowDeleted_ReportsTheGapAtItsIndex()
    {
        await _table.DeleteEntityAsync(_store.PartitionKey, "entry|0000000000000000007", cancellationToken: Token);

        var result = await VerifyAsync();

        Assert.Equal(VerificationFault.Gap, result.Fault);
        Assert.Equal(7, result.FirstBadIndex);
    }

    [Fact]
    public async Task VerifyStoreAsync_LastEntryRowDeleted_ReportsTruncation()
    {
        await _table.DeleteEntityAsync(_store.PartitionKey, "entry|0000000000000000019", cancellationToken: Token);

        var result = await VerifyAsync();

        Assert.Equal(VerificationFault.Truncated, result.Fault);
        Assert.Equal(19, result.FirstBadIndex);
    }

    [Fact]
    public async Task Proofs_TileHashChangedInTheTable_FailAgainstTheCheckpointAndTheLeafAuditNamesIt()
    {
        var row = await _table.GetEntityAsync(_store.PartitionKey, "tile|00|0000000000000000000", Token);
        var bytes = row.GetBinary("Tile").ToArray();
        bytes[1 + (5 * LedgerHash.Size)] ^= 0x01;
        row["Tile"] = bytes;
        await _table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, Token);
        var tree = new TiledMerkleTree(new LogStoreTileReader(_store));

        // The tree read from tiles no longer has the signed root, and a proof that passes through leaf 5 fails.
        Assert.NotEqual(_head.RootHash, await tree.ReadRootHashAsync(Size, Token));
        var entry4 = await EntryAsync(4);
        Assert.False(MerkleProofs.VerifyInclusion(4, Size, MerkleHash.Leaf(entry4.Span), await tree.ProveInclusionAsync(4, Size, Token), _head.RootHash));

        // Auditing the stored leaf hashes against the entries names the changed one.
        var mismatches = new List<long>();
        await foreach (var entry in _store.ReadEntriesAsync(0, Size, Token))
        {
            if (await tree.ReadSubtreeHashAsync(0, entry.Index, Size, Token) != MerkleHash.Leaf(entry.Bytes.Span))
            {
                mismatches.Add(entry.Index);
            }
        }

        Assert.Equal([5L], mismatches);
    }

    [Fact]
    public async Task VerifyStoreAsync_AppendAfterATileOnTheRightEdgeWasChanged_HeadRootNoLongerMatchesTheEntries()
    {
        var row = await _table.GetEntityAsync(_store.PartitionKey, "tile|00|0000000000000000000", Token);
        var bytes = row.GetBinary("Tile").ToArray();
        bytes[1 + (3 * LedgerHash.Size)] ^= 0x80;
        row["Tile"] = bytes;
        await _table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, Token);

        await new LogAppender(_store, new FakeTimeProvider()).AppendAsync(TestDrafts.Create(100), Token);
        var result = await VerifyAsync();

        Assert.Equal(VerificationFault.RootMismatch, result.Fault);
        Assert.Equal(Size, result.FirstBadIndex);
    }

    [Fact]
    public async Task ReadTilesAsync_TileRowWithUnknownFormatVersion_ThrowsNamingTheRow()
    {
        var row = await _table.GetEntityAsync(_store.PartitionKey, "tile|00|0000000000000000000", Token);
        row["FormatVersion"] = 2;
        await _table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, Token);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => _store.ReadTilesAsync([new TileCoordinate(0, 0)], Token));

        Assert.Contains("tile|00|0000000000000000000", error.Message, StringComparison.Ordinal);
        Assert.Contains("format version is 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadEntriesAsync_ShortRangeWithARowDeleted_ReturnsTheOthersInOrderAndTheVerifierReportsTheGap()
    {
        // Short ranges are read row by row (point reads): a missing row is absent from the answer, as with a range query.
        await _table.DeleteEntityAsync(_store.PartitionKey, "entry|0000000000000000005", cancellationToken: Token);

        var indexes = await _store.ReadEntriesAsync(3, 9, Token).Select(e => e.Index).ToListAsync(Token);

        Assert.Equal([3L, 4, 6, 7, 8], indexes);
        Assert.Equal(VerificationFault.Gap, (await VerifyAsync()).Fault);
    }

    [Fact]
    public async Task ReadEntriesAsync_ShortRangeWithChangedBytes_ReturnsTheStoredBytesAndTheVerifierReportsThatEntry()
    {
        var row = await _table.GetEntityAsync(_store.PartitionKey, "entry|0000000000000000004", Token);
        var changed = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(row.GetBinary("Entry").Span).Replace("\"note\":\"ok\"", "\"note\":\"OK\"", StringComparison.Ordinal));
        row["Entry"] = changed;
        await _table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, Token);

        Assert.Equal(changed, (await EntryAsync(4)).ToArray());
        var result = await VerifyAsync();
        Assert.Equal(VerificationFault.ChangedEntry, result.Fault);
        Assert.Equal(4, result.FirstBadIndex);
    }

    [Fact]
    public async Task ReadEntriesAsync_ShortRangeWithUnknownFormatVersion_ThrowsNamingTheRow()
    {
        var row = await _table.GetEntityAsync(_store.PartitionKey, "entry|0000000000000000002", Token);
        row["FormatVersion"] = 2;
        await _table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, Token);

        var error = await Assert.ThrowsAsync<InvalidDataException>(async () => await _store.ReadEntriesAsync(1, 4, Token).ToListAsync(Token));

        Assert.Contains("entry|0000000000000000002", error.Message, StringComparison.Ordinal);
    }

    private async Task<ReadOnlyMemory<byte>> EntryAsync(long index)
    {
        await foreach (var entry in _store.ReadEntriesAsync(index, index + 1, Token))
        {
            return entry.Bytes;
        }

        throw new InvalidOperationException($"No entry {index}.");
    }

    private Task<VerificationResult> VerifyAsync() => new LogVerifier([_key]).VerifyStoreAsync(_store, cancellationToken: Token);
}
