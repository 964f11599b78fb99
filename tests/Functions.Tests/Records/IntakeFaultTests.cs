using System.Net;
using MedLedger.Functions.Http;
using MedLedger.Functions.Tests.Support;
using MedLedger.Testing.Azurite;

namespace MedLedger.Functions.Tests.Records;

/// <summary>Storage failures during intake: a clear 503, and never a record that is readable without its log entry.</summary>
public sealed class IntakeFaultTests(AzuriteFixture azurite) : IAsyncLifetime
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
    public async Task BlobWriteFails_Is503_NothingQueued_NothingVisible()
    {
        _app.Faults.Respond(1, StorageRequests.ServerBusy, request => StorageRequests.IsBlobUpload(request, _app.Names.RecordsContainer));

        var response = await _client.SendAsync(RecordRequests.Post(RecordRequests.JsonBody()), _cancellation);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.ServiceUnavailable, ErrorCodes.ServiceUnavailable);
        Assert.DoesNotContain("r0-", problem.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(0, StorageRequests.CountSends(_app.Faults, _app.Names.EventsQueue));
        Assert.Empty(await _app.Direct.GetQueueClient(_app.Names.EventsQueue).PeekMessagesAsync(32, _cancellation));
        var recordId = StorageRequests.UploadedBlobName(_app.Faults, _app.Names.RecordsContainer);
        Assert.False(await _app.Direct.GetBlobContainerClient(_app.Names.RecordsContainer).DeleteIfExistsAsync(recordId, _cancellation));
        await ProblemAssert.IsProblemAsync(await _client.GetAsync($"/api/patients/p-1/records/{recordId}", _cancellation), HttpStatusCode.NotFound, ErrorCodes.NotFound);
    }

    [Fact]
    public async Task EnqueueFailsAfterTheBlob_Is503_TheRecordNeverBecomesReadable()
    {
        _app.Faults.Respond(1, StorageRequests.ServerBusy, request => StorageRequests.IsSend(request, _app.Names.EventsQueue));

        var response = await _client.SendAsync(RecordRequests.Post(RecordRequests.JsonBody()), _cancellation);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.ServiceUnavailable, ErrorCodes.ServiceUnavailable);
        var recordId = StorageRequests.UploadedBlobName(_app.Faults, _app.Names.RecordsContainer);
        // The envelope is stored but no event names it: an orphan, which `medledger verify` reports.
        var orphan = await _app.Direct.GetBlobContainerClient(_app.Names.RecordsContainer).GetPropertiesAsync(recordId, _cancellation);
        Assert.True(orphan.ContentLength > 0);
        Assert.Empty(await _app.DeliverQueuedAsync());
        await _app.CheckpointAsync();
        Assert.Equal(0, (await _app.Ledger.All[0].Store.ReadHeadAsync(_cancellation)).Size);
        await ProblemAssert.IsProblemAsync(await _client.GetAsync($"/api/patients/p-1/records/{recordId}", _cancellation), HttpStatusCode.NotFound, ErrorCodes.NotFound);
    }

    [Fact]
    public async Task TableFailsDuringIdempotencyClaim_Is503_NothingStored()
    {
        _app.Faults.Respond(1, StorageRequests.ServerBusy, request => request.Uri.Path.Contains(_app.Names.IdempotencyTable, StringComparison.Ordinal));

        var response = await _client.SendAsync(RecordRequests.Post(RecordRequests.JsonBody(), "key-1"), _cancellation);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.ServiceUnavailable, ErrorCodes.ServiceUnavailable);
        Assert.Equal(0, StorageRequests.CountBlobUploads(_app.Faults, _app.Names.RecordsContainer));
        Assert.Equal(0, StorageRequests.CountSends(_app.Faults, _app.Names.EventsQueue));
    }
}
