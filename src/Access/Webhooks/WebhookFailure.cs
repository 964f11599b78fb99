namespace MedLedger.Access.Webhooks;

/// <summary>Why a webhook was refused. Every value answers 401 before the body is parsed; the code goes to logs.</summary>
public enum WebhookFailure
{
    /// <summary><c>missing-insurer</c>: no <see cref="WebhookHeaders.Insurer"/> header.</summary>
    MissingInsurer,

    /// <summary><c>missing-id</c>.</summary>
    MissingId,

    /// <summary><c>missing-timestamp</c>.</summary>
    MissingTimestamp,

    /// <summary><c>missing-signature</c>.</summary>
    MissingSignature,

    /// <summary><c>unknown-insurer</c>: no secret is configured for the named insurer.</summary>
    UnknownInsurer,

    /// <summary><c>malformed-id</c>: empty, too long, or containing <c>.</c>, spaces or control characters.</summary>
    MalformedId,

    /// <summary><c>malformed-timestamp</c>: not a plain decimal number of seconds.</summary>
    MalformedTimestamp,

    /// <summary><c>timestamp-too-old</c>: more than the tolerance in the past.</summary>
    TimestampTooOld,

    /// <summary><c>timestamp-too-new</c>: more than the tolerance in the future.</summary>
    TimestampTooNew,

    /// <summary><c>no-supported-signature</c>: no well-formed <c>v1</c> signature in the header.</summary>
    NoSupportedSignature,

    /// <summary><c>signature-mismatch</c>: no <c>v1</c> signature matches the insurer's current or previous secret.</summary>
    SignatureMismatch,

    /// <summary><c>replayed</c>: this insurer already delivered this <c>webhook-id</c> within the tolerance window.</summary>
    Replayed,

    /// <summary><c>replay-guard-full</c>: too many deliveries in the window to remember them all; refused rather than risk a replay.</summary>
    ReplayGuardFull,
}
