using System.Text;
using MedLedger.Clients.Queues;
using MedLedger.Functions.LedgerEvents;
using MedLedger.Functions.LedgerLogs;
using MedLedger.Functions.Tests.Support;
using MedLedger.Testing.Azurite;
using Microsoft.Extensions.DependencyInjection;

namespace MedLedger.Functions.Tests.LedgerLogs;

/// <summary>
/// The appender behind <c>LedgerAppend</c>, with real queues, blobs and the Table-backed log: redeliveries add nothing,
/// and a message that is malformed or does not match its blob ends in the poison queue with the log untouched.
/// </summary>
public sealed class LedgerAppendTests(AzuriteFixture azurite)
{
    private readonly CancellationToken _cancellation = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Redelivery_AfterTheCommitButBeforeTheDelete_AddsNothing()
    {
        await using var app = new LedgerAppFactory(azurite, new LedgerAppOptions { LocalHost = false });
        using var client = app.CreateClient();
        var (_, eventId, _) = await RecordRequests.AcceptedAsync(await client.SendAsync(RecordRequests.Post(RecordRequests.JsonBody()), _cancellation));

        // The appender commits, then "dies": the message is never deleted and comes back.
        var first = Assert.Single(await app.DeliverQueuedAsync(delete: false));
        var second = await RedeliverAsync(app);

        Assert.True(first.Succeeded);
        Assert.True(second.Succeeded);
        Assert.Contains(second.Response.Logs, line => line.Contains($"event {eventId} was already in log", StringComparison.Ordinal));
        Assert.Equal(1, (await app.Ledger.All[0].Store.ReadHeadAsync(_cancellation)).Size);
    }

