using FsCheck;
using FsCheck.Fluent;
using MedLedger.Ledger.Entries;
using MedLedger.Ledger.Hashing;
using MedLedger.Ledger.Tests.Support;
using MedLedger.Ledger.Verification;

namespace MedLedger.Ledger.Tests.Verification;

/// <summary>
/// Any single change to a log of up to 1,000 entries — covered by a signed checkpoint of its full size, plus a few
/// random earlier checkpoints — is detected and located. "Located" means exactly this fault at exactly this index:
/// <list type="bullet">
/// <item>Byte k·o changed so the entry no longer parses: <see cref="VerificationFault.MalformedEntry"/> at k. Otherwise, by the field that
/// changed: <c>log</c> → <see cref="VerificationFault.LogMismatch"/> at k; <c>seq</c> → <see cref="VerificationFault.ChangedEntry"/> at k;
/// <c>prev</c> → <see cref="VerificationFault.BrokenLink"/> at k; any other field → <see cref="VerificationFault.ChangedEntry"/> at k, or
/// <see cref="VerificationFault.RootMismatch"/> at k when k is the last entry (only the signed root reveals it).</item>
/// <item>Entry k deleted: <see cref="VerificationFault.Gap"/> at k; the last entry deleted: <see cref="VerificationFault.Truncated"/> at n−1.</item>
/// <item>A forged entry inserted before entry k, made to fit (seq k, prev = leaf of k−1): <see cref="VerificationFault.Inserted"/> at k;
/// a line of garbage inserted there: <see cref="VerificationFault.MalformedEntry"/> at k.</item>
/// <item>Entries i &lt; j swapped: <see cref="VerificationFault.Reordered"/> at i.</item>
/// <item>A copy of entry j inserted at position k &gt; j (a replay): <see cref="VerificationFault.Duplicate"/> at k.</item>
/// <item>The log cut to m &lt; n entries: <see cref="VerificationFault.Truncated"/> at m.</item>
/// </list>
/// Batch size and parallelism vary too, so faults also fall on batch boundaries.
/// </summary>
public sealed class TamperDetectionProperties
{
    private const int Cases = 150;
    private static readonly TestLog Log = TestLog.Thousand;

    private static Gen<Scenario> Scenarios(int minimumSize) =>
        from size in Gen.OneOf(Gen.Choose(minimumSize, 12), Gen.Choose(minimumSize, 1000))
        from checkpointSeed in Gen.Choose(0, int.MaxValue)
        from batchSize in Gen.Elements(1, 16, 17, 256, 4096)
        from parallelism in Gen.Elements(1, 2, 4)
        select new Scenario(size, checkpointSeed, batchSize, parallelism);

    [Fact]
    public void UnchangedLog_IsValid()
    {
        Check(Scenarios(1), scenario => Expect(scenario, Log.Copy(scenario.Size), VerificationFault.None, null));
    }

    [Fact]
    public void SingleByteChange_IsDetectedAtItsEntry()
    {
        var cases =
            from scenario in Scenarios(1)
            from k in Gen.Choose(0, scenario.Size - 1)
            from offset in Gen.Choose(0, int.MaxValue)
            from value in Gen.Choose(0, 255)
            select (scenario, k, offset, value);

        Check(cases, c =>
        {
            var entries = Log.Copy(c.scenario.Size);
            var original = entries[c.k];
            var at = c.offset % original.Length;
            var mutated = original.ToArray();
            mutated[at] = (byte)(c.value == original[at] ? c.value ^ 0x01 : c.value);
            entries[c.k] = mutated;
            var (fault, index) = ExpectedForChangedEntry(original, mutated, c.k, c.scenario.Size);
            return Expect(c.scenario, entries, fault, index);
        });
    }

    [Fact]
    public void EverySingleByteOfASmallLog_ChangedThreeWays_IsDetectedAtItsEntry()
    {
        const int size = 4;
        var scenario = new Scenario(size, 7, 16, 2);
        for (var k = 0; k < size; k++)
        {
            for (var at = 0; at < Log.Entries[k].Length; at++)
            {
                foreach (var change in new Func<byte, byte>[] { b => (byte)(b ^ 0x01), b => (byte)(b ^ 0x20), b => b == '"' ? (byte)'x' : (byte)'"' })
                {
                    var entries = Log.Copy(size);
                    var mutated = entries[k].ToArray();
                    mutated[at] = change(mutated[at]);
                    entries[k] = mutated;
                    var (fault, index) = ExpectedForChangedEntry(Log.Entries[k], mutated, k, size);

                    Assert.True(Expect(scenario, entries, fault, index), $"entry {k}, byte {at}");
                }
            }
        }
    }

    [Fact]
    public void Deletion_IsAGapOrATruncation()
    {
        var cases = from scenario in Scenarios(1) from k in Gen.Choose(0, scenario.Size - 1) select (scenario, k);

        Check(cases, c =>
        {
            var entries = Log.Copy(c.scenario.Size);
            entries.RemoveAt(c.k);
            var last = c.k == c.scenario.Size - 1;
            return Expect(c.scenario, entries, last ? VerificationFault.Truncated : VerificationFault.Gap, c.k);
        });
    }

