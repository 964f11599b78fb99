namespace MedLedger.Functions.CustomHandler;

/// <summary>The trigger binding of a non-HTTP function, as its <c>function.json</c> declares it.</summary>
/// <param name="Type">The binding type (<c>queueTrigger</c>, <c>timerTrigger</c>).</param>
/// <param name="Name">The binding name: the key of the trigger value in the invocation's <c>Data</c>.</param>
public abstract record TriggerBinding(string Type, string Name);