    [Fact]
    public async Task Redelivery_AfterTheBlobChanged_IsStillAlreadyAppended()
    {
        await using var app = new LedgerAppFactory(azurite, new LedgerAppOptions { LocalHost = false });
        using var client = app.CreateClient();
        var (recordId, eventId, _) = await RecordRequests.AcceptedAsync(await client.SendAsync(RecordRequests.Post(RecordRequests.JsonBody()), _cancellation));
        Assert.True(Assert.Single(await app.DeliverQueuedAsync(delete: false)).Succeeded);
        var container = app.Direct.GetBlobContainerClient(app.Names.RecordsContainer);
        await container.DeleteIfExistsAsync(recordId, _cancellation);

        var second = await RedeliverAsync(app);

        // The log committed to the bytes that were there; the redelivery must not turn into a poison message.
        Assert.True(second.Succeeded);
        Assert.Contains(second.Response.Logs, line => line.Contains($"event {eventId} was already in log", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MalformedMessages_LandInThePoisonQueue_LogUnchanged()
    {
        await using var app = new LedgerAppFactory(azurite, new LedgerAppOptions { MaxDequeueCount = 2 });
        using var client = app.CreateClient();
        var raw = app.Direct.GetQueueClient(app.Names.EventsQueue, QueueMessageEncoding.None);
        await app.Services.GetRequiredService<MedLedger.Functions.Storage.StorageProvisioner>().WaitForFirstAttemptAsync(_cancellation);

        await raw.SendMessageAsync("this is not base64!", cancellationToken: _cancellation);
        await raw.SendMessageAsync(Convert.ToBase64String("""{"v":1,"eventId":"x"}"""u8.ToArray()), cancellationToken: _cancellation);
        await raw.SendMessageAsync(Convert.ToBase64String("""{"v":2}"""u8.ToArray()), cancellationToken: _cancellation);

        var poisoned = await WaitForPoisonAsync(app, 3);
        Assert.Contains("this is not base64!", poisoned);
        Assert.Equal(0, (await app.Ledger.All[0].Store.ReadHeadAsync(_cancellation)).Size);
    }

    [Fact]
    public async Task ForgedEventId_IsRejectedIntoThePoisonQueue()
    {
        await using var app = new LedgerAppFactory(azurite, new LedgerAppOptions { MaxDequeueCount = 2 });
        using var client = app.CreateClient();
        await app.Services.GetRequiredService<MedLedger.Functions.Storage.StorageProvisioner>().WaitForFirstAttemptAsync(_cancellation);
        var forged = new LedgerEventMessage
        {
            EventId = "e0-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            Log = LedgerApi.Origin,
            Type = LedgerEventTypes.RecordRead,
            OccurredAt = DateTimeOffset.UtcNow,
            Actor = "dev:intruder",
            Subject = new string('A', 43),
            RecordId = "r0-AAAAAAAAAAAAAAAAAAAAAAAA",
        };

        await app.Direct.GetQueueClient(app.Names.EventsQueue).SendMessageAsync(Encoding.UTF8.GetString(LedgerEventMessageCodec.Encode(forged)), cancellationToken: _cancellation);

        await WaitForPoisonAsync(app, 1);
        Assert.Contains(app.Logs.Lines, line => line.Contains("rejected: foreign-event-id", StringComparison.Ordinal));
        Assert.Equal(0, (await app.Ledger.All[0].Store.ReadHeadAsync(_cancellation)).Size);
    }

    [Theory]
    [InlineData("record.read")]
    [InlineData("access.denied")]
    public async Task DecisionThroughTheQueue_EvenWithAGenuineEventId_IsRejected(string type)
    {
        // Decisions are appended by the access layer itself, with their decision data; one arriving by queue is refused.
        await using var app = new LedgerAppFactory(azurite, new LedgerAppOptions { LocalHost = false });
        _ = app.Services;
        var message = new LedgerEventMessage
        {
            EventId = app.Services.GetRequiredService<LedgerIdentifiers>().NewEventId(0),
            Log = LedgerApi.Origin,
            Type = type,
            OccurredAt = DateTimeOffset.UtcNow,
            Actor = "dr-ada",
            Subject = new string('A', 43),
            RecordId = "r0-AAAAAAAAAAAAAAAAAAAAAAAA",
            Reason = type == "access.denied" ? "no-consent" : null,
        };

        var result = await app.Services.GetRequiredService<ILedgerEventAppender>().AppendAsync(message, _cancellation);

        Assert.Equal((LedgerAppendStatus.Rejected, "not-a-queued-event"), (result.Status, result.Reason));
        // The app creates its tables in the background at start; wait for that before reading the (empty) head.
        await app.Services.GetRequiredService<MedLedger.Functions.Storage.StorageProvisioner>().WaitForFirstAttemptAsync(_cancellation);
        Assert.Equal(0, (await app.Ledger.All[0].Store.ReadHeadAsync(_cancellation)).Size);
    }

    [Fact]
    public async Task CreationWithoutTheSubmittingClinic_IsRejected()
    {
        await using var app = new LedgerAppFactory(azurite, new LedgerAppOptions { LocalHost = false });
        using var client = app.CreateClient();
        await RecordRequests.AcceptedAsync(await client.SendAsync(RecordRequests.Post(RecordRequests.JsonBody()), _cancellation));
        var queue = app.Direct.GetQueueClient(app.Names.EventsQueue);
        var received = Assert.Single(await queue.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(30), _cancellation));
        var message = LedgerEventMessageCodec.Decode(received.MessageText!).Message! with { Organization = null };

        var result = await app.Services.GetRequiredService<ILedgerEventAppender>().AppendAsync(message, _cancellation);

        Assert.Equal((LedgerAppendStatus.Rejected, "missing-organization"), (result.Status, result.Reason));
    }

    [Fact]
    public async Task BlobChangedAfterIntake_HashMismatch_PoisonedAndNeverAppended()
    {
        // Intake on one app (no listener), tampering, then an app whose listener picks the message up.
        await using var intake = new LedgerAppFactory(azurite, new LedgerAppOptions { LocalHost = false });
        using var client = intake.CreateClient();
        var (recordId, eventId, _) = await RecordRequests.AcceptedAsync(await client.SendAsync(RecordRequests.Post(RecordRequests.JsonBody()), _cancellation));
        var container = intake.Direct.GetBlobContainerClient(intake.Names.RecordsContainer);
        var stored = (await container.DownloadAsync(recordId, _cancellation)).Content.ToArray();
        stored[^1] ^= 1;
        await container.DeleteIfExistsAsync(recordId, _cancellation);
        await container.UploadIfNotExistsAsync(recordId, BinaryData.FromBytes(stored), cancellationToken: _cancellation);

        await using var appender = new LedgerAppFactory(azurite, new LedgerAppOptions { MaxDequeueCount = 2 }, intake.Names);
        _ = appender.Services;

        await WaitForPoisonAsync(appender, 1);
        Assert.Contains(appender.Logs.Lines, line => line.Contains($"event {eventId} rejected: ciphertext-hash-mismatch", StringComparison.Ordinal));
        Assert.Equal(0, (await appender.Ledger.All[0].Store.ReadHeadAsync(_cancellation)).Size);
        Assert.Equal("pending", (await LedgerApi.GetEventAsync(client, eventId)).Status);
    }

    [Fact]
    public async Task BlobDeletedAfterIntake_IsRejectedAsMissing()
    {
        await using var app = new LedgerAppFactory(azurite, new LedgerAppOptions { LocalHost = false });
        using var client = app.CreateClient();
        var (recordId, _, _) = await RecordRequests.AcceptedAsync(await client.SendAsync(RecordRequests.Post(RecordRequests.JsonBody()), _cancellation));
        await app.Direct.GetBlobContainerClient(app.Names.RecordsContainer).DeleteIfExistsAsync(recordId, _cancellation);

        var outcome = Assert.Single(await app.DeliverQueuedAsync());

        Assert.False(outcome.Succeeded);
        Assert.Contains(outcome.Response.Logs, line => line.EndsWith("rejected: blob-missing.", StringComparison.Ordinal));
        Assert.Equal(0, (await app.Ledger.All[0].Store.ReadHeadAsync(_cancellation)).Size);
    }

    [Fact]
    public async Task ConcurrentDeliveries_ShareCommits_EveryEventOnce()
    {
        await using var app = new LedgerAppFactory(azurite, new LedgerAppOptions { LocalHost = false });
        using var client = app.CreateClient();
        await app.AddPatientsAsync(Enumerable.Range(0, 20).Select(i => $"patient-{i}"));
        var accepted = await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
            await RecordRequests.AcceptedAsync(await client.SendAsync(RecordRequests.Post(RecordRequests.JsonBody(patientId: $"patient-{i}")), _cancellation))));

        var appender = app.Services.GetRequiredService<ILedgerEventAppender>();
        var queue = app.Direct.GetQueueClient(app.Names.EventsQueue);
        var messages = await queue.ReceiveMessagesAsync(20, TimeSpan.FromMinutes(1), _cancellation);
        var decoded = messages.Select(m => LedgerEventMessageCodec.Decode(m.MessageText!).Message!).ToList();
        // Every message twice, all at once: the appender's group commit and idempotency must keep each event once.
        var results = await Task.WhenAll(decoded.Concat(decoded).Select(m => appender.AppendAsync(m, _cancellation)));

        Assert.Equal(20, results.Count(r => r.Status == LedgerAppendStatus.Appended));
        Assert.Equal(20, results.Count(r => r.Status == LedgerAppendStatus.AlreadyAppended));
        Assert.Equal(20, (await app.Ledger.All[0].Store.ReadHeadAsync(_cancellation)).Size);
        Assert.Equal(accepted.Select(a => a.EventId).Order(), decoded.Select(m => m.EventId).Order());
        Assert.Equal(Enumerable.Range(0, 20).Select(i => (long)i), results.Select(r => r.Index!.Value).Distinct().Order());
    }

