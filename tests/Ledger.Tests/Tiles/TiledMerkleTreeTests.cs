using MedLedger.Ledger.Hashing;
using MedLedger.Ledger.Merkle;
using MedLedger.Ledger.Tests.Reference;
using MedLedger.Ledger.Tests.Support;
using MedLedger.Ledger.Tests.TestVectors;
using MedLedger.Ledger.Tiles;
using MedLedger.Testing.Tiles;

namespace MedLedger.Ledger.Tests.Tiles;

public sealed class TiledMerkleTreeTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static LedgerHash[] Hashes(IEnumerable<byte[]> bytes) => [.. bytes.Select(b => new LedgerHash(b))];

    [Fact]
    public async Task ProveInclusionAsync_PublishedTree_ReproducesPublishedProofsAndRoots()
    {
        var vectors = VectorFiles.Load<ReferenceTreeVectors>("reference-tree-8.json");
        var tiles = InMemoryTiles.Build([.. Enumerable.Range(0, 8).Select(i => MerkleHash.Leaf(vectors.Entry(i)))]);
        var tree = new TiledMerkleTree(tiles);

        foreach (var vector in vectors.Inclusion)
        {
            Assert.Equal(VectorFiles.Hashes(vector.Proof), await tree.ProveInclusionAsync(vector.LeafIndex, vector.TreeSize, Token));
        }

        foreach (var vector in vectors.Consistency)
        {
            Assert.Equal(VectorFiles.Hashes(vector.Proof), await tree.ProveConsistencyAsync(vector.FirstSize, vector.SecondSize, Token));
        }

        foreach (var root in vectors.Roots)
        {
            Assert.Equal(VectorFiles.Hash(root.Root), await tree.ReadRootHashAsync(root.TreeSize, Token));
        }
    }

    [Fact]
    public async Task ProveInclusionAsync_EveryLeafOfEverySizeUpTo300_MatchesReferenceVerifiesAndReadsFewTiles()
    {
        const int MaxSize = 300;
        var entries = Enumerable.Range(0, MaxSize).Select(i => ReferenceMerkleTree.Entry(i)).ToList();
        var reference = ReferenceMerkleTree.FromEntries(entries);
        // The tiles of the largest tree serve every older size: tiles only grow.
        var tiles = InMemoryTiles.Build([.. entries.Select(e => MerkleHash.Leaf(e))]);
        var tree = new TiledMerkleTree(tiles);
        var proofs = 0;

        for (var n = 1; n <= MaxSize; n++)
        {
            tiles.ResetCounters();
            var root = await tree.ReadRootHashAsync(n, Token);
            Assert.Equal(reference.Root(n), root.ToArray());
            TileReadAssert.OneBatch(tiles, 1, $"root {n}");
            for (var i = 0; i < n; i++)
            {
                var proof = await tree.ProveInclusionAsync(i, n, Token);

                Assert.Equal(Hashes(reference.Path(i, n)), proof);
                Assert.True(MerkleProofs.VerifyInclusion(i, n, MerkleHash.Leaf(entries[i]), proof, root), $"leaf {i} of {n}");
                if (n > 1)
                {
                    TileReadAssert.OneBatch(tiles, 2, $"leaf {i} of {n}");
                }

                proofs++;
            }
        }

        Assert.Equal(MaxSize * (MaxSize + 1) / 2, proofs);
    }

    [Fact]
    public async Task ProveConsistencyAsync_EveryPairUpTo64_MatchesReferenceAndVerifies()
    {
        const int MaxSize = 64;
        var entries = Enumerable.Range(0, MaxSize).Select(i => ReferenceMerkleTree.Entry(i)).ToList();
        var reference = ReferenceMerkleTree.FromEntries(entries);
        var tiles = InMemoryTiles.Build([.. entries.Select(e => MerkleHash.Leaf(e))]);
        var tree = new TiledMerkleTree(tiles);

        for (var n = 0; n <= MaxSize; n++)
        {
            for (var m = 0; m <= n; m++)
            {
                tiles.ResetCounters();
                var proof = await tree.ProveConsistencyAsync(m, n, Token);

                var expected = m == 0 || m == n ? [] : Hashes(reference.Proof(m, n));
                Assert.Equal(expected, proof);
                Assert.True(
                    MerkleProofs.VerifyConsistency(m, n, new LedgerHash(reference.Root(m)), new LedgerHash(reference.Root(n)), proof),
                    $"{m} to {n}");
                Assert.True(proof.Count == 0 ? tiles.ReadCalls == 0 : tiles.ReadCalls == 1, $"{m} to {n}: {tiles.ReadCalls} reads");
            }
        }
    }

    [Fact]
    public async Task ProveInclusionAsync_TreeGrowingOneLeafAtATime_MatchesReferenceAtEverySize()
    {
        var entries = Enumerable.Range(0, 520).Select(i => ReferenceMerkleTree.Entry(i)).ToList();
        var reference = ReferenceMerkleTree.FromEntries(entries);
        var tiles = new InMemoryTiles();
        var tree = new TiledMerkleTree(tiles);

        for (var n = 1; n <= entries.Count; n++)
        {
            tiles.Append([MerkleHash.Leaf(entries[n - 1])]);

            Assert.Equal(reference.Root(n), (await tree.ReadRootHashAsync(n, Token)).ToArray());
            foreach (var i in new[] { 0, n / 2, n - 1 })
            {
                Assert.Equal(Hashes(reference.Path(i, n)), await tree.ProveInclusionAsync(i, n, Token));
            }

            foreach (var m in new[] { 1, n / 3, n - 1 }.Where(m => m > 0 && m < n))
            {
                Assert.Equal(Hashes(reference.Proof(m, n)), await tree.ProveConsistencyAsync(m, n, Token));
            }
        }
    }

    [Fact]
    public async Task Proofs_SizesAroundTileBoundaries_MatchReferenceAndReadAtMostTwoTilesPerLevel()
    {
        const int MaxSize = 65_800;
        var leaves = SyntheticLeaves.Range(0, MaxSize);
        var reference = ReferenceMerkleTree.FromLeafHashes(leaves.Select(l => l.ToArray()));
        var tiles = InMemoryTiles.Build(leaves);
        var tree = new TiledMerkleTree(tiles);
        long[] sizes = [1, 2, 3, 255, 256, 257, 511, 512, 513, 65_535, 65_536, 65_537, 65_791, 65_792, 65_793, MaxSize];
        var random = new Random(65_537);

        foreach (var n in sizes)
        {
            tiles.ResetCounters();
            var root = await tree.ReadRootHashAsync(n, Token);
            Assert.Equal(reference.Root(n), root.ToArray());
            TileReadAssert.OneBatch(tiles, 1, $"root {n}");

            long[] indexes = [0, 1, 254, 255, 256, 257, 65_535, 65_536, n - 2, n - 1, random.NextInt64(n), random.NextInt64(n)];
            foreach (var i in indexes.Where(i => i >= 0 && i < n).Distinct())
            {
                var proof = await tree.ProveInclusionAsync(i, n, Token);

                Assert.Equal(Hashes(reference.Path(i, n)), proof);
                Assert.True(MerkleProofs.VerifyInclusion(i, n, leaves[i], proof, root), $"leaf {i} of {n}");
                if (n > 1)
                {
                    TileReadAssert.OneBatch(tiles, 2, $"leaf {i} of {n}");
                }
            }

            foreach (var m in sizes.Append(random.NextInt64(1, n)).Where(m => m < n).Distinct())
            {
                var proof = await tree.ProveConsistencyAsync(m, n, Token);

                Assert.Equal(Hashes(reference.Proof(m, n)), proof);
                Assert.True(MerkleProofs.VerifyConsistency(m, n, new LedgerHash(reference.Root(m)), root, proof), $"{m} to {n}");
                TileReadAssert.OneBatch(tiles, 2, $"{m} to {n}");
            }
        }
    }

    [Fact]
    public async Task ReadSubtreeHashAsync_EveryHeightAtTileBoundaries_MatchesReferenceFromOneTile()
    {
        const int MaxSize = 65_800;
        var leaves = SyntheticLeaves.Range(0, MaxSize);
        var reference = ReferenceMerkleTree.FromLeafHashes(leaves.Select(l => l.ToArray()));
        var tiles = InMemoryTiles.Build(leaves);
        var tree = new TiledMerkleTree(tiles);

        for (var height = 0; height <= 16; height++)
        {
            var count = MaxSize >> height;
            foreach (var index in new long[] { 0, 1, count / 2, count - 2, count - 1 }.Where(i => i >= 0 && i < count).Distinct())
            {
                tiles.ResetCounters();
                var hash = await tree.ReadSubtreeHashAsync(height, index, MaxSize, Token);

                Assert.Equal(reference.Mth(index << height, (index + 1) << height), hash.ToArray());
                Assert.Single(tiles.LastRead);
            }
        }
    }

    [Fact]
    public async Task ProofsAndRoots_InvalidArguments_ThrowArgumentOutOfRange()
    {
        var tree = new TiledMerkleTree(InMemoryTiles.Build(SyntheticLeaves.Range(0, 10)));

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => tree.ProveInclusionAsync(10, 10, Token));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => tree.ProveInclusionAsync(long.MaxValue, 10, Token));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => tree.ProveInclusionAsync(-1, 10, Token));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => tree.ProveInclusionAsync(0, 0, Token));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => tree.ProveInclusionAsync(0, -5, Token));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => tree.ProveConsistencyAsync(6, 5, Token));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => tree.ProveConsistencyAsync(-1, 5, Token));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => tree.ProveConsistencyAsync(0, -1, Token));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => tree.ProveConsistencyAsync(long.MaxValue, 5, Token));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => tree.ReadRootHashAsync(-1, Token));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => tree.ReadSubtreeHashAsync(1, 5, 10, Token));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => tree.ReadSubtreeHashAsync(-1, 0, 10, Token));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => tree.ReadSubtreeHashAsync(63, 0, long.MaxValue, Token));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => tree.ReadSubtreeHashAsync(0, -1, 10, Token));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => tree.ReadSubtreeHashAsync(0, 0, -1, Token));
    }

    [Fact]
    public async Task ProofsAndRoots_TrivialCases_ReadNoTiles()
    {
        var tiles = InMemoryTiles.Build(SyntheticLeaves.Range(0, 10));
        var tree = new TiledMerkleTree(tiles);

        Assert.Equal(MerkleHash.EmptyRoot, await tree.ReadRootHashAsync(0, Token));
        Assert.Empty(await tree.ProveConsistencyAsync(0, 10, Token));
        Assert.Empty(await tree.ProveConsistencyAsync(7, 7, Token));
        Assert.Empty(await tree.ProveConsistencyAsync(0, 0, Token));
        Assert.Equal(0, tiles.ReadCalls);
    }

    [Fact]
    public async Task ProveInclusionAsync_MissingTile_ThrowsInvalidData()
    {
        var tiles = InMemoryTiles.Build(SyntheticLeaves.Range(0, 600));
        var tree = new TiledMerkleTree(tiles);
        tiles.Remove(new TileCoordinate(0, 1));

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => tree.ProveInclusionAsync(300, 600, Token));
        Assert.Contains("0/1", error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<InvalidDataException>(() => tree.ReadRootHashAsync(300, Token));
        await Assert.ThrowsAsync<InvalidDataException>(() => tree.ProveConsistencyAsync(300, 600, Token));
        // Whatever does not touch the lost tile still works: the root at 600 takes leaves 256..511 from level 1.
        Assert.Equal(tiles.RootHash, await tree.ReadRootHashAsync(600, Token));
        Assert.NotEmpty(await tree.ProveInclusionAsync(10, 256, Token));
    }

    [Fact]
    public async Task ProveInclusionAsync_TileShorterThanTheSizeNeeds_ThrowsInvalidData()
    {
        var tiles = InMemoryTiles.Build(SyntheticLeaves.Range(0, 300));
        var tree = new TiledMerkleTree(tiles);
        tiles.Put(new TileCoordinate(0, 1), new Tile(new TileCoordinate(0, 1), SyntheticLeaves.Range(256, 10)));

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => tree.ProveInclusionAsync(0, 300, Token));
        Assert.Contains("10 hashes", error.Message, StringComparison.Ordinal);
        // A size the short tile still covers is fine (the tile is a valid older version).
        Assert.Equal(CompactMerkleTree.RootOf(SyntheticLeaves.Range(0, 266)), await tree.ReadRootHashAsync(266, Token));
    }

    [Fact]
    public async Task ProveInclusionAsync_SizeNeverCommitted_ThrowsInvalidData()
    {
        var tree = new TiledMerkleTree(InMemoryTiles.Build(SyntheticLeaves.Range(0, 100)));

        await Assert.ThrowsAsync<InvalidDataException>(() => tree.ProveInclusionAsync(5, 101, Token));
        await Assert.ThrowsAsync<InvalidDataException>(() => tree.ReadRootHashAsync(300, Token));
    }

    [Fact]
    public async Task ProveInclusionAsync_ReaderAnswersTheWrongTile_ThrowsInvalidData()
    {
        var tiles = InMemoryTiles.Build(SyntheticLeaves.Range(0, 600));
        var tree = new TiledMerkleTree(tiles);
        tiles.Put(new TileCoordinate(0, 2), tiles.Get(new TileCoordinate(0, 1))!);

        await Assert.ThrowsAsync<InvalidDataException>(() => tree.ProveInclusionAsync(590, 600, Token));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(5)]
    public async Task ProveInclusionAsync_ReaderAnswersWrongNumberOfTiles_ThrowsInvalidData(int answered)
    {
        var tiles = InMemoryTiles.Build(SyntheticLeaves.Range(0, 600));
        var tree = new TiledMerkleTree(new FixedAnswerReader(tiles, answered));

        await Assert.ThrowsAsync<InvalidDataException>(() => tree.ProveInclusionAsync(300, 600, Token));
    }

    [Fact]
    public async Task ProveInclusionAsync_CancelledToken_PassesItToTheReader()
    {
        var tree = new TiledMerkleTree(InMemoryTiles.Build(SyntheticLeaves.Range(0, 10)));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => tree.ProveInclusionAsync(3, 10, cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => tree.ProveConsistencyAsync(3, 10, cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => tree.ReadRootHashAsync(10, cancelled.Token));
    }

    [Fact]
    public void Constructor_NullReader_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => new TiledMerkleTree(null!));
    }

    /// <summary>A broken reader that answers a fixed number of tiles whatever it is asked.</summary>
    private sealed class FixedAnswerReader(InMemoryTiles tiles, int answered) : ITileReader
    {
        public Task<IReadOnlyList<Tile?>> ReadTilesAsync(IReadOnlyList<TileCoordinate> coordinates, CancellationToken cancellationToken = default)
        {
            IReadOnlyList<Tile?> answer = [.. Enumerable.Range(0, answered).Select(i => tiles.Tiles.ElementAt(i % tiles.Tiles.Count))];
            return Task.FromResult(answer);
        }
    }
}
