namespace MedLedger.Clients.Queues;

/// <summary>A message seen without receiving it: no pop receipt, visibility unchanged.</summary>
/// <param name="MessageId">The service-assigned message id.</param>
/// <param name="DequeueCount">How many times the message has been received.</param>
/// <param name="InsertionTime">When the message was sent.</param>
/// <param name="ExpirationTime">When the message expires.</param>
/// <param name="RawText">The message text exactly as stored.</param>
/// <param name="Body">The decoded payload, or null when it does not decode.</param>
public sealed record QueuePeekedMessage(
    string MessageId,
    long DequeueCount,
    DateTimeOffset InsertionTime,
    DateTimeOffset ExpirationTime,
    string RawText,
    BinaryData? Body)
{
    /// <summary>Gets the payload as UTF-8 text (null when <see cref="Body"/> is null).</summary>
    public string? MessageText => Body?.ToString();
}
