using Azure;
using MedLedger.Functions.LedgerEvents;
using MedLedger.Functions.LocalHost;
using MedLedger.Functions.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace MedLedger.Functions.Tests.LocalHost;

/// <summary>
/// The embedded queue listener in the running app (development settings, the repository's host.json:
/// maxDequeueCount 5, visibilityTimeout 10 s, base64), against an in-memory queue on a fake clock.
/// </summary>
public sealed class LocalQueueListenerTests : IAsyncLifetime
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(100);
    private FunctionsAppFactory _factory = null!;

    private InMemoryTriggerQueue Queue => _factory.Queue;

    private FakeLedgerEventAppender Appender => _factory.Appender;

    public ValueTask InitializeAsync()
    {
        _factory = new FunctionsAppFactory(TestSettings.Development());
        _ = _factory.Services; // starts the host, and with it the listener
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Success_DecodesBase64_RunsTheHandler_AndDeletes()
    {
        var message = LedgerEventSamples.RecordCreated();
        var id = Queue.Enqueue(LedgerEventQueue.Name, LedgerEventSamples.Base64(message));

        await Eventually.WaitUntilAsync(() => Queue.Deleted.Contains(id), Tick, "the message to be deleted");

        Assert.Equal(message, Assert.Single(Appender.Calls).Message);
        Assert.Empty(Queue.Texts(LedgerEventQueue.Name));
        Assert.Empty(Queue.Releases);
        Assert.Empty(Queue.Texts(LedgerEventQueue.PoisonName));
    }

    [Fact]
    public async Task Failure_ReleasesForTheVisibilityTimeout_ThenRetries()
    {
        Appender.Fault = call => call == 1 ? throw new RequestFailedException(503, "busy", "ServerBusy", null) : null;
        var id = Queue.Enqueue(LedgerEventQueue.Name, LedgerEventSamples.Base64(LedgerEventSamples.RecordCreated()));

        await Eventually.WaitUntilAsync(() => Queue.Deleted.Contains(id), Tick, "the retried message to be deleted");

        var release = Assert.Single(Queue.Releases);
        Assert.Equal(id, release.MessageId);
        Assert.Equal(TimeSpan.FromSeconds(10), release.VisibilityTimeout);
        Assert.Equal(2, Appender.Calls.Count);
        Assert.True(Appender.Calls[1].At >= release.At + release.VisibilityTimeout);
        Assert.Contains(_factory.Logs.Lines, line => line.Contains($"message {id}, delivery 2: event evt-0001 appended", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FailureOnEveryDelivery_MovesToPoisonAfterMaxDequeueCount()
    {
        Appender.Fault = _ => LedgerAppendResult.Rejected("blob-hash-mismatch");
        var stored = LedgerEventSamples.Base64(LedgerEventSamples.RecordCreated());
        Queue.Enqueue(LedgerEventQueue.Name, stored);

        await Eventually.WaitUntilAsync(() => Queue.Texts(LedgerEventQueue.PoisonName).Count == 1, Tick, "the poison queue");

        Assert.Equal([stored], Queue.Texts(LedgerEventQueue.PoisonName));
        Assert.Empty(Queue.Texts(LedgerEventQueue.Name));
        Assert.Equal(5, Appender.Calls.Count);
        Assert.Equal(4, Queue.Releases.Count);
        Assert.Equal(0, Appender.AppendedCount);
    }

    [Fact]
    public async Task MessageAlreadyPastMaxDequeueCount_IsPoisonedWithoutRunning()
    {
        Queue.Enqueue(LedgerEventQueue.Name, LedgerEventSamples.Base64(LedgerEventSamples.RecordCreated()), dequeueCount: 5);

        await Eventually.WaitUntilAsync(() => Queue.Texts(LedgerEventQueue.PoisonName).Count == 1, Tick, "the poison queue");

        Assert.Empty(Appender.Calls);
        Assert.Empty(Queue.Releases);
    }

    [Fact]
    public async Task InvalidBase64_FailsEachDeliveryThenPoisons()
    {
        Queue.Enqueue(LedgerEventQueue.Name, "{\"v\":1} is not base64");

        await Eventually.WaitUntilAsync(() => Queue.Texts(LedgerEventQueue.PoisonName).Count == 1, Tick, "the poison queue");

        Assert.Equal(["{\"v\":1} is not base64"], Queue.Texts(LedgerEventQueue.PoisonName));
        Assert.Empty(Appender.Calls);
        Assert.Equal(4, Queue.Releases.Count);
        Assert.Contains(_factory.Logs.Lines, line => line.Contains("is not valid base64", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MalformedMessage_FailsEachDeliveryThenPoisons()
    {
        Queue.Enqueue(LedgerEventQueue.Name, Convert.ToBase64String("{\"v\":1,\"eventId\":\"e\"}"u8.ToArray()));

        await Eventually.WaitUntilAsync(() => Queue.Texts(LedgerEventQueue.PoisonName).Count == 1, Tick, "the poison queue");

        Assert.Empty(Appender.Calls);
        Assert.Contains(_factory.Logs.Lines, line => line.Contains("delivery 5 is malformed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ManyMessages_AreFetchedInBatchesOfBatchSize_AndEachAppendedOnce()
    {
        var ids = Enumerable.Range(0, 70)
            .Select(i => Queue.Enqueue(LedgerEventQueue.Name, LedgerEventSamples.Base64(LedgerEventSamples.RecordRead($"evt-{i:D4}"))))
            .ToList();

        await Eventually.WaitUntilAsync(() => Queue.Deleted.Count == ids.Count, Tick, "every message to be deleted");

        Assert.Equal(70, Appender.AppendedCount);
        Assert.Equal(70, Appender.Calls.Count);
        Assert.Equal(32, Queue.LargestBatchRequested);
    }

    [Fact]
    public async Task ReceiveFailure_IsLoggedAndPollingGoesOn()
    {
        var failedBefore = Queue.ReceiveCalls;
        Queue.ReceiveFault = call => call <= failedBefore + 2;
        var id = Queue.Enqueue(LedgerEventQueue.Name, LedgerEventSamples.Base64(LedgerEventSamples.RecordCreated()));

        await Eventually.WaitUntilAsync(() => Queue.Deleted.Contains(id), Tick, "the message to be deleted");

        Assert.Contains(_factory.Logs.Lines, line => line.Contains("queue ledger-events: receive failed: Azure.RequestFailedException", StringComparison.Ordinal));
        Assert.DoesNotContain("The server is busy", _factory.Logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_FollowTheRepositoryHostJson()
    {
        var options = _factory.Services.GetRequiredService<IOptions<LocalHostOptions>>().Value;
        Assert.True(options.Enabled);
        Assert.Equal(5, options.Queues!.MaxDequeueCount);
        Assert.Equal(TimeSpan.FromSeconds(10), options.Queues.VisibilityTimeout);
        Assert.Equal(QueueMessageEncoding.Base64, options.Queues.MessageEncoding);
    }

    private void Tick() => _factory.Clock.Advance(Step);
}

/// <summary>When the local host must not run, and when it reads another encoding.</summary>
public sealed class LocalHostSwitchTests
{
    [Fact]
    public async Task UnderFunctionsHost_ListenerAndTimerStayOff()
    {
        await using var factory = new FunctionsAppFactory(TestSettings.Development().With("FUNCTIONS_CUSTOMHANDLER_PORT", "40123"));
        await AssertLocalHostOffAsync(factory);
    }

    [Fact]
    public async Task OutsideDevelopmentMode_ListenerAndTimerStayOff()
    {
        await using var factory = new FunctionsAppFactory(TestSettings.Azure());
        await AssertLocalHostOffAsync(factory);
    }

    [Fact]
    public async Task MessageEncodingNone_PassesTheTextAsIs()
    {
        await using var factory = new FunctionsAppFactory(
            TestSettings.Development(),
            services => services.PostConfigure<LocalHostOptions>(o => o.Queues = o.Queues! with { MessageEncoding = QueueMessageEncoding.None }));
        var message = LedgerEventSamples.AccessDenied();
        var id = factory.Queue.Enqueue(LedgerEventQueue.Name, LedgerEventSamples.Text(message));

        await Eventually.WaitUntilAsync(() => factory.Queue.Deleted.Contains(id), () => factory.Clock.Advance(TimeSpan.FromMilliseconds(100)), "the message to be deleted");

        Assert.Equal(message, Assert.Single(factory.Appender.Calls).Message);
    }

    private static async Task AssertLocalHostOffAsync(FunctionsAppFactory factory)
    {
        factory.Queue.Enqueue(LedgerEventQueue.Name, LedgerEventSamples.Base64(LedgerEventSamples.RecordCreated()));
        Assert.False(factory.Services.GetRequiredService<IOptions<LocalHostOptions>>().Value.Enabled);
        var background = factory.Services.GetServices<IHostedService>().OfType<BackgroundService>()
            .Where(s => s is LocalQueueListener or LocalCheckpointTimer)
            .ToList();
        Assert.Equal(2, background.Count);
        await Eventually.WaitUntilAsync(() => background.All(s => s.ExecuteTask?.IsCompletedSuccessfully == true), what: "the local host services to finish");

        for (var i = 0; i < 100; i++)
        {
            factory.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(0, factory.Queue.ReceiveCalls);
        Assert.Empty(factory.Checkpointer.Runs);
        Assert.Equal(0, factory.Time.PeriodicTimersCreated);
    }
}
