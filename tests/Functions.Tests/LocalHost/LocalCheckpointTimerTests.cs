using MedLedger.Functions.Tests.Support;

namespace MedLedger.Functions.Tests.LocalHost;

/// <summary>The local host's checkpoint timer on the fake clock (interval 5 s by default).</summary>
public sealed class LocalCheckpointTimerTests : IAsyncLifetime
{
    private FunctionsAppFactory _factory = null!;

    public async ValueTask InitializeAsync()
    {
        _factory = new FunctionsAppFactory(TestSettings.Development());
        _ = _factory.Services;
        // Move time only once the periodic timer exists, so every tick below is one the test caused.
        await Eventually.WaitUntilAsync(() => _factory.Time.PeriodicTimersCreated == 1, what: "the checkpoint timer");
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Timer_RunsTheCheckpointFunctionOncePerInterval()
    {
        var start = _factory.Clock.GetUtcNow();

        _factory.Clock.Advance(TimeSpan.FromSeconds(4.9));
        Assert.Empty(_factory.Checkpointer.Runs);
        _factory.Clock.Advance(TimeSpan.FromSeconds(0.1));
        await Eventually.WaitUntilAsync(() => _factory.Checkpointer.Runs.Count == 1, what: "the first tick");
        _factory.Clock.Advance(TimeSpan.FromSeconds(5));
        await Eventually.WaitUntilAsync(() => _factory.Checkpointer.Runs.Count == 2, what: "the second tick");

        Assert.Equal([start.AddSeconds(5), start.AddSeconds(10)], _factory.Checkpointer.Runs);
        Assert.Contains(_factory.Logs.Lines, line => line.Contains("Checkpoint: log ledger-0 signed at size 1.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Timer_FailedTick_IsLoggedAndTheNextTickRuns()
    {
        _factory.Checkpointer.Fault = run => run == 1;

        _factory.Clock.Advance(TimeSpan.FromSeconds(5));
        await Eventually.WaitUntilAsync(() => _factory.Logs.Lines.Any(l => l.Contains("timer Checkpoint failed with status 500", StringComparison.Ordinal)), what: "the failure log");
        _factory.Clock.Advance(TimeSpan.FromSeconds(5));
        await Eventually.WaitUntilAsync(() => _factory.Checkpointer.Runs.Count == 2, what: "the tick after the failure");

        Assert.DoesNotContain("injected checkpoint fault", _factory.Logs.AllText, StringComparison.Ordinal);
    }
}
