namespace MedLedger.Clients.Queues;

/// <summary>How message text is put on the wire; the host.json <c>messageEncoding</c> setting of the consumer.</summary>
public enum QueueMessageEncoding
{
    /// <summary>Base64 of the UTF-8 bytes: what the Azure Functions queue trigger expects by default.</summary>
    Base64,

    /// <summary>The text itself (XML-escaped); only for consumers configured with <c>messageEncoding: none</c>.</summary>
    None,
}
