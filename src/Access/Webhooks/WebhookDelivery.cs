namespace MedLedger.Access.Webhooks;

/// <summary>The header values of one webhook request, exactly as received (null when absent).</summary>
/// <param name="InsurerId">The <see cref="WebhookHeaders.Insurer"/> value.</param>
/// <param name="Id">The <see cref="WebhookHeaders.Id"/> value.</param>
/// <param name="Timestamp">The <see cref="WebhookHeaders.Timestamp"/> value.</param>
/// <param name="Signature">The <see cref="WebhookHeaders.Signature"/> value.</param>
public sealed record WebhookDelivery(string? InsurerId, string? Id, string? Timestamp, string? Signature);
