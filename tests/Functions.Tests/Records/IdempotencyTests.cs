using System.Net;
using MedLedger.Functions.Http;
using MedLedger.Functions.Tests.Support;
using MedLedger.Testing.Azurite;

namespace MedLedger.Functions.Tests.Records;

/// <summary><c>Idempotency-Key</c>: a repeat gets the first answer and causes no second blob or event; a reused key is refused.</summary>
public sealed class IdempotencyTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly CancellationToken _cancellation = TestContext.Current.CancellationToken;
    private LedgerAppFactory _app = null!;
    private HttpClient _client = null!;

    public ValueTask InitializeAsync()
    {
        _app = new LedgerAppFactory(azurite, new LedgerAppOptions { LocalHost = false });
        _client = _app.CreateClient();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task SameKeySameBody_SameAnswer_OneBlobOneEvent()
    {
        var body = RecordRequests.JsonBody();
        var first = await RecordRequests.AcceptedAsync(await _client.SendAsync(RecordRequests.Post(body, "key-1"), _cancellation));

        var second = await RecordRequests.AcceptedAsync(await _client.SendAsync(RecordRequests.Post(body, "key-1"), _cancellation));

        Assert.Equal(first, second);
        Assert.Equal(1, StorageRequests.CountBlobUploads(_app.Faults, _app.Names.RecordsContainer));
        Assert.Equal(1, StorageRequests.CountSends(_app.Faults, _app.Names.EventsQueue));
        Assert.Single(await _app.DeliverQueuedAsync());
        Assert.Equal(1, (await _app.Ledger.All[0].Store.ReadHeadAsync(_cancellation)).Size);
    }

    [Fact]
    public async Task QuotedAndUnquotedKey_AreTheSameKey()
    {
        var body = RecordRequests.JsonBody();
        var first = await RecordRequests.AcceptedAsync(await _client.SendAsync(RecordRequests.Post(body, "\"key-2\""), _cancellation));

        var second = await RecordRequests.AcceptedAsync(await _client.SendAsync(RecordRequests.Post(body, "key-2"), _cancellation));

        Assert.Equal(first, second);
    }

    [Fact]
    public async Task SameKeyOtherBody_Is409AndDoesNothing()
    {
        await RecordRequests.AcceptedAsync(await _client.SendAsync(RecordRequests.Post(RecordRequests.JsonBody(), "key-3"), _cancellation));

        var reused = await _client.SendAsync(RecordRequests.Post(RecordRequests.JsonBody(patientId: "p-2"), "key-3"), _cancellation);

        await ProblemAssert.IsProblemAsync(reused, HttpStatusCode.Conflict, ErrorCodes.IdempotencyKeyReused);
        Assert.Equal(1, StorageRequests.CountBlobUploads(_app.Faults, _app.Names.RecordsContainer));
        Assert.Equal(1, StorageRequests.CountSends(_app.Faults, _app.Names.EventsQueue));
    }

    [Fact]
    public async Task SameKeyOtherCaller_IsAnotherKey()
    {
        var body = RecordRequests.JsonBody();
        var mine = await RecordRequests.AcceptedAsync(await _client.SendAsync(RecordRequests.Post(body, "key-4", userKey: "dr-ada"), _cancellation));

        var theirs = await RecordRequests.AcceptedAsync(await _client.SendAsync(RecordRequests.Post(body, "key-4", userKey: "dr-bo"), _cancellation));

        Assert.NotEqual(mine.RecordId, theirs.RecordId);
        Assert.Equal(2, StorageRequests.CountSends(_app.Faults, _app.Names.EventsQueue));
    }

    [Fact]
    public async Task RetryAfterEnqueueFailure_FinishesTheFirstAttemptUnderItsIds()
    {
        var body = RecordRequests.JsonBody();
        _app.Faults.Respond(1, StorageRequests.ServerBusy, request => StorageRequests.IsSend(request, _app.Names.EventsQueue));
        var failed = await _client.SendAsync(RecordRequests.Post(body, "key-5"), _cancellation);
        await ProblemAssert.IsProblemAsync(failed, HttpStatusCode.ServiceUnavailable, ErrorCodes.ServiceUnavailable);
        var firstRecordId = StorageRequests.UploadedBlobName(_app.Faults, _app.Names.RecordsContainer);

        var retried = await RecordRequests.AcceptedAsync(await _client.SendAsync(RecordRequests.Post(body, "key-5"), _cancellation));

        // The first attempt's blob is kept (create-only: the second upload found it) and its ids are the answer.
        Assert.Equal(firstRecordId, retried.RecordId);
        Assert.True(Assert.Single(await _app.DeliverQueuedAsync()).Succeeded);
        var read = await _client.GetAsync($"/api/patients/p-1/records/{retried.RecordId}", _cancellation);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(RecordRequests.ObservationJson, await read.Content.ReadAsStringAsync(_cancellation));
        var status = await LedgerApi.GetEventAsync(_client, retried.EventId);
        Assert.Equal("appended", status.Status);
    }

    [Fact]
    public async Task ConcurrentRepeats_OneRecordOneEntry()
    {
        var body = RecordRequests.JsonBody();
        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
            await RecordRequests.AcceptedAsync(await _client.SendAsync(RecordRequests.Post(body, "key-6"), _cancellation))));

        Assert.Single(answers.Distinct());
        await _app.DeliverQueuedAsync();
        // Repeats that raced the first attempt may queue the event again; the log keeps it once.
        Assert.Equal(1, (await _app.Ledger.All[0].Store.ReadHeadAsync(_cancellation)).Size);
    }
}
