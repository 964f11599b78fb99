namespace MedLedger.Functions.CustomHandler;

/// <summary>A <c>queueTrigger</c> binding.</summary>
/// <param name="Name">The binding name.</param>
/// <param name="QueueName">The queue the host (or the local listener) reads.</param>
/// <param name="Connection">The app setting that holds the storage connection.</param>
public sealed record QueueTriggerBinding(string Name, string QueueName, string Connection) : TriggerBinding("queueTrigger", Name)
{
    /// <summary>Gets the queue that failed messages move to after the last attempt: <c>&lt;queue&gt;-poison</c> (azure-protocols.md §1.8).</summary>
    public string PoisonQueueName => QueueName + "-poison";
}
