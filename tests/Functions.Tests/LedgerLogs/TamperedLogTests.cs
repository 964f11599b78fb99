using System.Net;
using System.Text;
using Azure;
using MedLedger.Clients.Tables;
using MedLedger.Functions.Http;
using MedLedger.Functions.Tests.Support;
using MedLedger.Testing.Azurite;

namespace MedLedger.Functions.Tests.LedgerLogs;

/// <summary>An entry changed directly in the table: no receipt is handed out for it, and no record is read through a wrong index.</summary>
public sealed class TamperedLogTests(AzuriteFixture azurite) : StepwiseAppTests(azurite)
{
    private const string Partition = "localhost!2Fmedledger";

    [Fact]
    public async Task EntryChangedAfterSigning_EventAnswers500WithoutAReceipt()
    {
        var (_, eventId, _) = await RecordRequests.AcceptedAsync(await Client.SendAsync(RecordRequests.Post(RecordRequests.JsonBody()), Cancellation));
        await App.DeliverQueuedAsync();
        await App.CheckpointAsync();
        await ChangeEntryAsync(0, "\"category\":\"general\"", "\"category\":\"genetic\"");

        var response = await Client.GetAsync($"/api/ledger/events/{eventId}", Cancellation);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.InternalServerError, ErrorCodes.LedgerIntegrityFailed);
        Assert.Contains(App.Logs.Lines, line => line.Contains($"Event {eventId} of log localhost/medledger: the stored log is inconsistent", StringComparison.Ordinal));
    }

    [Fact]
    public async Task IndexedEntryIsNoLongerTheCreation_ReadIs500AndReleasesNothing()
    {
        var (recordId, _, _) = await RecordRequests.AcceptedAsync(await Client.SendAsync(RecordRequests.Post(RecordRequests.JsonBody()), Cancellation));
        await App.DeliverQueuedAsync();
        await ChangeEntryAsync(0, "\"type\":\"record.created\"", "\"type\":\"record.deleted\"");

        var response = await Client.GetAsync($"/api/patients/p-1/records/{recordId}", Cancellation);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.InternalServerError, ErrorCodes.RecordIntegrityFailed);
    }

    private async Task ChangeEntryAsync(long index, string from, string to)
    {
        var table = App.Direct.GetTableClient(App.Names.LedgerTable);
        var rowKey = "entry|" + index.ToString("D19", System.Globalization.CultureInfo.InvariantCulture);
        var entity = await table.GetEntityAsync(Partition, rowKey, Cancellation);
        var text = Encoding.UTF8.GetString(entity.GetBinary("Entry").Span);
        Assert.Contains(from, text, StringComparison.Ordinal);
        var changed = new TableEntity(Partition, rowKey) { ["Entry"] = Encoding.UTF8.GetBytes(text.Replace(from, to, StringComparison.Ordinal)) };
        await table.UpdateEntityAsync(changed, ETag.All, TableUpdateMode.Merge, Cancellation);
    }
}
