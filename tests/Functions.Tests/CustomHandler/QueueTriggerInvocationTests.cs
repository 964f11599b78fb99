using System.Text;
using MedLedger.Functions.CustomHandler;

namespace MedLedger.Functions.Tests.CustomHandler;

public sealed class QueueTriggerInvocationTests
{
    private static readonly QueueTriggerBinding Binding = new("msg", "ledger-events", "AzureWebJobsStorage");

    [Fact]
    public void TryRead_EmittedForm_UnwrapsTextAndMetadata()
    {
        var invocation = Parse("""
            {"Data":{"msg":"\"{\\\"recordId\\\":\\\"abc\\\",\\\"n\\\":2}\""},
             "Metadata":{"DequeueCount":"1","Id":"\"800ae4b3-bdd2-4c08-badd-f08e5a34b865\"","InsertionTime":"2026-01-01T10:00:00+00:00"}}
            """);

        Assert.True(QueueTriggerInvocation.TryRead(invocation, Binding, out var queued, out _));
        Assert.Equal("""{"recordId":"abc","n":2}""", queued.MessageText);
        Assert.Equal("800ae4b3-bdd2-4c08-badd-f08e5a34b865", queued.MessageId);
        Assert.Equal(1, queued.DequeueCount);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 10, 0, 0, TimeSpan.Zero), queued.InsertionTime);
    }

    [Fact]
    public void TryRead_DocumentedForm_ReadsTextAndMetadata()
    {
        var invocation = Parse("""{"Data":{"msg":"{ message: \"Message sent\" }"},"Metadata":{"DequeueCount":1,"Id":"800ae4b3"}}""");

        Assert.True(QueueTriggerInvocation.TryRead(invocation, Binding, out var queued, out _));
        Assert.Equal("{ message: \"Message sent\" }", queued.MessageText);
        Assert.Equal("800ae4b3", queued.MessageId);
        Assert.Equal(1, queued.DequeueCount);
    }

    [Fact]
    public void TryRead_GarbledMetadata_ReadsAsAbsent()
    {
        var invocation = Parse("""{"Data":{"msg":"x"},"Metadata":{"DequeueCount":"many","InsertionTime":"yesterday"}}""");

        Assert.True(QueueTriggerInvocation.TryRead(invocation, Binding, out var queued, out _));
        Assert.Null(queued.DequeueCount);
        Assert.Null(queued.InsertionTime);
        Assert.Null(queued.MessageId);
    }

    [Theory]
    [InlineData("""{"Data":{}}""")]
    [InlineData("""{"Data":{"msg":null}}""")]
    [InlineData("""{"Data":{"other":"x"}}""")]
    public void TryRead_NoMessage_Fails(string json)
    {
        Assert.False(QueueTriggerInvocation.TryRead(Parse(json), Binding, out _, out var error));
        Assert.Equal("Data has no queue message under 'msg'", error);
    }

    private static InvocationRequest Parse(string json)
    {
        Assert.True(InvocationRequest.TryParse(Encoding.UTF8.GetBytes(json), out var request, out var error), error);
        return request;
    }
}
