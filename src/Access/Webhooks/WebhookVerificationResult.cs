using System.Diagnostics.CodeAnalysis;

namespace MedLedger.Access.Webhooks;

/// <summary>The outcome of <see cref="WebhookVerifier.VerifyAsync"/>.</summary>
public sealed class WebhookVerificationResult
{
    private WebhookVerificationResult(WebhookFailure? failure, string? insurerId, string? webhookId, DateTimeOffset? timestamp, WebhookSecretUsed? secretUsed)
    {
        Failure = failure;
        InsurerId = insurerId;
        WebhookId = webhookId;
        Timestamp = timestamp;
        SecretUsed = secretUsed;
    }

    /// <summary>Gets a value indicating whether the delivery is authentic, fresh and new.</summary>
    [MemberNotNullWhen(true, nameof(InsurerId), nameof(WebhookId), nameof(Timestamp), nameof(SecretUsed))]
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool IsValid => Failure is null;

    /// <summary>Gets why the delivery was refused.</summary>
    public WebhookFailure? Failure { get; }

    /// <summary>Gets the insurer, once known (also set for a replay, so it can be answered with the original result).</summary>
    public string? InsurerId { get; }

    /// <summary>Gets the webhook id, once well-formed.</summary>
    public string? WebhookId { get; }

    /// <summary>Gets the delivery's timestamp, once well-formed.</summary>
    public DateTimeOffset? Timestamp { get; }

    /// <summary>Gets which secret verified the signature.</summary>
    public WebhookSecretUsed? SecretUsed { get; }

    internal static WebhookVerificationResult Valid(string insurerId, string webhookId, DateTimeOffset timestamp, WebhookSecretUsed secretUsed) =>
        new(null, insurerId, webhookId, timestamp, secretUsed);

    internal static WebhookVerificationResult Refused(WebhookFailure failure, string? insurerId = null, string? webhookId = null, DateTimeOffset? timestamp = null) =>
        new(failure, insurerId, webhookId, timestamp, null);
}
