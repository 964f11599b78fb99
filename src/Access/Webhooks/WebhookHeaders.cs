namespace MedLedger.Access.Webhooks;

/// <summary>Header names of signed insurer webhooks.</summary>
public static class WebhookHeaders
{
    /// <summary>Standard Webhooks: the message id, also the replay key.</summary>
    public const string Id = "webhook-id";

    /// <summary>Standard Webhooks: the attempt's time, integer seconds since the Unix epoch.</summary>
    public const string Timestamp = "webhook-timestamp";

    /// <summary>Standard Webhooks: space-separated signatures, <c>v1,&lt;base64 HMAC-SHA256&gt;</c> for symmetric keys.</summary>
    public const string Signature = "webhook-signature";

    /// <summary>
    /// Ours: which insurer's secret to verify with. Not signed and needs not be: only that insurer's secret can produce
    /// a valid signature. Kept outside the <c>webhook-</c> prefix the specification reserves for its own headers.
    /// </summary>
    public const string Insurer = "MedLedger-Insurer";
}
