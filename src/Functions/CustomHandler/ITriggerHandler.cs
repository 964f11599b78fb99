namespace MedLedger.Functions.CustomHandler;

/// <summary>Serves the invocations of one non-HTTP function.</summary>
/// <remarks>
/// Called by <see cref="InvocationDispatcher"/> for the Functions host's POST and for the local host alike.
/// Expected failures (a malformed message, a rejected event) are returned as <see cref="TriggerResult.Failure"/>;
/// an exception is treated as a failure too. Either way the host retries and finally poisons the message.
/// </remarks>
public interface ITriggerHandler
{
    /// <summary>Handles one invocation.</summary>
    Task<TriggerResult> HandleAsync(InvocationRequest invocation, CancellationToken cancellationToken = default);
}
