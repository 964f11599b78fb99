using System.Net;
using System.Text;
using System.Text.Json;
using Azure;
using MedLedger.Functions.LedgerEvents;
using MedLedger.Functions.Tests.Support;

namespace MedLedger.Functions.Tests.CustomHandler;

/// <summary>
/// The host's exact invocation payloads (azure-protocols.md §1.6), posted to the app as the Functions host posts
/// them: the documented form (a), the form the host code really emits (b), and our messages in both.
/// </summary>
public sealed class PayloadReplayTests : IAsyncLifetime
{
    // §1.6 (a), verbatim: the documentation's sample, binding name myQueueItem.
    private const string DocumentedSample = """
        {
          "Data": { "myQueueItem": "{ message: \"Message sent\" }" },
          "Metadata": {
            "DequeueCount": 1,
            "ExpirationTime": "2019-10-16T17:58:31+00:00",
            "Id": "800ae4b3-bdd2-4c08-badd-f08e5a34b865",
            "InsertionTime": "2019-10-09T17:58:31+00:00",
            "NextVisibleTime": "2019-10-09T18:08:32+00:00",
            "PopReceipt": "AgAAAAMAAAAAAAAAAgtnj8x+1QE=",
            "sys": { "MethodName": "QueueTrigger", "UtcNow": "2019-10-09T17:58:32.2205399Z",
                     "RandGuid": "24ad4c06-24ad-4e5b-8294-3da9714877e9" }
          }
        }
        """;

    // §1.6 (b), verbatim but for the elided times: what the host code emits (binding name msg).
    private const string EmittedSample = """
        {
          "Data": { "msg": "\"{\\\"recordId\\\":\\\"abc\\\",\\\"n\\\":2}\"" },
          "Metadata": {
            "DequeueCount": "1",
            "ExpirationTime": "2026-01-08T10:00:00+00:00",
            "Id": "\"800ae4b3-bdd2-4c08-badd-f08e5a34b865\"",
            "PopReceipt": "\"AgAAAAMAAAAAAAAAAgtnj8x+1QE=\"",
            "InsertionTime": "2026-01-01T10:00:00+00:00", "NextVisibleTime": "2026-01-01T10:00:30+00:00",
            "sys": { "MethodName": "QueueWorker", "UtcNow": "2026-01-01T10:00:00Z", "RandGuid": "24ad4c06-24ad-4e5b-8294-3da9714877e9" }
          }
        }
        """;

    private FunctionsAppFactory _factory = null!;
    private HttpClient _client = null!;

    public ValueTask InitializeAsync()
    {
        _factory = new FunctionsAppFactory();
        _client = _factory.CreateClient();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
    }

    [Fact]
    public async Task DocumentedSample_WithoutOurBinding_FailsWithJsonLogs()
    {
        var logs = await InvocationAssert.IsResponseAsync(await PostAsync("/LedgerAppend", DocumentedSample), HttpStatusCode.InternalServerError);
        Assert.Contains("LedgerAppend: Data has no queue message under 'msg'.", logs);
        Assert.Empty(_factory.Appender.Calls);
    }

    [Fact]
    public async Task DocumentedSample_UnderOurBinding_IsAMalformedMessage()
    {
        var logs = await InvocationAssert.IsResponseAsync(
            await PostAsync("/LedgerAppend", DocumentedSample.Replace("myQueueItem", "msg", StringComparison.Ordinal)),
            HttpStatusCode.InternalServerError);
        var line = Assert.Single(logs);
        Assert.StartsWith("LedgerAppend: message 800ae4b3-bdd2-4c08-badd-f08e5a34b865, delivery 1 is malformed", line, StringComparison.Ordinal);
        Assert.Empty(_factory.Appender.Calls);
    }

