using MedLedger.Functions.CustomHandler;

namespace MedLedger.Functions.Triggers;

/// <summary>Registers the app's non-HTTP functions.</summary>
internal static class TriggerFunctionsExtensions
{
    /// <summary>Registers the dispatcher, <c>LedgerAppend</c> and <c>Checkpoint</c>.</summary>
    /// <remarks>Their ports (<c>ILedgerEventAppender</c>, <c>ILedgerCheckpointer</c>) are registered by the storage composition.</remarks>
    public static WebApplicationBuilder AddTriggerFunctions(this WebApplicationBuilder builder)
    {
        builder.Services
            .AddInvocationDispatcher()
            .AddTriggerFunction<LedgerAppendHandler>(TriggerFunctionNames.LedgerAppend, LedgerAppendHandler.Trigger)
            .AddTriggerFunction<CheckpointHandler>(TriggerFunctionNames.Checkpoint, CheckpointHandler.Trigger);
        return builder;
    }
}
