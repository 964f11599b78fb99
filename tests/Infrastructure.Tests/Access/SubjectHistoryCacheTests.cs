using MedLedger.Access.Consent;
using MedLedger.Infrastructure.Access;
using MedLedger.Ledger.Storage;
using MedLedger.Testing.Time;

namespace MedLedger.Infrastructure.Tests.Access;

/// <summary>The incremental cache against full reads of the log: always the same state.</summary>
public sealed class SubjectHistoryCacheTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static async Task AssertSameAsFullReadAsync(SubjectHistoryCache cache, PatientLogWriter log)
    {
        var cached = await cache.ReadAsync(log.Store, log.PatientId, log.Subject, Token);
        var full = await ConsentStateReader.ReadAsync(log.Store, log.PatientId, log.Subject, cancellationToken: Token);
        Assert.Equal(Describe(full.State), Describe(cached.Consents.State));
        Assert.Equal(full.LatestChange, cached.Consents.LatestChange);
        foreach (var user in new[] { "dr-bo", "dr-cy" })
        {
            Assert.Equal(await BreakGlassSessions.FindLatestAsync(log.Store, log.Subject, user, Token), cached.BreakGlassOf(user));
        }
    }

    private static string Describe(ConsentState state) =>
        string.Join(";", state.Grants.Select(g => $"{g.ConsentId}@{g.RecordedAt:O}:{g.Terms.ComputeHash()}:{state.RevokedAt(g.ConsentId):O}"));

    [Fact]
    public async Task Read_AfterEveryRandomAppend_EqualsAFullRead()
    {
        var store = new InMemoryLogStore("medledger.test/cache");
        var time = new FakeTimeProvider(PatientLogWriter.Start);
        var logs = new[] { new PatientLogWriter(store, time, "p-1"), new PatientLogWriter(store, time, "p-2") };
        var cache = new SubjectHistoryCache();
        var random = new Random(20260301);
        var granted = new[] { new List<(string Id, ConsentTerms Terms)>(), new List<(string Id, ConsentTerms Terms)>() };
        for (var step = 0; step < 400; step++)
        {
            var which = random.Next(2);
            var log = logs[which];
            switch (random.Next(6))
            {
                case 0 or 1:
                    var terms = PatientLogWriter.Terms(random.Next(2) == 0 ? "clinic-b" : "insurer-x");
                    var id = $"c-{step}";
                    await log.GrantAsync(id, terms);
                    granted[which].Add((id, terms));
                    break;
                case 2 when granted[which].Count > 0:
                    var (revokeId, revokeTerms) = granted[which][random.Next(granted[which].Count)];
                    await log.RevokeAsync(revokeId, revokeTerms);
                    break;
                case 3:
                    await log.BreakGlassAsync(random.Next(2) == 0 ? "dr-bo" : "dr-cy", $"reason {step}");
                    break;
                default:
                    await log.OtherAsync();
                    break;
            }

            if (random.Next(3) == 0)
            {
                await AssertSameAsFullReadAsync(cache, logs[random.Next(2)]);
            }
        }

        await AssertSameAsFullReadAsync(cache, logs[0]);
        await AssertSameAsFullReadAsync(cache, logs[1]);
    }

    [Fact]
    public async Task Read_ConcurrentReadersOfOneSubject_AllSeeACompleteState()
    {
        var log = new PatientLogWriter(new InMemoryLogStore("medledger.test/cache"), new FakeTimeProvider(PatientLogWriter.Start));
        for (var i = 0; i < 50; i++)
        {
            await log.GrantAsync($"c-{i}", PatientLogWriter.Terms());
        }

        var cache = new SubjectHistoryCache();
        var states = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => cache.ReadAsync(log.Store, "p-1", log.Subject, Token)));

        Assert.All(states, s => Assert.Equal(50, s.Consents.State.Grants.Count));
    }

    [Fact]
    public async Task Read_ConcurrentColdReadsOfOneSubject_ReadTheHistoryOnce()
    {
        var store = new InMemoryLogStore("medledger.test/cache");
        var time = new FakeTimeProvider(PatientLogWriter.Start);
        var log = new PatientLogWriter(store, time, "p-1");
        var other = new PatientLogWriter(store, time, "p-2");
        for (var i = 0; i < 30; i++)
        {
            await log.GrantAsync($"c-{i}", PatientLogWriter.Terms());
            for (var gap = 0; gap <= SubjectEntries.MaxGap; gap++)
            {
                await other.OtherAsync();
            }
        }

        var counting = new SlowReadsStore(store);
        var cache = new SubjectHistoryCache();

        var states = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => cache.ReadAsync(counting, log.PatientId, log.Subject, Token), Token)));

        // One load of the 30 entries; the readers that waited continue from where it stopped and find nothing new.
        Assert.Equal(30, counting.EntriesRead);
        Assert.All(states, state => Assert.Equal(30, state.Consents.State.Grants.Count));
    }

    [Fact]
    public async Task Read_InconsistentEntry_DropsTheHistoryAndThrowsEveryTime()
    {
        var log = new PatientLogWriter(new InMemoryLogStore("medledger.test/cache"), new FakeTimeProvider(PatientLogWriter.Start));
        var cache = new SubjectHistoryCache();
        await log.GrantAsync("c-1", PatientLogWriter.Terms());
        await cache.ReadAsync(log.Store, "p-1", log.Subject, Token);
        await log.GrantAsync("c-1", PatientLogWriter.Terms("clinic-a"));

        await Assert.ThrowsAsync<InvalidDataException>(() => cache.ReadAsync(log.Store, "p-1", log.Subject, Token));
        await Assert.ThrowsAsync<InvalidDataException>(() => cache.ReadAsync(log.Store, "p-1", log.Subject, Token));
    }

    [Fact]
    public async Task Read_BeyondCapacity_EvictsButStaysCorrect()
    {
        var store = new InMemoryLogStore("medledger.test/cache");
        var time = new FakeTimeProvider(PatientLogWriter.Start);
        var cache = new SubjectHistoryCache(capacity: 5);
        var logs = Enumerable.Range(0, 12).Select(i => new PatientLogWriter(store, time, $"p-{i}")).ToList();
        foreach (var log in logs)
        {
            await log.GrantAsync("c-" + log.PatientId, PatientLogWriter.Terms());
            await AssertSameAsFullReadAsync(cache, log);
        }

        Assert.True(cache.Count <= 5);
        await AssertSameAsFullReadAsync(cache, logs[0]);
    }

    [Fact]
    public async Task Read_SameSubjectForAnotherPatientId_Throws()
    {
        var log = new PatientLogWriter(new InMemoryLogStore("medledger.test/cache"), new FakeTimeProvider(PatientLogWriter.Start));
        var cache = new SubjectHistoryCache();
        await cache.ReadAsync(log.Store, "p-1", log.Subject, Token);

        await Assert.ThrowsAsync<ArgumentException>(() => cache.ReadAsync(log.Store, "p-9", log.Subject, Token));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SubjectHistoryCache(0));
    }
}
