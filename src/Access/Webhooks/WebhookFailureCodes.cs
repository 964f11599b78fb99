namespace MedLedger.Access.Webhooks;

/// <summary>The stable wire codes of <see cref="WebhookFailure"/>, for logs and the refusal's <c>reason</c>.</summary>
public static class WebhookFailureCodes
{
    /// <summary>Gets the code of <paramref name="failure"/> (<c>signature-mismatch</c>, <c>replayed</c>, …).</summary>
    public static string ToCode(WebhookFailure failure) => failure switch
    {
        WebhookFailure.MissingInsurer => "missing-insurer",
        WebhookFailure.MissingId => "missing-id",
        WebhookFailure.MissingTimestamp => "missing-timestamp",
        WebhookFailure.MissingSignature => "missing-signature",
        WebhookFailure.UnknownInsurer => "unknown-insurer",
        WebhookFailure.MalformedId => "malformed-id",
        WebhookFailure.MalformedTimestamp => "malformed-timestamp",
        WebhookFailure.TimestampTooOld => "timestamp-too-old",
        WebhookFailure.TimestampTooNew => "timestamp-too-new",
        WebhookFailure.NoSupportedSignature => "no-supported-signature",
        WebhookFailure.SignatureMismatch => "signature-mismatch",
        WebhookFailure.Replayed => "replayed",
        WebhookFailure.ReplayGuardFull => "replay-guard-full",
        _ => throw new ArgumentOutOfRangeException(nameof(failure), failure, "Not a defined failure."),
    };
}
