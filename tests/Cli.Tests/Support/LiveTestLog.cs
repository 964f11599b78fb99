using System.Globalization;
using System.Text;
using MedLedger.Clients.Tables;
using MedLedger.Infrastructure.Ledger;
using MedLedger.Ledger.Appending;
using MedLedger.Ledger.Checkpoints;
using MedLedger.Ledger.Entries;
using MedLedger.Ledger.Storage;
using MedLedger.Ledger.Tiles;
using MedLedger.Testing.Azurite;
using MedLedger.Testing.Ledger;
using MedLedger.Testing.Time;

namespace MedLedger.Cli.Tests.Support;

/// <summary>A log in Azurite written through the real <see cref="TableLogStore"/> and <see cref="LogAppender"/>, with stored checkpoints.</summary>
internal sealed class LiveTestLog : IDisposable
{
    private LiveTestLog(AzuriteFixture azurite, string table, TableLogStore store, LocalCheckpointSigner signer, TestLedger files)
    {
        ConnectionString = azurite.ConnectionString;
        TableName = table;
        Table = azurite.CreateAccount().GetTableClient(table);
        Store = store;
        Signer = signer;
        Files = files;
        PublicKeyPath = files.WriteText("live.pub.pem", signer.ExportPublicKeyPem());
    }

    public string ConnectionString { get; }

    public string TableName { get; }

    public TableClient Table { get; }

    public TableLogStore Store { get; }

    public string LogName => Store.LogName;

    public LocalCheckpointSigner Signer { get; }

    /// <summary>Gets a scratch directory (and helpers) for the files the test writes.</summary>
    public TestLedger Files { get; }

    public string PublicKeyPath { get; }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Appends <paramref name="size"/> entries and stores a signed checkpoint at each of <paramref name="checkpointSizes"/>.</summary>
    public static async Task<LiveTestLog> CreateAsync(AzuriteFixture azurite, int size, params int[] checkpointSizes)
    {
        var table = UniqueNames.Table("ledger");
        var logName = "medledger.test/" + Guid.NewGuid().ToString("N")[..12];
        var store = TableLogStore.Open(azurite.CreateAccount(), logName, tableName: table);
        await store.CreateTableIfNotExistsAsync(Token);
        var live = new LiveTestLog(azurite, table, store, LocalCheckpointSigner.Generate(logName), await TestLedger.CreateAsync(0));
        var appender = new LogAppender(store, new FakeTimeProvider());
        var done = 0;
        foreach (var target in checkpointSizes.Append(size).Distinct().Order().Where(t => t > 0))
        {
            await appender.AppendAsync(Enumerable.Range(done, target - done).Select(i => TestDrafts.Create(i)).ToList(), Token);
            done = target;
            if (checkpointSizes.Contains(target))
            {
                await live.SaveCheckpointAsync(target);
            }
        }

        return live;
    }

    /// <summary>Appends <paramref name="drafts"/> through the real appender.</summary>
    public async Task AppendAsync(IReadOnlyList<EntryDraft> drafts) =>
        await new LogAppender(Store, new FakeTimeProvider()).AppendAsync(drafts, Token);

    public async Task<string> SignCheckpointAsync(long size, ICheckpointSigner? signer = null)
    {
        var root = await new TiledMerkleTree(new LogStoreTileReader(Store)).ReadRootHashAsync(size, Token);
        return await new Checkpoint(LogName, size, root).SignAsync(signer ?? Signer, Token);
    }

    public async Task SaveCheckpointAsync(long size, ICheckpointSigner? signer = null) =>
        await Store.SaveCheckpointAsync(new StoredCheckpoint(size, await SignCheckpointAsync(size, signer)), Token);

    public static string EntryRowKey(long index) => "entry|" + index.ToString("D19", CultureInfo.InvariantCulture);

    /// <summary>Changes entry <paramref name="index"/>'s stored bytes directly in the table, as an attacker with storage access would.</summary>
    public async Task TamperEntryAsync(long index, Func<string, string> change)
    {
        var row = await Table.GetEntityAsync(Store.PartitionKey, EntryRowKey(index), Token);
        var text = Encoding.UTF8.GetString(row.GetBinary("Entry").Span);
        row["Entry"] = TableValue.FromBinary(Encoding.UTF8.GetBytes(change(text)));
        await Table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, Token);
    }

    /// <summary>Arguments that verify the log alone: these logs' synthetic entries name no stored blobs.</summary>
    public string[] VerifyArguments() => [.. VerifyWithBlobsArguments(), "--no-blobs"];

    /// <summary>Arguments that verify the log and audit the record blobs (the default of <c>verify --connection</c>).</summary>
    public string[] VerifyWithBlobsArguments(params string[] more) =>
        ["verify", "--connection", ConnectionString, "--table", TableName, "--log", LogName, "--key", PublicKeyPath, .. more];

    public void Dispose()
    {
        Signer.Dispose();
        Files.Dispose();
    }
}
