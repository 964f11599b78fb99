using System.Net;
using System.Text;
using Azure;
using MedLedger.Clients.Tables;
using MedLedger.Functions.Http;
using MedLedger.Functions.Tests.Support;
using MedLedger.Testing.Azurite;

namespace MedLedger.Functions.Tests.LedgerLogs;

/// <summary>An entry changed directly in the table: no receipt is handed out for it, and no record is read through a wrong index.</summary>
public sealed class TamperedLogTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Partition = "localhost!2Fmedledger";
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
    public async Task EntryChangedAfterSigning_EventAnswers500WithoutAReceipt()
    {
        var (_, eventId, _) = await RecordRequests.AcceptedAsync(await _client.SendAsync(RecordRequests.Post(RecordRequests.JsonBody()), _cancellation));
        await _app.DeliverQueuedAsync();
        await _app.CheckpointAsync();
        await ChangeEntryAsync(0, "\"category\":\"general\"", "\"category\":\"genetic\"");

        var response = await _client.GetAsync($"/api/ledger/events/{eventId}", _cancellation);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.InternalServerError, ErrorCodes.LedgerIntegrityFailed);
        Assert.Contains(_app.Logs.Lines, line => line.Contains($"Event {eventId} of log localhost/medledger: the stored log is inconsistent", StringComparison.Ordinal));
    }

    [Fact]
    public async Task IndexedEntryIsNoLongerTheCreation_ReadIs500AndReleasesNothing()
    {
        var (recordId, _, _) = await RecordRequests.AcceptedAsync(await _client.SendAsync(RecordRequests.Post(RecordRequests.JsonBody()), _cancellation));
        await _app.DeliverQueuedAsync();
        await ChangeEntryAsync(0, "\"type\":\"record.created\"", "\"type\":\"record.deleted\"");

        var response = await _client.GetAsync($"/api/patients/p-1/records/{recordId}", _cancellation);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.InternalServerError, ErrorCodes.RecordIntegrityFailed);
    }

    private async Task ChangeEntryAsync(long index, string from, string to)
    {
        var table = _app.Direct.GetTableClient(_app.Names.LedgerTable);
        var rowKey = "entry|" + index.ToString("D19", System.Globalization.CultureInfo.InvariantCulture);
        var entity = await table.GetEntityAsync(Partition, rowKey, _cancellation);
        var text = Encoding.UTF8.GetString(entity.GetBinary("Entry").Span);
        Assert.Contains(from, text, StringComparison.Ordinal);
        var changed = new TableEntity(Partition, rowKey) { ["Entry"] = Encoding.UTF8.GetBytes(text.Replace(from, to, StringComparison.Ordinal)) };
        await table.UpdateEntityAsync(changed, ETag.All, TableUpdateMode.Merge, _cancellation);
    }
}
