namespace MedLedger.Functions.LocalHost;

/// <summary>How queue message text is stored (host.json <c>extensions.queues.messageEncoding</c>).</summary>
public enum QueueMessageEncoding
{
    /// <summary>Base64 of the UTF-8 text (the host's default).</summary>
    Base64,

    /// <summary>The text as is.</summary>
    None,
}
