using System.Security.Cryptography;
using System.Text;
using MedLedger.Ledger.Appending;
using MedLedger.Ledger.Checkpoints;
using MedLedger.Ledger.Entries;
using MedLedger.Ledger.Merkle;
using MedLedger.Ledger.Receipts;
using MedLedger.Ledger.Storage;
using MedLedger.Ledger.Tiles;
using MedLedger.Testing.Ledger;
using MedLedger.Testing.Time;

namespace MedLedger.Cli.Tests.Support;

/// <summary>
/// A real log built with <see cref="LogAppender"/> over an <see cref="InMemoryLogStore"/>, with a signing key, and the
/// files the CLI reads: exports, checkpoints, receipts, consistency proofs and public keys, in a temporary directory.
/// </summary>
internal sealed class TestLedger : IDisposable
{
    public const string LogName = "medledger.test/log-0";

    private InMemoryLogStore? _store;

    private TestLedger(InMemoryLogStore store, LocalCheckpointSigner signer)
    {
        _store = store;
        Signer = signer;
        Directory = Path.Combine(Path.GetTempPath(), "medledger-cli-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)));
        System.IO.Directory.CreateDirectory(Directory);
        PublicKeyPath = WriteText("log.pub.pem", signer.ExportPublicKeyPem());
    }

    public string Directory { get; }

    public InMemoryLogStore Store => _store ?? throw new ObjectDisposedException(nameof(TestLedger));

    public LocalCheckpointSigner Signer { get; }

    /// <summary>Gets the PEM public key of <see cref="Signer"/>.</summary>
    public string PublicKeyPath { get; }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Creates a log of <paramref name="size"/> entries appended through the real appender.</summary>
    public static async Task<TestLedger> CreateAsync(int size, string logName = LogName)
    {
        var ledger = new TestLedger(new InMemoryLogStore(logName), LocalCheckpointSigner.Generate(logName));
        await ledger.AppendAsync(size);
        return ledger;
    }

    /// <summary>Appends <paramref name="count"/> more entries.</summary>
    public async Task AppendAsync(int count)
    {
        var appender = new LogAppender(Store, new FakeTimeProvider(), new LogAppenderOptions { MaxBatchEntries = 4096 });
        var first = (int)Store.Count;
        const int Chunk = 4096;
        for (var start = 0; start < count; start += Chunk)
        {
            var drafts = Enumerable.Range(first + start, Math.Min(Chunk, count - start)).Select(i => TestDrafts.Create(i)).ToList();
            await appender.AppendAsync(drafts, Token);
        }
    }

    public string PathOf(string name) => Path.Combine(Directory, name);

    public string WriteText(string name, string text)
    {
        var path = PathOf(name);
        File.WriteAllText(path, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        return path;
    }

    public string WriteBytes(string name, byte[] bytes)
    {
        var path = PathOf(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>Writes the first <paramref name="size"/> entries (default all) as JSON Lines.</summary>
    public async Task<string> ExportAsync(string name = "export.jsonl", long? size = null)
    {
        var path = PathOf(name);
        await using var file = File.Create(path);
        var entries = Store.ReadEntriesAsync(0, size ?? Store.Count, Token).Select(entry => entry.Bytes);
        await EntryLines.WriteAsync(file, entries, Token);
        return path;
    }

    /// <summary>Signs a checkpoint for the first <paramref name="size"/> entries and returns the note.</summary>
    public async Task<string> SignCheckpointAsync(long size, ICheckpointSigner? signer = null)
    {
        var root = await new TiledMerkleTree(new LogStoreTileReader(Store)).ReadRootHashAsync(size, Token);
        return await new Checkpoint(Store.LogName, size, root).SignAsync(signer ?? Signer, Token);
    }

    public async Task<string> WriteCheckpointAsync(long size, string? name = null, ICheckpointSigner? signer = null) =>
        WriteText(name ?? $"checkpoint-{size}.note", await SignCheckpointAsync(size, signer));

    public async Task<string> WriteReceiptAsync(long index, long size, string name = "receipt.json")
    {
        var tree = new TiledMerkleTree(new LogStoreTileReader(Store));
        var proof = await tree.ProveInclusionAsync(index, size, Token);
        var entry = await Store.ReadEntriesAsync(index, index + 1, Token).SingleAsync(Token);
        var checkpoint = await SignCheckpointAsync(size);
        var receipt = ReceiptBuilder.Build(entry.Bytes.ToArray(), index, proof, checkpoint);
        return WriteBytes(name, receipt.ToJson());
    }

    public async Task<ConsistencyProof> ProveConsistencyAsync(long from, long to)
    {
        var hashes = await new TiledMerkleTree(new LogStoreTileReader(Store)).ProveConsistencyAsync(from, to, Token);
        return new ConsistencyProof(from, to, hashes);
    }

    public async Task<string> WriteConsistencyProofAsync(long from, long to, string name = "proof.json") =>
        WriteBytes(name, (await ProveConsistencyAsync(from, to)).ToJson());

    /// <summary>Reads an export's lines (without their newlines) as byte arrays.</summary>
    public static List<byte[]> ReadLines(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var lines = new List<byte[]>();
        var start = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\n')
            {
                lines.Add(bytes[start..i]);
                start = i + 1;
            }
        }

        if (start < bytes.Length)
        {
            lines.Add(bytes[start..]);
        }

        return lines;
    }

    public static void WriteLines(string path, IEnumerable<byte[]> lines)
    {
        using var file = File.Create(path);
        foreach (var line in lines)
        {
            file.Write(line);
            file.WriteByte((byte)'\n');
        }
    }

    public void Dispose()
    {
        // Released explicitly: a debug build keeps locals (and so this object) alive longer than their scope.
        _store = null;
        Signer.Dispose();
        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }
}