    [Fact]
    public async Task EmittedSample_IsUnwrappedThenRefusedAsUnversioned()
    {
        var logs = await InvocationAssert.IsResponseAsync(await PostAsync("/LedgerAppend", EmittedSample), HttpStatusCode.InternalServerError);
        var line = Assert.Single(logs);
        Assert.Contains("message 800ae4b3-bdd2-4c08-badd-f08e5a34b865, delivery 1 is malformed: the message does not start with its version", line, StringComparison.Ordinal);
        Assert.Empty(_factory.Appender.Calls);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, true)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public async Task OurMessage_InEitherForm_IsAppended(bool doubleEncodedData, bool quotedMetadata)
    {
        var message = LedgerEventSamples.RecordCreated();
        var payload = Payload(LedgerEventSamples.Text(message), doubleEncodedData, quotedMetadata, dequeueCount: 2);

        var logs = await InvocationAssert.IsResponseAsync(await PostAsync("/LedgerAppend", payload), HttpStatusCode.OK);

        Assert.Equal(message, Assert.Single(_factory.Appender.Calls).Message);
        Assert.Equal($"LedgerAppend: message m-1, delivery 2: event {message.EventId} appended to log ledger-0 at index 0.", Assert.Single(logs));
    }

    [Fact]
    public async Task RedeliveredMessage_SucceedsWithoutAddingTwice()
    {
        var payload = Payload(LedgerEventSamples.Text(LedgerEventSamples.RecordRead()), doubleEncoded: true, quotedMetadata: true, dequeueCount: 1);
        await InvocationAssert.IsResponseAsync(await PostAsync("/LedgerAppend", payload), HttpStatusCode.OK);

        var logs = await InvocationAssert.IsResponseAsync(await PostAsync("/LedgerAppend", payload), HttpStatusCode.OK);

        Assert.Contains("was already in log ledger-0 at index 0", Assert.Single(logs), StringComparison.Ordinal);
        Assert.Equal(1, _factory.Appender.AppendedCount);
    }

    [Fact]
    public async Task RejectedEvent_FailsSoTheHostRetriesAndPoisons()
    {
        _factory.Appender.Fault = _ => LedgerAppendResult.Rejected("blob-hash-mismatch");
        var payload = Payload(LedgerEventSamples.Text(LedgerEventSamples.RecordCreated()), doubleEncoded: true, quotedMetadata: true, dequeueCount: 5);

        var logs = await InvocationAssert.IsResponseAsync(await PostAsync("/LedgerAppend", payload), HttpStatusCode.InternalServerError);

        Assert.Equal("LedgerAppend: message m-1, delivery 5: event evt-0001 rejected: blob-hash-mismatch.", Assert.Single(logs));
    }

    [Fact]
    public async Task StorageFailure_FailsWithAGenericLineAndNoServiceMessage()
    {
        _factory.Appender.Fault = _ => throw new RequestFailedException(503, "Server busy; account medledgertest key=SECRETKEY", "ServerBusy", null);
        var payload = Payload(LedgerEventSamples.Text(LedgerEventSamples.RecordCreated()), doubleEncoded: true, quotedMetadata: true, dequeueCount: 1);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/LedgerAppend") { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Azure-Functions-InvocationId", "5f0c7c57-5c8f-4a84-9d9e-6b0d3c2f1a11");

        var logs = await InvocationAssert.IsResponseAsync(await _client.SendAsync(request, TestContext.Current.CancellationToken), HttpStatusCode.InternalServerError);

