using System.Runtime.CompilerServices;
using MedLedger.Ledger.Checkpoints;
using MedLedger.Ledger.Entries;
using MedLedger.Ledger.Hashing;
using MedLedger.Ledger.Merkle;
using MedLedger.Ledger.Verification;
using MedLedger.Testing.Ledger;

namespace MedLedger.Ledger.Tests.Support;

/// <summary>A valid log of entry bytes with a signing key, for verifier and receipt tests.</summary>
internal sealed class TestLog
{
    public const string Name = "medledger.test/log-0";

    private static readonly Lazy<TestLog> Shared = new(() => new TestLog(1000));
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, string> _checkpoints = new();

    public TestLog(int size, int contentOffset = 0, string name = Name)
    {
        var entries = new List<byte[]>(size);
        var prev = LedgerHash.Zero;
        var time = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < size; i++)
        {
            var entry = LedgerEntry.Create(name, i, time.AddSeconds(i), TestDrafts.Create(i + contentOffset), prev);
            entries.Add(entry.Bytes.ToArray());
            prev = entry.LeafHash;
        }

        Entries = entries;
    }

    /// <summary>Gets a shared log of 1,000 entries (never modify its arrays; copy them).</summary>
    public static TestLog Thousand => Shared.Value;

    public static LocalCheckpointSigner Signer { get; } = LocalCheckpointSigner.Generate(Name);

    public static CheckpointVerifierKey Key { get; } = Signer.CreateVerifierKey();

    public IReadOnlyList<byte[]> Entries { get; }

    public static LedgerHash RootOf(IEnumerable<byte[]> entries) =>
        CompactMerkleTree.RootOf(entries.Select(e => MerkleHash.Leaf(e)));

    /// <summary>Signs a checkpoint over the first <paramref name="size"/> entries of <paramref name="entries"/>.</summary>
    public static string Sign(IEnumerable<byte[]> entries, int size, string origin = Name) =>
        new Checkpoint(origin, size, RootOf(entries.Take(size))).SignAsync(Signer).GetAwaiter().GetResult();

    /// <summary>Returns a signed checkpoint of the first <paramref name="size"/> entries (signed once per size and cached).</summary>
    public string CheckpointAt(int size) => _checkpoints.GetOrAdd(size, s => Sign(Entries, s));

    public List<byte[]> Copy(int size) => Entries.Take(size).Select(e => e.ToArray()).ToList();

    public static async Task<VerificationResult> VerifyAsync(
        IEnumerable<byte[]> entries, IEnumerable<string> checkpoints, LogVerifierOptions? options = null, IProgress<long>? progress = null)
    {
        var verifier = new LogVerifier([Key], options);
        return await verifier.VerifyAsync(Stream(entries), checkpoints, progress, TestContext.Current.CancellationToken);
    }

    public static async IAsyncEnumerable<ReadOnlyMemory<byte>> Stream(
        IEnumerable<byte[]> entries, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // A reused buffer, as a file reader would hand out: the verifier must copy what it keeps.
        var buffer = new byte[EntryFormat.MaxEntryBytes * 2];
        foreach (var entry in entries)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (entry.Length > buffer.Length)
            {
                yield return entry;
                continue;
            }

            entry.CopyTo(buffer, 0);
            yield return buffer.AsMemory(0, entry.Length);
            buffer.AsSpan(0, entry.Length).Fill((byte)'#');
        }

        await Task.CompletedTask;
    }

    /// <summary>Re-creates entry <paramref name="index"/> of <paramref name="entries"/> with one field changed.</summary>
    public static byte[] Rewrite(
        IReadOnlyList<byte[]> entries, int index, long? sequence = null, LedgerHash? prev = null, string? log = null, int? content = null)
    {
        var original = LedgerEntry.Parse(entries[index]).Entry!;
        var draft = TestDrafts.Create(content ?? (int)original.Sequence);
        if (content is null)
        {
            draft = new EntryDraft(original.Type, original.Actor, original.Subject, original.EventId, original.Data);
        }

        return LedgerEntry.Create(log ?? original.Log, sequence ?? original.Sequence, original.Time, draft, prev ?? original.Prev).Bytes.ToArray();
    }
}
