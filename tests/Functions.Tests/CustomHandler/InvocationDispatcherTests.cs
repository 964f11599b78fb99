using System.Text;
using MedLedger.Functions.CustomHandler;
using MedLedger.Functions.LedgerEvents;
using MedLedger.Functions.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace MedLedger.Functions.Tests.CustomHandler;

public sealed class InvocationDispatcherTests(AppFixture app) : IClassFixture<AppFixture>
{
    private InvocationDispatcher Dispatcher => app.Factory.Services.GetRequiredService<InvocationDispatcher>();

    [Fact]
    public async Task DispatchAsync_UnknownFunction_Is404WithALogLine()
    {
        var outcome = await Dispatcher.DispatchAsync("NoSuchFunction", "{}"u8.ToArray(), "i-1", TestContext.Current.CancellationToken);
        Assert.Equal(404, outcome.StatusCode);
        Assert.False(outcome.Succeeded);
        Assert.Equal(["NoSuchFunction: no such function."], outcome.Response.Logs);
    }

    [Fact]
    public async Task DispatchAsync_CancelledInvocation_Throws()
    {
        var text = System.Text.Json.JsonSerializer.Serialize(LedgerEventSamples.Text(LedgerEventSamples.RecordCreated("evt-cancel")));
        var payload = Encoding.UTF8.GetBytes("{\"Data\":{\"msg\":" + text + "}}");
        using var cancellation = new CancellationTokenSource();
        app.Factory.Appender.Fault = _ =>
        {
            cancellation.Cancel();
            cancellation.Token.ThrowIfCancellationRequested();
            return null;
        };

        try
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Dispatcher.DispatchAsync("LedgerAppend", payload, "i-2", cancellation.Token));
        }
        finally
        {
            app.Factory.Appender.Fault = null;
        }
    }

    [Fact]
    public void Registry_HoldsTheTwoTriggerFunctions()
    {
        var registry = app.Factory.Services.GetRequiredService<TriggerFunctionRegistry>();
        Assert.Equal(["Checkpoint", "LedgerAppend"], registry.Functions.Select(f => f.Name));
        var append = registry.Find("ledgerappend");
        Assert.NotNull(append);
        Assert.Equal(new QueueTriggerBinding("msg", LedgerEventQueue.Name, "AzureWebJobsStorage"), append.Trigger);
        Assert.Equal("ledger-events-poison", ((QueueTriggerBinding)append.Trigger).PoisonQueueName);
    }

    [Fact]
    public void Registry_DuplicateName_Throws()
    {
        var function = new TriggerFunction("A", new TimerTriggerBinding("t", "* * * * * *"), typeof(Triggers.CheckpointHandler));
        Assert.Throws<ArgumentException>(() => new TriggerFunctionRegistry([function, function with { Name = "a" }]));
    }

    [Fact]
    public void Registry_HandlerThatIsNotATriggerHandler_Throws()
    {
        Assert.Throws<ArgumentException>(() => new TriggerFunctionRegistry([new TriggerFunction("A", new TimerTriggerBinding("t", "* * * * * *"), typeof(string))]));
    }

    [Fact]
    public void TriggerResult_WithoutLogLines_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => TriggerResult.Success());
    }
}