    [Fact]
    public void Insertion_IsDetectedAtTheInsertedEntry()
    {
        var cases =
            from scenario in Scenarios(1)
            from k in Gen.Choose(0, scenario.Size - 1)
            from garbage in Gen.Elements(false, true)
            select (scenario, k, garbage);

        Check(cases, c =>
        {
            var entries = Log.Copy(c.scenario.Size);
            var prev = c.k == 0 ? LedgerHash.Zero : MerkleHash.Leaf(entries[c.k - 1]);
            var forged = LedgerEntry.Create(TestLog.Name, c.k, DateTimeOffset.UnixEpoch, Testing.Ledger.TestDrafts.Create(5000 + c.k), prev);
            entries.Insert(c.k, c.garbage ? "{\"v\":1}"u8.ToArray() : forged.Bytes.ToArray());
            return Expect(c.scenario, entries, c.garbage ? VerificationFault.MalformedEntry : VerificationFault.Inserted, c.k);
        });
    }

    [Fact]
    public void Reordering_IsDetectedAtTheFirstMovedEntry()
    {
        var cases =
            from scenario in Scenarios(2)
            from i in Gen.Choose(0, scenario.Size - 2)
            from j in Gen.OneOf(Gen.Constant(i + 1), Gen.Choose(i + 1, scenario.Size - 1))
            select (scenario, i, j);

        Check(cases, c =>
        {
            var entries = Log.Copy(c.scenario.Size);
            (entries[c.i], entries[c.j]) = (entries[c.j], entries[c.i]);
            return Expect(c.scenario, entries, VerificationFault.Reordered, c.i);
        });
    }

    [Fact]
    public void Duplication_IsDetectedAtTheRepeat()
    {
        var cases =
            from scenario in Scenarios(1)
            from j in Gen.Choose(0, scenario.Size - 1)
            from k in Gen.OneOf(Gen.Constant(j + 1), Gen.Choose(j + 1, scenario.Size))
            select (scenario, j, k);

        Check(cases, c =>
        {
            var entries = Log.Copy(c.scenario.Size);
            entries.Insert(c.k, entries[c.j].ToArray());
            return Expect(c.scenario, entries, VerificationFault.Duplicate, c.k);
        });
    }

    [Fact]
    public void Truncation_IsDetectedAtTheFirstMissingEntry()
    {
        var cases = from scenario in Scenarios(1) from m in Gen.Choose(0, scenario.Size - 1) select (scenario, m);

        Check(cases, c => Expect(c.scenario, Log.Copy(c.m), VerificationFault.Truncated, c.m));
    }

    private static (VerificationFault Fault, long Index) ExpectedForChangedEntry(byte[] original, byte[] mutated, int k, int size)
    {
        var parsed = LedgerEntry.Parse(mutated);
        if (!parsed.IsSuccess)
        {
            return (VerificationFault.MalformedEntry, k);
        }

        var before = LedgerEntry.Parse(original).Entry!;
        var after = parsed.Entry;
        if (after.Log != before.Log)
        {
            return (VerificationFault.LogMismatch, k);
        }

        if (after.Sequence != before.Sequence)
        {
            return (VerificationFault.ChangedEntry, k);
        }

        if (after.Prev != before.Prev)
        {
            return (VerificationFault.BrokenLink, k);
        }

        return (k < size - 1 ? VerificationFault.ChangedEntry : VerificationFault.RootMismatch, k);
    }

    private static bool Expect(Scenario scenario, List<byte[]> entries, VerificationFault fault, long? index)
    {
        // Checkpoints are signed over the original log: the full size plus up to three earlier sizes.
        var random = new Random(scenario.CheckpointSeed);
        var sizes = new HashSet<int> { scenario.Size };
        for (var i = random.Next(4); i > 0; i--)
        {
            sizes.Add(random.Next(1, scenario.Size + 1));
        }

        var checkpoints = sizes.Select(Log.CheckpointAt).ToList();
        var options = new LogVerifierOptions { BatchSize = scenario.BatchSize, MaxDegreeOfParallelism = scenario.Parallelism };
        var result = Task.Run(() => TestLog.VerifyAsync(entries, checkpoints, options)).GetAwaiter().GetResult();
        if (result.Fault == fault && result.FirstBadIndex == index)
        {
            return true;
        }

        throw new InvalidOperationException($"Expected {fault} at {index}, got {result} (scenario {scenario}).");
    }

    private static void Check<T>(Gen<T> cases, Func<T, bool> property) =>
        FsCheck.Check.One(Config.QuickThrowOnFailure.WithMaxTest(Cases), Prop.ForAll(Arb.From(cases), property));

    private sealed record Scenario(int Size, int CheckpointSeed, int BatchSize, int Parallelism);
}
