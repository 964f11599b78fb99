using MedLedger.Functions.Checkpointing;
using MedLedger.Functions.CustomHandler;

namespace MedLedger.Functions.Triggers;

/// <summary><c>Checkpoint</c>: on every timer tick, signs a checkpoint for each log that grew (<see cref="ILedgerCheckpointer"/>).</summary>
internal sealed class CheckpointHandler(ILedgerCheckpointer checkpointer) : ITriggerHandler
{
    /// <summary>Gets the trigger, as <c>FunctionDefinitions/Checkpoint/function.json</c> declares it: every 5 seconds.</summary>
    public static TimerTriggerBinding Trigger { get; } = new("timer", "*/5 * * * * *");

    public async Task<TriggerResult> HandleAsync(InvocationRequest invocation, CancellationToken cancellationToken = default)
    {
        const string Name = TriggerFunctionNames.Checkpoint;
        var timer = TimerTriggerInvocation.Read(invocation, Trigger);
        var outcomes = await checkpointer.CheckpointAsync(cancellationToken).ConfigureAwait(false);
        var logs = new List<string>();
        if (timer.IsPastDue)
        {
            logs.Add($"{Name}: the timer is past due.");
        }

        logs.AddRange(outcomes.Select(o => o.Signed
            ? $"{Name}: log {o.LogName} signed at size {o.TreeSize}."
            : $"{Name}: log {o.LogName} unchanged at size {o.TreeSize}."));
        if (outcomes.Count == 0)
        {
            logs.Add($"{Name}: no logs to checkpoint.");
        }

        return TriggerResult.Success([.. logs]);
    }
}
