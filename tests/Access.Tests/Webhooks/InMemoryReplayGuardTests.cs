using MedLedger.Access.Webhooks;
using MedLedger.Testing.Time;

namespace MedLedger.Access.Tests.Webhooks;

public sealed class InMemoryReplayGuardTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task TryRegister_RemembersUntilTheGivenInstant_ThenForgets()
    {
        var clock = new FakeTimeProvider(Now);
        var guard = new InMemoryReplayGuard(clock);
        var cancellationToken = TestContext.Current.CancellationToken;

        Assert.Equal(ReplayGuardResult.FirstDelivery, await guard.TryRegisterAsync("insurer-x", "m", Now.AddMinutes(5), cancellationToken));
        clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(ReplayGuardResult.Replay, await guard.TryRegisterAsync("insurer-x", "m", Now.AddMinutes(5), cancellationToken));
        clock.Advance(TimeSpan.FromTicks(1));
        Assert.Equal(0, guard.Count);
        Assert.Equal(ReplayGuardResult.FirstDelivery, await guard.TryRegisterAsync("insurer-x", "m", Now.AddMinutes(10), cancellationToken));
    }

    [Fact]
    public async Task TryRegister_IsBoundedAndExpiredEntriesFreeRoom()
    {
        var clock = new FakeTimeProvider(Now);
        var guard = new InMemoryReplayGuard(clock, capacity: 3);
        var cancellationToken = TestContext.Current.CancellationToken;
        for (var i = 0; i < 3; i++)
        {
            await guard.TryRegisterAsync("insurer-x", $"m{i}", Now.AddMinutes(1 + i), cancellationToken);
        }

        Assert.Equal(ReplayGuardResult.Full, await guard.TryRegisterAsync("insurer-x", "m3", Now.AddMinutes(5), cancellationToken));
        clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromTicks(1));
        Assert.Equal(ReplayGuardResult.FirstDelivery, await guard.TryRegisterAsync("insurer-x", "m3", Now.AddMinutes(5), cancellationToken));
        Assert.Equal(3, guard.Count);
    }

    [Fact]
    public async Task TryRegister_ConcurrentDuplicates_ExactlyOneWins()
    {
        var guard = new InMemoryReplayGuard(new FakeTimeProvider(Now));

        var results = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(() => guard.TryRegisterAsync("insurer-x", "same", Now.AddMinutes(5)), TestContext.Current.CancellationToken)));

        Assert.Single(results, r => r == ReplayGuardResult.FirstDelivery);
        Assert.Equal(63, results.Count(r => r == ReplayGuardResult.Replay));
    }

    [Fact]
    public void Constructor_NonPositiveCapacity_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new InMemoryReplayGuard(TimeProvider.System, 0));
    }
}
