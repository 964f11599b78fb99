using System.Diagnostics;
using System.Globalization;
using System.Text;
using MedLedger.Ledger.Hashing;
using MedLedger.Ledger.Merkle;
using MedLedger.Ledger.Tiles;
using MedLedger.Testing.Tiles;

namespace MedLedger.Bench;

/// <summary>
/// Inclusion and consistency proofs generated from tiles (<see cref="TiledMerkleTree"/>) and verified
/// (<see cref="MerkleProofs"/>) on a tree of 1,000,000 leaves held in memory: µs per proof, proof lengths and tile reads.
/// </summary>
/// <remarks>
/// The tiles live in memory, so the figures are the ledger's own cost (planning, hashing, verification); a real
/// store adds one batched round trip per proof. The cost of one node hash, measured in the same run, is the unit
/// that makes the figures comparable across machines.
/// </remarks>
public sealed class ProofsBenchmark : IBenchmark
{
    private const int AppendBatch = 1_000;

    /// <inheritdoc />
    public string Name => "proofs";

    /// <inheritdoc />
    public string Description => "Inclusion and consistency proofs from tiles at n = 1,000,000: µs generated and verified, lengths, tile reads";

    /// <inheritdoc />
    public async Task RunAsync(TextWriter output, bool quick, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        var size = quick ? 10_000 : 1_000_000;
        var samples = quick ? 300 : 5_000;
        var random = new Random(9162);

        var nodeNs = MeasureNodeHashNs();
        var (tiles, buildSeconds) = BuildTree(size);
        var tree = new TiledMerkleTree(tiles);
        output.WriteLine(Invariant($"tree: {size:N0} leaves, {tiles.Tiles.Count:N0} tiles, built in {buildSeconds:F2} s ({size / buildSeconds:N0} leaves/s, leaf hashing included)"));
        output.WriteLine(Invariant($"one node hash SHA-256(0x01 ‖ l ‖ r): {nodeNs:F0} ns (measured again next to each figure below)"));

        await MeasureInclusionAsync(output, tiles, tree, size, samples, random, nodeNs, cancellationToken);
        await MeasureConsistencyAsync(output, tiles, tree, size, samples, random, nodeNs, cancellationToken);
        await MeasureOldRootsAsync(output, tiles, tree, size, samples, random, cancellationToken);
        ReportWorstCaseLengths(output, size);
    }

    private static (InMemoryTiles Tiles, double Seconds) BuildTree(int size)
    {
        var stopwatch = Stopwatch.StartNew();
        var tiles = new InMemoryTiles();
        var batch = new List<LedgerHash>(AppendBatch);
        for (var i = 0; i < size; i++)
        {
            batch.Add(LeafHash(i));
            if (batch.Count == AppendBatch || i == size - 1)
            {
                tiles.Append(batch);
                batch.Clear();
            }
        }

        return (tiles, stopwatch.Elapsed.TotalSeconds);
    }

    private static double MeasureNodeHashNs()
    {
        var left = MerkleHash.Leaf([1]);
        var right = MerkleHash.Leaf([2]);
        for (var i = 0; i < 100_000; i++)
        {
            left = MerkleHash.Node(left, right);
        }

        const int Count = 300_000;
        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < Count; i++)
        {
            left = MerkleHash.Node(left, right);
        }

