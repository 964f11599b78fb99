using System.Text.Json;
using MedLedger.Functions.CustomHandler;
using MedLedger.Functions.LocalHost;

namespace MedLedger.Functions.Tests.LocalHost;

/// <summary>The local host posts what the Functions host posts (azure-protocols.md §1.6 (b)).</summary>
public sealed class HostInvocationPayloadsTests
{
    private static readonly QueueTriggerBinding Binding = new("msg", "ledger-events", "AzureWebJobsStorage");

    private static readonly TriggerQueueMessage Message = new(
        "800ae4b3-bdd2-4c08-badd-f08e5a34b865",
        "AgAAAAMAAAAAAAAAAgtnj8x+1QE=",
        "ignored: the payload carries the decoded text",
        3,
        new DateTimeOffset(2026, 1, 1, 10, 0, 0, 123, TimeSpan.Zero),
        new DateTimeOffset(2026, 1, 8, 10, 0, 0, TimeSpan.Zero),
        new DateTimeOffset(2026, 1, 1, 10, 0, 30, 999, TimeSpan.Zero));

    [Fact]
    public void ForQueueMessage_HasTheHostsEncoding()
    {
        var bytes = HostInvocationPayloads.ForQueueMessage(
            "LedgerAppend", Binding, """{"v":1}""", Message, new DateTimeOffset(2026, 1, 1, 10, 0, 31, TimeSpan.Zero), Guid.Empty);
        using var document = JsonDocument.Parse(bytes);
        var data = document.RootElement.GetProperty("Data");
        var metadata = document.RootElement.GetProperty("Metadata");

        Assert.Equal("\"{\\\"v\\\":1}\"", data.GetProperty("msg").GetString());
        Assert.Equal("3", metadata.GetProperty("DequeueCount").GetString());
        Assert.Equal("\"800ae4b3-bdd2-4c08-badd-f08e5a34b865\"", metadata.GetProperty("Id").GetString());
        Assert.Equal("\"AgAAAAMAAAAAAAAAAgtnj8x+1QE=\"", metadata.GetProperty("PopReceipt").GetString());
        Assert.Equal("2026-01-01T10:00:00+00:00", metadata.GetProperty("InsertionTime").GetString());
        Assert.Equal("2026-01-01T10:00:30+00:00", metadata.GetProperty("NextVisibleTime").GetString());
        Assert.Equal("2026-01-08T10:00:00+00:00", metadata.GetProperty("ExpirationTime").GetString());
        Assert.Equal("LedgerAppend", metadata.GetProperty("sys").GetProperty("MethodName").GetString());
        Assert.Equal("2026-01-01T10:00:31Z", metadata.GetProperty("sys").GetProperty("UtcNow").GetString());
    }

    [Theory]
    [InlineData("""{"v":1,"eventId":"e"}""")]
    [InlineData("text with \"quotes\", \\ backslashes, \u00e9 and \u2028")]
    [InlineData("\"already a literal\"")]
    public void ForQueueMessage_DecodesBackToTheText(string text)
    {
        var bytes = HostInvocationPayloads.ForQueueMessage("LedgerAppend", Binding, text, Message, DateTimeOffset.UnixEpoch, Guid.Empty);

        Assert.True(InvocationRequest.TryParse(bytes, out var request, out _));
        Assert.True(QueueTriggerInvocation.TryRead(request, Binding, out var queued, out _));
        Assert.Equal(text, queued.MessageText);
        Assert.Equal(Message.MessageId, queued.MessageId);
        Assert.Equal(3, queued.DequeueCount);
    }

    [Fact]
    public void ForTimer_CarriesTheTimerInfoObject()
    {
        var binding = new TimerTriggerBinding("timer", "*/5 * * * * *");
        var bytes = HostInvocationPayloads.ForTimer("Checkpoint", binding, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddSeconds(5), DateTimeOffset.UnixEpoch, Guid.Empty);

        Assert.True(InvocationRequest.TryParse(bytes, out var request, out _));
        Assert.Equal(JsonValueKind.Object, request.Data["timer"].ValueKind);
        Assert.False(TimerTriggerInvocation.Read(request, binding).IsPastDue);
        Assert.Equal("Checkpoint", request.Metadata["sys"].GetProperty("MethodName").GetString());
    }
}