    private static async Task<MedLedger.Functions.CustomHandler.InvocationOutcome> RedeliverAsync(LedgerAppFactory app)
    {
        IReadOnlyList<MedLedger.Functions.CustomHandler.InvocationOutcome> outcomes = [];
        await Eventually.WaitUntilAsync(
            () => outcomes.Count > 0,
            () => outcomes = app.DeliverQueuedAsync().GetAwaiter().GetResult(),
            "the message to become visible again");
        return Assert.Single(outcomes);
    }

    private async Task<IReadOnlyList<string>> WaitForPoisonAsync(LedgerAppFactory app, int count)
    {
        var poison = app.Direct.GetQueueClient(app.Names.EventsQueue + "-poison", QueueMessageEncoding.None);
        IReadOnlyList<string> texts = [];
        await Eventually.WaitUntilAsync(
            () =>
            {
                try
                {
                    texts = [.. poison.PeekMessagesAsync(32, _cancellation).GetAwaiter().GetResult().Select(m => m.RawText)];
                }
                catch (Azure.RequestFailedException exception) when (exception.Status == 404)
                {
                    texts = [];
                }

                return texts.Count >= count;
            },
            what: "the poison queue");
        Assert.Equal(count, texts.Count);
        Assert.Empty(await app.Direct.GetQueueClient(app.Names.EventsQueue).PeekMessagesAsync(32, _cancellation));
        return texts;
    }
}
