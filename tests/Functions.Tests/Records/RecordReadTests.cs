using System.Net;
using MedLedger.Functions.Http;
using MedLedger.Functions.Tests.Support;
using MedLedger.Testing.Azurite;

namespace MedLedger.Functions.Tests.Records;

/// <summary>Reads: log before release, nothing for records the log does not hold, never garbage for a damaged record.</summary>
public sealed class RecordReadTests(AzuriteFixture azurite) : StepwiseAppTests(azurite)
{
    [Fact]
    public async Task Read_BeforeTheCreationIsInTheLog_Is404()
    {
        var (recordId, _, _) = await RecordRequests.AcceptedAsync(await Client.SendAsync(RecordRequests.Post(RecordRequests.JsonBody()), Cancellation));

        var response = await Client.GetAsync($"/api/patients/p-1/records/{recordId}", Cancellation);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound, ErrorCodes.NotFound);
        Assert.Equal(1, StorageRequests.CountSends(App.Faults, App.Names.EventsQueue));
        Assert.Single(response.Headers.GetValues("X-MedLedger-Decision-Event"));
    }

    [Theory]
    [InlineData("r0-AAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("r7-AAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("r0-AAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("rec-1")]
    [InlineData("r00-AAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task Read_UnknownOrMalformedId_Is404(string recordId)
    {
        var response = await Client.GetAsync($"/api/patients/p-1/records/{recordId}", Cancellation);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound, ErrorCodes.NotFound);
    }

    [Fact]
    public async Task Read_AppendOfTheDecisionFails_Is503AndReleasesNothing()
    {
        var recordId = await CreateAsync();
        var before = (await App.Ledger.All[0].Store.ReadHeadAsync(Cancellation)).Size;
        // Every transaction fails: the appender's retries cannot get the decision into the log.
        App.Faults.Respond(50, StorageRequests.ServerBusy, request => request.Uri.Path.EndsWith("/$batch", StringComparison.Ordinal));

        var response = await Client.GetAsync($"/api/patients/p-1/records/{recordId}", Cancellation);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.ServiceUnavailable, ErrorCodes.ServiceUnavailable);
        Assert.DoesNotContain("Observation", problem.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(before, (await App.Ledger.All[0].Store.ReadHeadAsync(Cancellation)).Size);
    }

    [Fact]
    public async Task Read_EnvelopeReplaced_Is500IntegrityFailureAndReleasesNothing()
    {
        var recordId = await CreateAsync();
        // Someone with storage access swaps the envelope for another record's (a real, decryptable envelope).
        var otherId = await CreateAsync(RecordRequests.JsonBody(patientId: "p-1", content: """{"other":true}"""));
        var container = App.Direct.GetBlobContainerClient(App.Names.RecordsContainer);
        var other = await container.DownloadAsync(otherId, Cancellation);
        await container.DeleteIfExistsAsync(recordId, Cancellation);
        await container.UploadIfNotExistsAsync(recordId, other.Content, cancellationToken: Cancellation);

        var response = await Client.GetAsync($"/api/patients/p-1/records/{recordId}", Cancellation);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.InternalServerError, ErrorCodes.RecordIntegrityFailed);
        Assert.DoesNotContain("other", problem.GetRawText(), StringComparison.Ordinal);

        // The permit was logged before the envelope was fetched: the log may over-report an access, never under-report one.
        Assert.Single(response.Headers.GetValues("X-MedLedger-Decision-Event"));
    }

    [Fact]
    public async Task Read_EnvelopeMissing_Is500IntegrityFailure()
    {
        var recordId = await CreateAsync();
        await App.Direct.GetBlobContainerClient(App.Names.RecordsContainer).DeleteIfExistsAsync(recordId, Cancellation);

        var response = await Client.GetAsync($"/api/patients/p-1/records/{recordId}", Cancellation);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.InternalServerError, ErrorCodes.RecordIntegrityFailed);
    }

    [Fact]
    public async Task Read_KeyNoLongerKnown_Is500DecryptionFailureAndReleasesNothing()
    {
        var recordId = await CreateAsync();
        // The same storage and log, read by an app whose local keys are different: the envelope's key id is unknown.
        var options = new LedgerAppOptions { LocalHost = false };
        options.Settings["MedLedger:LocalKeyDirectory"] = Path.Combine(Path.GetTempPath(), $"medledger-other-keys-{Guid.NewGuid():N}");
        await using var other = new LedgerAppFactory(Azurite, options, App.Names);
        using var otherClient = other.CreateClient();

        var response = await otherClient.GetAsync($"/api/patients/p-1/records/{recordId}", Cancellation);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.InternalServerError, ErrorCodes.RecordDecryptionFailed);
        Assert.DoesNotContain("Observation", problem.GetRawText(), StringComparison.Ordinal);
        Assert.Contains(other.Logs.Lines, line => line.Contains("decryption failed (UnknownKey)", StringComparison.Ordinal));
    }

    private async Task<string> CreateAsync(string? body = null)
    {
        var (recordId, _, _) = await RecordRequests.AcceptedAsync(await Client.SendAsync(RecordRequests.Post(body ?? RecordRequests.JsonBody()), Cancellation));
        Assert.All(await App.DeliverQueuedAsync(), outcome => Assert.True(outcome.Succeeded));
        return recordId;
    }
}
