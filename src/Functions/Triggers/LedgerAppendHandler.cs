using System.Diagnostics;
using MedLedger.Functions.Configuration;
using MedLedger.Functions.CustomHandler;
using MedLedger.Functions.LedgerEvents;

namespace MedLedger.Functions.Triggers;

/// <summary>
/// <c>LedgerAppend</c>: reads one ledger event message from the queue trigger, validates it, and appends it through
/// <see cref="ILedgerEventAppender"/>. A malformed or rejected message is a failure, so the host retries it and then
/// moves it to <c>ledger-events-poison</c>; the log is never touched by a message that fails validation.
/// </summary>
internal sealed class LedgerAppendHandler(ILedgerEventAppender appender) : ITriggerHandler
{
    /// <summary>Gets the trigger, as <c>FunctionDefinitions/LedgerAppend/function.json</c> declares it.</summary>
    public static QueueTriggerBinding Trigger { get; } = new("msg", LedgerEventQueue.Name, SettingNames.Storage);

    public async Task<TriggerResult> HandleAsync(InvocationRequest invocation, CancellationToken cancellationToken = default)
    {
        const string Name = TriggerFunctionNames.LedgerAppend;
        if (!QueueTriggerInvocation.TryRead(invocation, Trigger, out var queued, out var invocationError))
        {
            return TriggerResult.Failure($"{Name}: {invocationError}.");
        }

        var delivery = $"message {queued.MessageId ?? "(no id)"}, delivery {queued.DequeueCount?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"}";
        var decoded = LedgerEventMessageCodec.Decode(queued.MessageText);
        if (!decoded.Succeeded)
        {
            return TriggerResult.Failure($"{Name}: {delivery} is malformed: {decoded.Error}.");
        }

        var message = decoded.Message;
        var result = await appender.AppendAsync(message, cancellationToken).ConfigureAwait(false);
        return result.Status switch
        {
            LedgerAppendStatus.Appended =>
                TriggerResult.Success($"{Name}: {delivery}: event {message.EventId} appended to log {message.Log} at index {result.Index}."),
            LedgerAppendStatus.AlreadyAppended =>
                TriggerResult.Success($"{Name}: {delivery}: event {message.EventId} was already in log {message.Log} at index {result.Index}."),
            LedgerAppendStatus.Rejected =>
                TriggerResult.Failure($"{Name}: {delivery}: event {message.EventId} rejected: {result.Reason}."),
            _ => throw new UnreachableException($"Unknown append status {result.Status}."),
        };
    }
}
