extern alias medledgercli;

using System.Net;
using MedLedger.Functions.Http;
using MedLedger.Functions.Tests.Support;
using MedLedger.Testing.Azurite;
using MedLedger.Testing.Time;
using MedledgerCli = medledgercli::MedLedger.Cli;

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
    public async Task EnqueueFailsAfterTheBlob_MedledgerVerifyReportsTheOrphanBlob()
    {
        // One record goes all the way, so the log has an entry and a signed checkpoint for verify to check.
        var accepted = await Client.SendAsync(RecordRequests.Post(RecordRequests.JsonBody()), Cancellation);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.All(await App.DeliverQueuedAsync(), outcome => Assert.True(outcome.Succeeded));
        await App.CheckpointAsync();
        App.Faults.Respond(1, StorageRequests.ServerBusy, request => StorageRequests.IsSend(request, App.Names.EventsQueue));

        var failed = await Client.SendAsync(RecordRequests.Post(RecordRequests.JsonBody()), Cancellation);

        await ProblemAssert.IsProblemAsync(failed, HttpStatusCode.ServiceUnavailable, ErrorCodes.ServiceUnavailable);
        var orphanId = App.Faults.Attempts
            .Where(a => a.Method == "PUT" && a.Uri.AbsolutePath.Contains($"/{App.Names.RecordsContainer}/", StringComparison.Ordinal))
            .Select(a => a.Uri.AbsolutePath.Split('/')[^1])
            .Last();
        Assert.Empty(await App.DeliverQueuedAsync());
        await ProblemAssert.IsProblemAsync(await Client.GetAsync($"/api/patients/p-1/records/{orphanId}", Cancellation), HttpStatusCode.NotFound, ErrorCodes.NotFound);
        var stored = await App.Direct.GetBlobContainerClient(App.Names.RecordsContainer).GetPropertiesAsync(orphanId, Cancellation);
        await App.CheckpointAsync();
        var keyFile = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(keyFile, await Client.GetStringAsync("/api/ledger/public-key", Cancellation), Cancellation);
            string[] verify =
            [
                "verify", "--connection", Azurite.ConnectionString, "--table", App.Names.LedgerTable, "--log", App.Ledger.All[0].Name,
                "--key", keyFile, "--records-container", App.Names.RecordsContainer,
            ];

            // The auditor's command, in process against the same emulator: past the grace period the blob is an orphan.
            var late = await RunMedledgerAsync(verify, stored.LastModified!.Value + TimeSpan.FromMinutes(16));
            var early = await RunMedledgerAsync(verify, stored.LastModified.Value + TimeSpan.FromMinutes(1));

            Assert.Equal(3, late.ExitCode);
            // The log holds the accepted record's creation and the logged refusal of the orphan's read.
            var size = (await App.Ledger.All[0].Store.ReadHeadAsync(Cancellation)).Size;
            Assert.StartsWith($"valid: {size} entries verified (root ", late.Lines[0], StringComparison.Ordinal);
            Assert.EndsWith("1 record.created entries checked against container '" + App.Names.RecordsContainer
                + "', 2 blobs listed with prefix 'r0-': 0 missing, 0 changed, 0 malformed-creation, 1 orphan, 0 pending (grace 15 minutes).", late.Lines[1], StringComparison.Ordinal);
            Assert.StartsWith($"orphan: blob '{orphanId}' ({stored.ContentLength} bytes, last modified ", late.Lines[2], StringComparison.Ordinal);
            Assert.Equal(3, late.Lines.Length);
            Assert.Equal(0, early.ExitCode);
            Assert.StartsWith($"pending: blob '{orphanId}' ", early.Lines[2], StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(keyFile);
        }
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

    private async Task<(int ExitCode, string[] Lines)> RunMedledgerAsync(string[] args, DateTimeOffset now)
    {
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter { NewLine = "\n" };
        var environment = new MedledgerCli.CliEnvironment { TimeProvider = new FakeTimeProvider(now) };
        var exitCode = await MedledgerCli.MedLedgerCli.RunAsync(args, output, error, environment, Cancellation);
        Assert.Equal(string.Empty, error.ToString());
        return (exitCode, output.ToString().TrimEnd('\n').Split('\n'));
    }
}
