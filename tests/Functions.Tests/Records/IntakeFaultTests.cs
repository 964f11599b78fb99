using System.Net;
using MedLedger.Functions.Http;
using MedLedger.Functions.Tests.Support;
using MedLedger.Testing.Azurite;

namespace MedLedger.Functions.Tests.Records;

/// <summary>Storage failures during intake: a clear 503, and never a record that is readable without its log entry.</summary>
public sealed class IntakeFaultTests(AzuriteFixture azurite) : StepwiseAppTests(azurite)
{
    [Fact]
    public async Task BlobWriteFails_Is503_NothingQueued_NothingVisible()
    {
        App.Faults.Respond(1, StorageRequests.ServerBusy, request => StorageRequests.IsBlobUpload(request, App.Names.RecordsContainer));

        var response = await Client.SendAsync(RecordRequests.Post(RecordRequests.JsonBody()), Cancellation);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.ServiceUnavailable, ErrorCodes.ServiceUnavailable);
        Assert.DoesNotContain("r0-", problem.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(0, StorageRequests.CountSends(App.Faults, App.Names.EventsQueue));
        Assert.Empty(await App.Direct.GetQueueClient(App.Names.EventsQueue).PeekMessagesAsync(32, Cancellation));
        var recordId = StorageRequests.UploadedBlobName(App.Faults, App.Names.RecordsContainer);
        Assert.False(await App.Direct.GetBlobContainerClient(App.Names.RecordsContainer).DeleteIfExistsAsync(recordId, Cancellation));
        await ProblemAssert.IsProblemAsync(await Client.GetAsync($"/api/patients/p-1/records/{recordId}", Cancellation), HttpStatusCode.NotFound, ErrorCodes.NotFound);
    }

    [Fact]
    public async Task EnqueueFailsAfterTheBlob_Is503_TheRecordNeverBecomesReadable()
    {
        App.Faults.Respond(1, StorageRequests.ServerBusy, request => StorageRequests.IsSend(request, App.Names.EventsQueue));

        var response = await Client.SendAsync(RecordRequests.Post(RecordRequests.JsonBody()), Cancellation);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.ServiceUnavailable, ErrorCodes.ServiceUnavailable);
        var recordId = StorageRequests.UploadedBlobName(App.Faults, App.Names.RecordsContainer);
        // The envelope is stored but no event names it: an orphan, which `medledger verify` reports.
        var orphan = await App.Direct.GetBlobContainerClient(App.Names.RecordsContainer).GetPropertiesAsync(recordId, Cancellation);
        Assert.True(orphan.ContentLength > 0);
        Assert.Empty(await App.DeliverQueuedAsync());
        await App.CheckpointAsync();
        Assert.Equal(0, (await App.Ledger.All[0].Store.ReadHeadAsync(Cancellation)).Size);
        await ProblemAssert.IsProblemAsync(await Client.GetAsync($"/api/patients/p-1/records/{recordId}", Cancellation), HttpStatusCode.NotFound, ErrorCodes.NotFound);
    }

    [Fact]
    public async Task TableFailsDuringIdempotencyClaim_Is503_NothingStored()
    {
        App.Faults.Respond(1, StorageRequests.ServerBusy, request => request.Uri.Path.Contains(App.Names.IdempotencyTable, StringComparison.Ordinal));

        var response = await Client.SendAsync(RecordRequests.Post(RecordRequests.JsonBody(), "key-1"), Cancellation);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.ServiceUnavailable, ErrorCodes.ServiceUnavailable);
        Assert.Equal(0, StorageRequests.CountBlobUploads(App.Faults, App.Names.RecordsContainer));
        Assert.Equal(0, StorageRequests.CountSends(App.Faults, App.Names.EventsQueue));
    }
}
