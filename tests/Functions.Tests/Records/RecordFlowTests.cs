using System.Net;
using System.Security.Cryptography;
using System.Text;
using MedLedger.Functions.Tests.Support;
using MedLedger.Testing.Azurite;

namespace MedLedger.Functions.Tests.Records;

/// <summary>The whole path through the real app, Azurite and the embedded local host: submit, append, sign, prove, read.</summary>
public sealed class RecordFlowTests(AzuriteFixture azurite)
{
    private readonly CancellationToken _cancellation = TestContext.Current.CancellationToken;

    [Fact]
    public async Task SubmitThenRead_ReceiptVerifiesOfflineAndTheReadIsLogged()
    {
        await using var app = new LedgerAppFactory(azurite);
        using var client = app.CreateClient();

        var (recordId, eventId, location) = await RecordRequests.AcceptedAsync(
            await client.SendAsync(RecordRequests.Post(RecordRequests.JsonBody(), userKey: "dr-ada"), _cancellation));
        Assert.Equal($"/api/ledger/events/{eventId}", location);

        // The listener appends and the timer signs; the receipt then verifies with nothing but the public key.
        var key = await LedgerApi.PublicKeyAsync(client);
        var created = LedgerApi.Verify(await LedgerApi.WaitForReceiptAsync(client, eventId), key).Entry!;
        Assert.Equal("record.created", created.Type);
        Assert.Equal(eventId, created.EventId);
        Assert.Equal("dr-ada", created.Actor);
        Assert.Equal("clinic-a", created.Data.GetProperty("organization").GetString());
        Assert.Equal(recordId, created.Data.GetProperty("recordId").GetString());
        Assert.Equal("general", created.Data.GetProperty("category").GetString());
        Assert.Equal("application/fhir+json", created.Data.GetProperty("contentType").GetString());
        Assert.DoesNotContain("p-1", Encoding.UTF8.GetString(created.Bytes.Span), StringComparison.Ordinal);

        // The log commits to exactly the stored envelope.
        var blob = await app.Direct.GetBlobContainerClient(app.Names.RecordsContainer).DownloadAsync(recordId, _cancellation);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(blob.Content.ToMemory().Span)), created.Data.GetProperty("ciphertextSha256").GetString());
        Assert.DoesNotContain("Observation", Encoding.UTF8.GetString(blob.Content.ToMemory().Span), StringComparison.Ordinal);

        // The patient reads their own record.
        using var patientClient = app.CreateClientAs("pat-1");
        var read = await patientClient.GetAsync($"/api/patients/p-1/records/{recordId}", _cancellation);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("application/fhir+json", read.Content.Headers.ContentType?.ToString());
        Assert.Equal(RecordRequests.ObservationJson, await read.Content.ReadAsStringAsync(_cancellation));
        Assert.Equal("no-store", read.Headers.CacheControl?.ToString());

        var readEventId = Assert.Single(read.Headers.GetValues("X-MedLedger-Decision-Event"));
        var logged = LedgerApi.Verify(await LedgerApi.WaitForReceiptAsync(client, readEventId), key).Entry!;
        Assert.Equal("record.read", logged.Type);
        Assert.Equal("pat-1", logged.Actor);
        Assert.Equal(("permit", "rule:patient-self", "PATRQT"), (logged.Data.GetProperty("decision").GetString(), logged.Data.GetProperty("decidedBy").GetString(), logged.Data.GetProperty("purpose").GetString()));
        Assert.Equal(created.Subject, logged.Subject);
        Assert.Equal(recordId, logged.Data.GetProperty("recordId").GetString());
        Assert.True(logged.Sequence > created.Sequence);
    }

    [Fact]
    public async Task BinaryRecord_ReadReturnsTheExactBytes()
    {
        await using var app = new LedgerAppFactory(azurite, new LedgerAppOptions { LocalHost = false });
        using var client = app.CreateClient();
        var content = RandomNumberGenerator.GetBytes(4096);

        var (recordId, _, _) = await RecordRequests.AcceptedAsync(
            await client.SendAsync(RecordRequests.Post(RecordRequests.Base64Body(content, contentType: "application/dicom")), _cancellation));
        var appended = await app.DeliverQueuedAsync();

        Assert.True(Assert.Single(appended).Succeeded);
        var read = await client.GetAsync($"/api/patients/p-1/records/{recordId}", _cancellation);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("application/dicom", read.Content.Headers.ContentType?.MediaType);
        Assert.Equal(content, await read.Content.ReadAsByteArrayAsync(_cancellation));
    }
}
