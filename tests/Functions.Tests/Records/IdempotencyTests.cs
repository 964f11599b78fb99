using System.Net;
using MedLedger.Functions.Http;
using MedLedger.Functions.Tests.Support;
using MedLedger.Testing.Azurite;

namespace MedLedger.Functions.Tests.Records;

/// <summary><c>Idempotency-Key</c>: a repeat gets the first answer and causes no second blob or event; a reused key is refused.</summary>
public sealed class IdempotencyTests(AzuriteFixture azurite) : StepwiseAppTests(azurite)
{
    [Fact]
    public async Task SameKeySameBody_SameAnswer_OneBlobOneEvent()
    {
        var body = RecordRequests.JsonBody();
        var first = await RecordRequests.AcceptedAsync(await Client.SendAsync(RecordRequests.Post(body, "key-1"), Cancellation));

        var second = await RecordRequests.AcceptedAsync(await Client.SendAsync(RecordRequests.Post(body, "key-1"), Cancellation));

        Assert.Equal(first, second);
        Assert.Equal(1, StorageRequests.CountBlobUploads(App.Faults, App.Names.RecordsContainer));
        Assert.Equal(1, StorageRequests.CountSends(App.Faults, App.Names.EventsQueue));
        Assert.Single(await App.DeliverQueuedAsync());
        Assert.Equal(1, (await App.Ledger.All[0].Store.ReadHeadAsync(Cancellation)).Size);
    }

    [Fact]
    public async Task QuotedAndUnquotedKey_AreTheSameKey()
    {
        var body = RecordRequests.JsonBody();
        var first = await RecordRequests.AcceptedAsync(await Client.SendAsync(RecordRequests.Post(body, "\"key-2\""), Cancellation));

        var second = await RecordRequests.AcceptedAsync(await Client.SendAsync(RecordRequests.Post(body, "key-2"), Cancellation));

        Assert.Equal(first, second);
    }

    [Fact]
    public async Task SameKeyOtherBody_Is409AndDoesNothing()
    {
        await RecordRequests.AcceptedAsync(await Client.SendAsync(RecordRequests.Post(RecordRequests.JsonBody(), "key-3"), Cancellation));

        var reused = await Client.SendAsync(RecordRequests.Post(RecordRequests.JsonBody(patientId: "p-2"), "key-3"), Cancellation);

        await ProblemAssert.IsProblemAsync(reused, HttpStatusCode.Conflict, ErrorCodes.IdempotencyKeyReused);
        Assert.Equal(1, StorageRequests.CountBlobUploads(App.Faults, App.Names.RecordsContainer));
        Assert.Equal(1, StorageRequests.CountSends(App.Faults, App.Names.EventsQueue));
    }

    [Fact]
    public async Task SameKeyOtherCaller_IsAnotherKey()
    {
        var body = RecordRequests.JsonBody();
        var mine = await RecordRequests.AcceptedAsync(await Client.SendAsync(RecordRequests.Post(body, "key-4", userKey: "dr-ada"), Cancellation));

        var theirs = await RecordRequests.AcceptedAsync(await Client.SendAsync(RecordRequests.Post(body, "key-4", userKey: "dr-bo"), Cancellation));

        Assert.NotEqual(mine.RecordId, theirs.RecordId);
        Assert.Equal(2, StorageRequests.CountSends(App.Faults, App.Names.EventsQueue));
    }

    [Fact]
    public async Task RetryAfterEnqueueFailure_FinishesTheFirstAttemptUnderItsIds()
    {
        var body = RecordRequests.JsonBody();
        App.Faults.Respond(1, StorageRequests.ServerBusy, request => StorageRequests.IsSend(request, App.Names.EventsQueue));
        var failed = await Client.SendAsync(RecordRequests.Post(body, "key-5"), Cancellation);
        await ProblemAssert.IsProblemAsync(failed, HttpStatusCode.ServiceUnavailable, ErrorCodes.ServiceUnavailable);
        var firstRecordId = StorageRequests.UploadedBlobName(App.Faults, App.Names.RecordsContainer);

        var retried = await RecordRequests.AcceptedAsync(await Client.SendAsync(RecordRequests.Post(body, "key-5"), Cancellation));

        // The first attempt's blob is kept (create-only: the second upload found it) and its ids are the answer.
        Assert.Equal(firstRecordId, retried.RecordId);
        Assert.True(Assert.Single(await App.DeliverQueuedAsync()).Succeeded);
        var read = await Client.GetAsync($"/api/patients/p-1/records/{retried.RecordId}", Cancellation);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(RecordRequests.ObservationJson, await read.Content.ReadAsStringAsync(Cancellation));
        var status = await LedgerApi.GetEventAsync(Client, retried.EventId);
        Assert.Equal("appended", status.Status);
    }

    [Fact]
    public async Task ConcurrentRepeats_OneRecordOneEntry()
    {
        var body = RecordRequests.JsonBody();
        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
            await RecordRequests.AcceptedAsync(await Client.SendAsync(RecordRequests.Post(body, "key-6"), Cancellation))));

        Assert.Single(answers.Distinct());
        await App.DeliverQueuedAsync();
        // Repeats that raced the first attempt may queue the event again; the log keeps it once.
        Assert.Equal(1, (await App.Ledger.All[0].Store.ReadHeadAsync(Cancellation)).Size);
    }
}
