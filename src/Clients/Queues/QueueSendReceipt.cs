namespace MedLedger.Clients.Queues;

/// <summary>What the service returns for a sent message.</summary>
/// <param name="MessageId">The service-assigned message id.</param>
/// <param name="PopReceipt">A receipt that can delete or update the message before anyone receives it.</param>
/// <param name="InsertionTime">When the message was stored.</param>
/// <param name="ExpirationTime">When the message expires.</param>
/// <param name="NextVisibleOn">When receivers first see the message.</param>
public sealed record QueueSendReceipt(
    string MessageId,
    string PopReceipt,
    DateTimeOffset InsertionTime,
    DateTimeOffset ExpirationTime,
    DateTimeOffset NextVisibleOn);
