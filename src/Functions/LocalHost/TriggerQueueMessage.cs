namespace MedLedger.Functions.LocalHost;

/// <summary>A message as Get Messages returns it.</summary>
/// <param name="MessageId">The message id.</param>
/// <param name="PopReceipt">The receipt of this receive, needed to delete or release the message.</param>
/// <param name="MessageText">The stored text, still encoded (base64 when host.json's <c>messageEncoding</c> is <c>base64</c>).</param>
/// <param name="DequeueCount">How many times the message has been received, this time included.</param>
/// <param name="InsertionTime">When the message was enqueued.</param>
/// <param name="ExpirationTime">When the message expires.</param>
/// <param name="NextVisibleTime">When the message becomes visible again.</param>
public sealed record TriggerQueueMessage(
    string MessageId,
    string PopReceipt,
    string MessageText,
    long DequeueCount,
    DateTimeOffset InsertionTime,
    DateTimeOffset ExpirationTime,
    DateTimeOffset NextVisibleTime);
