using System.Collections.Concurrent;
using MedLedger.Infrastructure.Ledger;
using MedLedger.Ledger.Appending;
using MedLedger.Ledger.Checkpoints;
using MedLedger.Ledger.Entries;
using MedLedger.Ledger.Hashing;
using MedLedger.Ledger.Merkle;
using MedLedger.Ledger.Storage;
using MedLedger.Ledger.Verification;
using MedLedger.Testing.Azurite;
using MedLedger.Testing.Ledger;
using MedLedger.Testing.Time;

namespace MedLedger.Infrastructure.Tests.Ledger;

/// <summary>Several appenders, each with its own store, client and pipeline (as separate processes would be), on one log.</summary>
public sealed class TableLogStoreConcurrencyTests(AzuriteFixture azurite)
{
    private const int Appenders = 8;
    private const int EventsPerAppender = 500;
    private const int CallersPerAppender = 12;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AppendAsync_EightAppendersWithRepeatedEventIds_EachUniqueEventOnceAndTheLogVerifies()
    {
        var logName = "concurrency-" + Guid.NewGuid().ToString("N")[..12];
        var tableName = UniqueNames.Table("ledger");
        var plans = PlanEvents(new Random(20260121));
        var uniqueEvents = plans.SelectMany(p => p).Distinct().ToList();
        Assert.Equal(Appenders * EventsPerAppender * 8 / 10, uniqueEvents.Count);

        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 21, 9, 0, 0, TimeSpan.Zero));
        var stores = new List<TableLogStore>();
        for (var a = 0; a < Appenders; a++)
        {
            var store = TableLogStore.Open(azurite.CreateAccount(), logName, tableName: tableName);
            await store.CreateTableIfNotExistsAsync(Token);
            stores.Add(store);
        }

        var results = new ConcurrentBag<(int Appender, int Number, AppendResult Result)>();
        var failures = new ConcurrentBag<Exception>();
        await Task.WhenAll(Enumerable.Range(0, Appenders).Select(a => Task.Run(
            async () =>
            {
                var appender = new LogAppender(stores[a], clock);
                var next = -1;
                await Task.WhenAll(Enumerable.Range(0, CallersPerAppender).Select(_ => Task.Run(
                    async () =>
                    {
                        int i;
                        while ((i = Interlocked.Increment(ref next)) < EventsPerAppender)
                        {
                            var number = plans[a][i];
                            try
                            {
                                results.Add((a, number, await appender.AppendAsync(TestDrafts.Create(number), Token)));
                            }
                            catch (Exception exception)
                            {
                                failures.Add(exception);
                            }
                        }
                    },
                    Token)));
            },
            Token)));

        Assert.Empty(failures);
        Assert.Equal(Appenders * EventsPerAppender, results.Count);

        // Exactly the unique events, contiguous from 0, each once.
        var reader = TableLogStore.Open(azurite.CreateAccount(), logName, tableName: tableName);
        var head = await reader.ReadHeadAsync(Token);
        Assert.Equal(uniqueEvents.Count, head.Size);
        var entries = new List<StoredEntry>();
        await foreach (var entry in reader.ReadEntriesAsync(0, long.MaxValue, Token))
        {
            entries.Add(entry);
        }

        Assert.Equal(Enumerable.Range(0, uniqueEvents.Count).Select(i => (long)i), entries.Select(e => e.Index));
        var parsed = entries.Select(e => LedgerEntry.Parse(e.Bytes.Span).Entry!).ToList();
        Assert.Equal(uniqueEvents.Select(EventId).Order(StringComparer.Ordinal), parsed.Select(e => e.EventId).Order(StringComparer.Ordinal));

        // Every appender got the entry's index and leaf hash for each of its events, and exactly one call per event
        // was told it appended it.
        foreach (var (_, number, result) in results)
        {
            Assert.Equal(EventId(number), result.EventId);
            Assert.Equal(EventId(number), parsed[(int)result.Index].EventId);
            Assert.Equal(MerkleHash.Leaf(entries[(int)result.Index].Bytes.Span), result.LeafHash);
        }

        Assert.All(results.GroupBy(r => r.Result.EventId), group => Assert.Single(group, r => !r.Result.AlreadyPresent));

        // The indexes agree with the entries.
        foreach (var subject in parsed.Select(e => e.Subject).Distinct())
        {
            var expected = parsed.Where(e => e.Subject == subject).Select(e => e.Sequence).ToList();
            Assert.Equal(expected, await reader.ReadIndexAsync(new LogIndexKey(LogIndexKind.Subject, subject), 0, 10_000, Token));
        }

        foreach (var number in uniqueEvents.Take(50))
        {
            var index = parsed.FindIndex(e => e.EventId == EventId(number));
            Assert.Equal(new EventLocation(index, MerkleHash.Leaf(entries[index].Bytes.Span)), await reader.FindEventAsync(EventId(number), Token));
        }

        // The whole log verifies against a signed checkpoint of its head, and the tiles give the same root.
        using var signer = LocalCheckpointSigner.Generate(logName);
        using var key = signer.CreateVerifierKey();
        var note = await new Checkpoint(logName, head.Size, head.RootHash).SignAsync(signer, Token);
        await reader.SaveCheckpointAsync(new StoredCheckpoint(head.Size, note), Token);
        var verification = await new LogVerifier([key]).VerifyStoreAsync(reader, cancellationToken: Token);
        Assert.True(verification.IsValid, verification.ToString());
        Assert.Equal(head.Size, verification.CheckpointedSize);
        Assert.Equal(CompactMerkleTree.RootOf(entries.Select(e => MerkleHash.Leaf(e.Bytes.Span)).ToList()), head.RootHash);
        Assert.Equal(head.RootHash, await new MedLedger.Ledger.Tiles.TiledMerkleTree(new LogStoreTileReader(reader)).ReadRootHashAsync(head.Size, Token));
    }

    /// <summary>
    /// Plans each appender's 500 events: 80 % its own new events, 10 % repeats of its own earlier events and 10 %
    /// events another appender also delivers (redeliveries to another process), in shuffled order.
    /// </summary>
    private static List<int>[] PlanEvents(Random random)
    {
        const int OwnPerAppender = EventsPerAppender * 8 / 10;
        var plans = new List<int>[Appenders];
        for (var a = 0; a < Appenders; a++)
        {
            plans[a] = [.. Enumerable.Range(a * OwnPerAppender, OwnPerAppender)];
        }

        for (var a = 0; a < Appenders; a++)
        {
            var own = plans[a].ToList();
            while (plans[a].Count < EventsPerAppender)
            {
                var across = plans[a].Count % 2 == 0;
                var other = (a + 1 + random.Next(Appenders - 1)) % Appenders;
                plans[a].Add(across ? (other * OwnPerAppender) + random.Next(OwnPerAppender) : own[random.Next(own.Count)]);
            }

            random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(plans[a]));
        }

        return plans;
    }

    private static string EventId(int number) => $"evt-{number}";
}
