namespace MedLedger.Clients.Queues;

/// <summary>A received message: hidden from other receivers until <see cref="NextVisibleOn"/>; delete or update it
/// with <see cref="PopReceipt"/>.</summary>
/// <param name="MessageId">The service-assigned message id.</param>
/// <param name="PopReceipt">The receipt of this receive; a later receive or update makes it stale.</param>
/// <param name="DequeueCount">How many times the message has been received, this time included.</param>
/// <param name="InsertionTime">When the message was sent.</param>
/// <param name="ExpirationTime">When the message expires.</param>
/// <param name="NextVisibleOn">When the message becomes visible again unless deleted or updated.</param>
/// <param name="RawText">The message text exactly as stored (base64 when the queue uses base64 encoding).</param>
/// <param name="Body">The decoded payload; null when the queue uses base64 and <paramref name="RawText"/> is not
/// base64 (such a message belongs in the poison queue).</param>
public sealed record QueueMessage(
    string MessageId,
    string PopReceipt,
    long DequeueCount,
    DateTimeOffset InsertionTime,
    DateTimeOffset ExpirationTime,
    DateTimeOffset NextVisibleOn,
    string RawText,
    BinaryData? Body)
{
    /// <summary>Gets the payload as UTF-8 text (null when <see cref="Body"/> is null).</summary>
    public string? MessageText => Body?.ToString();
}
