using Azure.Core;
using MedLedger.Infrastructure.Ledger;
using MedLedger.Ledger.Appending;
using MedLedger.Ledger.Checkpoints;
using MedLedger.Ledger.Storage;
using MedLedger.Ledger.Verification;
using MedLedger.Testing.Azurite;
using MedLedger.Testing.Faults;
using MedLedger.Testing.Ledger;
using MedLedger.Testing.Time;

namespace MedLedger.Infrastructure.Tests.Ledger;

/// <summary>Transactions whose answer is lost after the service committed them (ambiguous commits).</summary>
public sealed class TableLogStoreFaultTests(AzuriteFixture azurite)
{
    private static readonly string SharedTable = UniqueNames.Table("ledger");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AppendAsync_AnswerLostAndThePipelineRetries_RecognisesItsOwnCommit()
    {
        var (store, faults) = await CreateStoreAsync(maxRetries: 3);
        faults.LoseResponse(match: IsTransaction);
        var appender = new LogAppender(store, new FakeTimeProvider());

        var results = await appender.AppendAsync(Enumerable.Range(0, 5).Select(i => TestDrafts.Create(i)).ToList(), Token);

        // The retry of the committed transaction failed with 409; the store found its own write id and said Appended.
        Assert.Equal(2, faults.Attempts.Count(IsTransaction));
        Assert.Equal([0L, 1L, 2L, 3L, 4L], results.Select(r => r.Index));
        Assert.All(results, r => Assert.False(r.AlreadyPresent));
        await AssertVerifiesAsync(store, 5);
    }

    [Fact]
    public async Task AppendAsync_AnswerLostWithoutRetries_AppenderReadsBackAndRedeliveryAddsNothing()
    {
        var (store, faults) = await CreateStoreAsync(maxRetries: 0);
        faults.LoseResponse(match: IsTransaction);
        var appender = new LogAppender(store, new FakeTimeProvider());

        var results = await appender.AppendAsync(Enumerable.Range(0, 5).Select(i => TestDrafts.Create(i)).ToList(), Token);
        var again = await appender.AppendAsync(TestDrafts.Create(3), Token);
        var elsewhere = await new LogAppender(TableLogStore.Open(azurite.CreateAccount(), store.LogName, tableName: SharedTable), new FakeTimeProvider())
            .AppendAsync(Enumerable.Range(0, 6).Select(i => TestDrafts.Create(i)).ToList(), Token);

        Assert.Equal(0, faults.PendingFaults);
        Assert.Equal([0L, 1L, 2L, 3L, 4L], results.Select(r => r.Index));
        Assert.All(results, r => Assert.False(r.AlreadyPresent));
        Assert.Equal(results[3] with { AlreadyPresent = true }, again);
        Assert.Equal([true, true, true, true, true, false], elsewhere.Select(r => r.AlreadyPresent));
        Assert.Equal(5, elsewhere[5].Index);
        await AssertVerifiesAsync(store, 6);
    }

    [Fact]
    public async Task AppendAsync_IdenticalBatchAlreadyCommittedByAnotherAppend_IsAConflictNotItsOwn()
    {
        // Same drafts at the same size and time give byte-identical entries: only the write id tells them apart.
        var (first, _) = await CreateStoreAsync(maxRetries: 0);
        var second = TableLogStore.Open(azurite.CreateAccount(), first.LogName, tableName: SharedTable);
        var batch = await TestBatches.BuildAsync(first, [TestDrafts.Create(1), TestDrafts.Create(2)], Token);
        Assert.Equal(AppendStatus.Appended, await first.AppendAsync(batch, Token));

        Assert.Equal(AppendStatus.Conflict, await second.AppendAsync(batch, Token));
        Assert.Equal(AppendStatus.Conflict, await first.AppendAsync(batch, Token));

        Assert.Equal(2, (await second.ReadHeadAsync(Token)).Size);
    }

    [Fact]
    public async Task AppendAsync_AnswerLostForAHeadUpdate_NextAppendReadsTheHeadETagAgain()
    {
        var (store, faults) = await CreateStoreAsync(maxRetries: 0);
        var appender = new LogAppender(store, new FakeTimeProvider());
        await appender.AppendAsync(TestDrafts.Create(0), Token);
        faults.LoseResponse(match: IsTransaction);

        var lost = await appender.AppendAsync(TestDrafts.Create(1), Token);
        var next = await appender.AppendAsync(TestDrafts.Create(2), Token);

        Assert.Equal((1L, 2L), (lost.Index, next.Index));
        await AssertVerifiesAsync(store, 3);
    }

    private static bool IsTransaction(Request request) => request.Uri.ToUri().AbsolutePath.EndsWith("/$batch", StringComparison.Ordinal);

    private static bool IsTransaction(RecordedAttempt attempt) => attempt.Uri.AbsolutePath.EndsWith("/$batch", StringComparison.Ordinal);

    private static async Task AssertVerifiesAsync(ILogStore store, long expectedSize)
    {
        using var signer = LocalCheckpointSigner.Generate(store.LogName);
        using var key = signer.CreateVerifierKey();
        var head = await store.ReadHeadAsync(Token);
        await store.SaveCheckpointAsync(new StoredCheckpoint(head.Size, await new Checkpoint(store.LogName, head.Size, head.RootHash).SignAsync(signer, Token)), Token);

        var result = await new LogVerifier([key]).VerifyStoreAsync(store, cancellationToken: Token);

        Assert.True(result.IsValid, result.ToString());
        Assert.Equal(expectedSize, result.CheckpointedSize);
    }

    private async Task<(TableLogStore Store, FaultInjectionTransport Faults)> CreateStoreAsync(int maxRetries)
    {
        var options = azurite.Instance.CreateOptions();
        var faults = new FaultInjectionTransport(azurite.Instance.CreateTransport());
        options.Transport = faults;
        options.Retry.MaxRetries = maxRetries;
        options.Retry.Delay = TimeSpan.FromMilliseconds(10);
        var store = TableLogStore.Open(azurite.CreateAccount(options), "faults-" + Guid.NewGuid().ToString("N")[..12], tableName: SharedTable);
        await store.CreateTableIfNotExistsAsync(Token);
        return (store, faults);
    }
}