        GC.KeepAlive(left);
        return stopwatch.Elapsed.TotalNanoseconds / Count;
    }

    private static async Task MeasureInclusionAsync(
        TextWriter output, InMemoryTiles tiles, TiledMerkleTree tree, int size, int samples, Random random, double nodeNs, CancellationToken cancellationToken)
    {
        var root = tiles.RootHash;
        var indexes = Enumerable.Range(0, samples).Select(_ => random.NextInt64(size)).ToArray();
        var leaves = indexes.Select(LeafHash).ToArray();
        var proofs = new IReadOnlyList<LedgerHash>[samples];

        // Warm up the JIT on a separate set, then measure generation and verification separately.
        for (var i = 0; i < Math.Min(200, samples); i++)
        {
            var warm = await tree.ProveInclusionAsync(indexes[i], size, cancellationToken);
            MerkleProofs.VerifyInclusion(indexes[i], size, leaves[i], warm, root);
        }

        tiles.ResetCounters();
        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < samples; i++)
        {
            proofs[i] = await tree.ProveInclusionAsync(indexes[i], size, cancellationToken);
        }

        var generateUs = stopwatch.Elapsed.TotalMicroseconds / samples;
        var reads = (Calls: tiles.ReadCalls, Tiles: tiles.TilesRead);

        stopwatch.Restart();
        var verified = 0;
        for (var i = 0; i < samples; i++)
        {
            verified += MerkleProofs.VerifyInclusion(indexes[i], size, leaves[i], proofs[i], root) ? 1 : 0;
        }

        var verifyUs = stopwatch.Elapsed.TotalMicroseconds / samples;
        var maxTiles = await MaxTilesPerProofAsync(tiles, indexes.Take(50), i => tree.ProveInclusionAsync(i, size, cancellationToken));

        var hashes = indexes.Average(i => HashesToCompute(MerkleRange.InclusionPath(i, size)));
        nodeNs = MeasureNodeHashNs();
        output.WriteLine(Invariant($"inclusion ({samples:N0} random leaves at size {size:N0}; {verified:N0} verified):"));
        output.WriteLine(Invariant($"  generate {generateUs,8:F1} µs/proof  ({hashes:F0} node hashes computed from tiles; {generateUs * 1000 / nodeNs:F0} node-hash times)"));
        output.WriteLine(Invariant($"  verify   {verifyUs,8:F1} µs/proof  ({proofs.Average(p => p.Count):F1} node hashes; {verifyUs * 1000 / nodeNs:F0} node-hash times)"));
        output.WriteLine(Invariant($"  length   max {proofs.Max(p => p.Count)}, mean {proofs.Average(p => p.Count):F1} hashes"));
        output.WriteLine(Invariant($"  reads    {(double)reads.Calls / samples:F2} calls/proof, {(double)reads.Tiles / samples:F2} tiles/proof (max {maxTiles})"));
    }

    private static async Task MeasureConsistencyAsync(
        TextWriter output, InMemoryTiles tiles, TiledMerkleTree tree, int size, int samples, Random random, double nodeNs, CancellationToken cancellationToken)
    {
        var pairs = Enumerable.Range(0, samples).Select(_ =>
        {
            var second = random.NextInt64(2, size + 1L);
            return (First: random.NextInt64(1, second), Second: second);
        }).ToArray();
        var roots = new Dictionary<long, LedgerHash>();
        foreach (var (first, second) in pairs)
        {
            roots[first] = await tree.ReadRootHashAsync(first, cancellationToken);
            roots[second] = await tree.ReadRootHashAsync(second, cancellationToken);
        }

        var proofs = new IReadOnlyList<LedgerHash>[samples];
        for (var i = 0; i < Math.Min(200, samples); i++)
        {
            await tree.ProveConsistencyAsync(pairs[i].First, pairs[i].Second, cancellationToken);
        }

        tiles.ResetCounters();
        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < samples; i++)
        {
            proofs[i] = await tree.ProveConsistencyAsync(pairs[i].First, pairs[i].Second, cancellationToken);
        }

        var generateUs = stopwatch.Elapsed.TotalMicroseconds / samples;
        var reads = (Calls: tiles.ReadCalls, Tiles: tiles.TilesRead);

        stopwatch.Restart();
        var verified = 0;
        for (var i = 0; i < samples; i++)
        {
            var (first, second) = pairs[i];
            verified += MerkleProofs.VerifyConsistency(first, second, roots[first], roots[second], proofs[i]) ? 1 : 0;
        }

        var verifyUs = stopwatch.Elapsed.TotalMicroseconds / samples;
        var maxTiles = await MaxTilesPerProofAsync(tiles, pairs.Take(50), p => tree.ProveConsistencyAsync(p.First, p.Second, cancellationToken));

        var hashes = pairs.Average(p => HashesToCompute(MerkleRange.ConsistencyPath(p.First, p.Second)));
        nodeNs = MeasureNodeHashNs();
        output.WriteLine(Invariant($"consistency ({samples:N0} random pairs m < n ≤ {size:N0}; {verified:N0} verified):"));
        output.WriteLine(Invariant($"  generate {generateUs,8:F1} µs/proof  ({hashes:F0} node hashes computed from tiles; {generateUs * 1000 / nodeNs:F0} node-hash times)"));
        output.WriteLine(Invariant($"  verify   {verifyUs,8:F1} µs/proof  ({2 * proofs.Average(p => p.Count):F0} node hashes at most; {verifyUs * 1000 / nodeNs:F0} node-hash times)"));
        output.WriteLine(Invariant($"  length   max {proofs.Max(p => p.Count)}, mean {proofs.Average(p => p.Count):F1} hashes"));
        output.WriteLine(Invariant($"  reads    {(double)reads.Calls / samples:F2} calls/proof, {(double)reads.Tiles / samples:F2} tiles/proof (max {maxTiles})"));
    }

    private static async Task MeasureOldRootsAsync(
        TextWriter output, InMemoryTiles tiles, TiledMerkleTree tree, int size, int samples, Random random, CancellationToken cancellationToken)
    {
        var sizes = Enumerable.Range(0, samples).Select(_ => random.NextInt64(1, size + 1L)).ToArray();
        tiles.ResetCounters();
        var stopwatch = Stopwatch.StartNew();
        foreach (var treeSize in sizes)
        {
            await tree.ReadRootHashAsync(treeSize, cancellationToken);
        }

        var rootUs = stopwatch.Elapsed.TotalMicroseconds / samples;
        output.WriteLine(Invariant($"root at an older size (checking an old checkpoint): {rootUs:F1} µs, {(double)tiles.TilesRead / samples:F2} tiles"));
    }

    private static void ReportWorstCaseLengths(TextWriter output, int size)
    {
        var inclusion = 0;
        var consistency = 0;
        for (long i = 0; i < size; i++)
        {
            inclusion = Math.Max(inclusion, MerkleRange.InclusionPath(i, size).Count);
            if (i > 0)
            {
                consistency = Math.Max(consistency, MerkleRange.ConsistencyPath(i, size).Count);
            }
        }

        var depth = (int)Math.Ceiling(Math.Log2(size));
        output.WriteLine(Invariant($"worst case over every index / every older size at n = {size:N0}: inclusion {inclusion} hashes, consistency {consistency} hashes (⌈log2 n⌉ = {depth})"));
        if (inclusion > 20)
        {
            output.WriteLine("  WARNING: inclusion proofs exceed the 20-hash goal");
        }
    }

    private static async Task<int> MaxTilesPerProofAsync<T>(InMemoryTiles tiles, IEnumerable<T> items, Func<T, Task> prove)
    {
        var max = 0;
        foreach (var item in items)
        {
            tiles.ResetCounters();
            await prove(item);
            max = Math.Max(max, tiles.LastRead.Count);
        }

        return max;
    }

    /// <summary>The node hashes a proof costs to generate: each perfect subtree combines 2^(h mod 8) tile hashes, each range folds its subtrees.</summary>
    private static int HashesToCompute(List<MerkleRange> ranges)
    {
        var total = 0;
        var subtrees = new List<PerfectSubtree>();
        foreach (var range in ranges)
        {
            subtrees.Clear();
            range.AddPerfectSubtrees(subtrees);
            total += subtrees.Count - 1 + subtrees.Sum(s => (1 << (s.Height % TileLayout.Height)) - 1);
        }

        return total;
    }

    private static LedgerHash LeafHash(long index) =>
        MerkleHash.Leaf(Encoding.UTF8.GetBytes(Invariant($"{{\"v\":1,\"seq\":{index},\"type\":\"record.read\"}}")));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
