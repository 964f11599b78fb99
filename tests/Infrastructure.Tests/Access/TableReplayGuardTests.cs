using MedLedger.Access.Webhooks;
using MedLedger.Clients.Tables;
using MedLedger.Infrastructure.Access;
using MedLedger.Testing.Azurite;
using MedLedger.Testing.Time;

namespace MedLedger.Infrastructure.Tests.Access;

/// <summary>The Table-backed webhook replay guard on Azurite, alone and behind the webhook verifier.</summary>
public sealed class TableReplayGuardTests(AzuriteFixture azurite)
{
    private static readonly string SharedTable = UniqueNames.Table("replays");
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private TableClient Table() => azurite.CreateAccount().GetTableClient(SharedTable);

    private async Task<TableReplayGuard> GuardAsync(FakeTimeProvider time)
    {
        var guard = new TableReplayGuard(Table(), time);
        await guard.CreateTableIfNotExistsAsync(Token);
        return guard;
    }

    private static string NewInsurer() => "ins-" + Guid.NewGuid().ToString("N")[..12];

    [Fact]
    public async Task TryRegister_SecondDeliveryOfAnId_IsAReplay_PerInsurer()
    {
        var guard = await GuardAsync(new FakeTimeProvider(Now));
        var (a, b) = (NewInsurer(), NewInsurer());

        Assert.Equal(ReplayGuardResult.FirstDelivery, await guard.TryRegisterAsync(a, "msg_1", Now.AddMinutes(5), Token));
        Assert.Equal(ReplayGuardResult.Replay, await guard.TryRegisterAsync(a, "msg_1", Now.AddMinutes(5), Token));
        Assert.Equal(ReplayGuardResult.FirstDelivery, await guard.TryRegisterAsync(b, "msg_1", Now.AddMinutes(5), Token));
        Assert.Equal(ReplayGuardResult.FirstDelivery, await guard.TryRegisterAsync(a, "msg_2", Now.AddMinutes(5), Token));
    }

    [Fact]
    public async Task TryRegister_ConcurrentDeliveriesOnSeveralInstances_ExactlyOneIsFirst()
    {
        var time = new FakeTimeProvider(Now);
        var insurer = NewInsurer();
        var guards = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => GuardAsync(time)));

        var results = await Task.WhenAll(guards.SelectMany(g => Enumerable.Range(0, 3).Select(_ => g.TryRegisterAsync(insurer, "msg_race", Now.AddMinutes(5), Token))));

        Assert.Single(results, r => r == ReplayGuardResult.FirstDelivery);
        Assert.All(results.Where(r => r != ReplayGuardResult.FirstDelivery), r => Assert.Equal(ReplayGuardResult.Replay, r));
    }

    [Fact]
    public async Task TryRegister_StaleRow_IsIgnoredAndTakenOver()
    {
        var time = new FakeTimeProvider(Now);
        var guard = await GuardAsync(time);
        var insurer = NewInsurer();
        await guard.TryRegisterAsync(insurer, "msg_1", Now.AddMinutes(5), Token);

        time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(ReplayGuardResult.Replay, await guard.TryRegisterAsync(insurer, "msg_1", Now.AddMinutes(10), Token));
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(ReplayGuardResult.FirstDelivery, await guard.TryRegisterAsync(insurer, "msg_1", Now.AddMinutes(10), Token));
        Assert.Equal(ReplayGuardResult.Replay, await guard.TryRegisterAsync(insurer, "msg_1", Now.AddMinutes(10), Token));
    }

    [Fact]
    public async Task Clean_DeletesOnlyStaleRows()
    {
        var time = new FakeTimeProvider(Now);
        var guard = await GuardAsync(time);
        var insurer = NewInsurer();
        for (var i = 0; i < 5; i++)
        {
            await guard.TryRegisterAsync(insurer, $"old_{i}", Now.AddMinutes(1), Token);
        }

        await guard.TryRegisterAsync(insurer, "fresh", Now.AddMinutes(30), Token);
        time.Advance(TimeSpan.FromMinutes(2));

        Assert.Equal(5, await guard.CleanAsync(insurer, Token));

        var left = await Table().QueryAsync(new TableQuery { Filter = TableFilter.Create($"PartitionKey eq {insurer}") }, Token).ToListAsync(Token);
        Assert.Equal(["fresh"], left.Select(r => r.RowKey));
        Assert.Equal(0, await guard.CleanAsync(insurer, Token));
    }

    [Fact]
    public async Task TryRegister_AfterTheCleanupInterval_CleansLazily()
    {
        var time = new FakeTimeProvider(Now);
        var guard = await GuardAsync(time);
        var insurer = NewInsurer();
        await guard.TryRegisterAsync(insurer, "old", Now.AddMinutes(1), Token);

        time.Advance(TableReplayGuard.CleanupInterval);
        await guard.TryRegisterAsync(insurer, "new", Now.AddHours(1), Token);

        var left = await Table().QueryAsync(new TableQuery { Filter = TableFilter.Create($"PartitionKey eq {insurer}") }, Token).ToListAsync(Token);
        Assert.Equal(["new"], left.Select(r => r.RowKey));
    }

    [Theory]
    [InlineData("msg/with/slashes")]
    [InlineData("msg#hash?query")]
    [InlineData("msg\\back!bang")]
    [InlineData("msg_2Fwith")]
    public async Task TryRegister_IdsWithCharactersKeysCannotHold_AreKeptApart(string id)
    {
        var guard = await GuardAsync(new FakeTimeProvider(Now));
        var insurer = NewInsurer();

        Assert.Equal(ReplayGuardResult.FirstDelivery, await guard.TryRegisterAsync(insurer, id, Now.AddMinutes(5), Token));
        Assert.Equal(ReplayGuardResult.FirstDelivery, await guard.TryRegisterAsync(insurer, id + "x", Now.AddMinutes(5), Token));
        Assert.Equal(ReplayGuardResult.Replay, await guard.TryRegisterAsync(insurer, id, Now.AddMinutes(5), Token));
    }

    [Fact]
    public async Task Verifier_WithTheTableGuard_RefusesAReplayOnAnotherInstance()
    {
        var time = new FakeTimeProvider(Now);
        var secret = WebhookSecret.Parse("whsec_" + Convert.ToBase64String(new byte[32]));
        var insurer = NewInsurer();
        var registry = new WebhookSecretRegistry([new InsurerWebhookSecrets(insurer, secret)]);
        var first = new WebhookVerifier(registry, await GuardAsync(time), time);
        var second = new WebhookVerifier(registry, await GuardAsync(time), time);
        var body = """{"claimId":"c-1"}"""u8.ToArray();
        var timestamp = Now.ToUnixTimeSeconds();
        var delivery = new WebhookDelivery(insurer, "msg_1", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture), WebhookSigner.Sign(secret, "msg_1", timestamp, body));

        Assert.True((await first.VerifyAsync(delivery, body, Token)).IsValid);
        Assert.Equal(WebhookFailure.Replayed, (await second.VerifyAsync(delivery, body, Token)).Failure);
    }

    [Fact]
    public async Task TryRegister_BadArguments_Throw()
    {
        var guard = await GuardAsync(new FakeTimeProvider(Now));

        await Assert.ThrowsAsync<ArgumentException>(() => guard.TryRegisterAsync("bad insurer", "msg", Now, Token));
        await Assert.ThrowsAsync<ArgumentException>(() => guard.TryRegisterAsync("ins", "", Now, Token));
    }
}