        Assert.Equal("LedgerAppend failed: unexpected RequestFailedException; invocation 5f0c7c57-5c8f-4a84-9d9e-6b0d3c2f1a11.", Assert.Single(logs));
        Assert.DoesNotContain("SECRETKEY", _factory.Logs.AllText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("[1,2,3]")]
    [InlineData("""{"Data":"msg"}""")]
    public async Task UnreadableInvocation_Is400WithJsonLogs(string body)
    {
        var logs = await InvocationAssert.IsResponseAsync(await PostAsync("/LedgerAppend", body), HttpStatusCode.BadRequest);
        Assert.StartsWith("LedgerAppend: unreadable invocation:", Assert.Single(logs), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TimerInvocation_AsTheHostSendsIt_RunsTheCheckpointer()
    {
        const string payload = """
            {"Data":{"timer":{"Schedule":{"AdjustForDST":true},"ScheduleStatus":{"Last":"2026-01-01T10:00:00+00:00","Next":"2026-01-01T10:00:05+00:00","LastUpdated":"2026-01-01T10:00:00+00:00"},"IsPastDue":true}},
             "Metadata":{"sys":{"MethodName":"Checkpoint","UtcNow":"2026-01-01T10:00:05.0123Z","RandGuid":"6d1b7c0e-5f0a-4f63-9d86-0f2a2b8f6c1d"}}}
            """;

        var logs = await InvocationAssert.IsResponseAsync(await PostAsync("/Checkpoint", payload), HttpStatusCode.OK);

        Assert.Single(_factory.Checkpointer.Runs);
        Assert.Equal(["Checkpoint: the timer is past due.", "Checkpoint: log ledger-0 signed at size 1."], logs);
    }

    [Fact]
    public async Task TimerInvocation_WithEncodedTimerInfo_RunsTheCheckpointer()
    {
        var timerInfo = JsonSerializer.Serialize("""{"IsPastDue":false}""");
        var payload = "{\"Data\":{\"timer\":" + timerInfo + "},\"Metadata\":{}}";
        var logs = await InvocationAssert.IsResponseAsync(await PostAsync("/Checkpoint", payload), HttpStatusCode.OK);
        Assert.Equal(["Checkpoint: log ledger-0 signed at size 1."], logs);
    }

    [Fact]
    public async Task TimerInvocation_CheckpointerFails_Is500()
    {
        _factory.Checkpointer.Fault = _ => true;
        var logs = await InvocationAssert.IsResponseAsync(await PostAsync("/Checkpoint", """{"Data":{"timer":{}},"Metadata":{}}"""), HttpStatusCode.InternalServerError);
        Assert.StartsWith("Checkpoint failed: unexpected InvalidOperationException", Assert.Single(logs), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OversizedInvocation_Is413InTheHostsShape()
    {
        using var content = new ByteArrayContent(new byte[(10 * 1024 * 1024) + 1]);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");

        var response = await _client.PostAsync("/LedgerAppend", content, TestContext.Current.CancellationToken);

        var logs = await InvocationAssert.IsResponseAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal("LedgerAppend: the invocation is larger than 10485760 bytes.", Assert.Single(logs));
        Assert.Empty(_factory.Appender.Calls);
    }

    [Fact]
    public async Task FunctionNames_AreCaseInsensitiveLikeTheHosts()
    {
        var payload = Payload(LedgerEventSamples.Text(LedgerEventSamples.AccessDenied()), doubleEncoded: true, quotedMetadata: true, dequeueCount: 1);
        await InvocationAssert.IsResponseAsync(await PostAsync("/ledgerappend", payload), HttpStatusCode.OK);
    }

    /// <summary>Builds a queue invocation for <paramref name="text"/>; the forms are those of §1.6 (a) and (b).</summary>
    private static string Payload(string text, bool doubleEncoded, bool quotedMetadata, long dequeueCount)
    {
        var data = doubleEncoded ? JsonSerializer.Serialize(JsonSerializer.Serialize(text)) : JsonSerializer.Serialize(text);
        string Quoted(string value) => quotedMetadata ? JsonSerializer.Serialize(JsonSerializer.Serialize(value)) : JsonSerializer.Serialize(value);
        var count = quotedMetadata ? $"\"{dequeueCount}\"" : dequeueCount.ToString(System.Globalization.CultureInfo.InvariantCulture);
        const string Times = "\"ExpirationTime\":\"2026-01-08T10:00:00+00:00\",\"InsertionTime\":\"2026-01-01T10:00:00+00:00\",\"NextVisibleTime\":\"2026-01-01T10:00:30+00:00\"";
        const string Sys = "\"sys\":{\"MethodName\":\"LedgerAppend\",\"UtcNow\":\"2026-01-01T10:00:00Z\",\"RandGuid\":\"24ad4c06-24ad-4e5b-8294-3da9714877e9\"}";
        return "{\"Data\":{\"msg\":" + data + "},\"Metadata\":{\"DequeueCount\":" + count + "," + Times +
            ",\"Id\":" + Quoted("m-1") + ",\"PopReceipt\":" + Quoted("AgAAAAMAAAAAAAAAAgtnj8x+1QE=") + "," + Sys + "}}";
    }

    private Task<HttpResponseMessage> PostAsync(string path, string body) =>
        _client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
}
