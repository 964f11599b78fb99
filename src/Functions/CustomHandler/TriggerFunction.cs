namespace MedLedger.Functions.CustomHandler;

/// <summary>A non-HTTP function: its name (the folder of its <c>function.json</c>), its trigger, and the handler that serves it.</summary>
/// <param name="Name">The function name; the host posts invocations to <c>/&lt;Name&gt;</c>.</param>
/// <param name="Trigger">The trigger binding.</param>
/// <param name="HandlerType">The <see cref="ITriggerHandler"/> implementation, resolved per invocation.</param>
public sealed record TriggerFunction(string Name, TriggerBinding Trigger, Type HandlerType);
