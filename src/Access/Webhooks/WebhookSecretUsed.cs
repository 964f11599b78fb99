namespace MedLedger.Access.Webhooks;

/// <summary>Which of an insurer's secrets verified a signature; <see cref="Previous"/> means the insurer has not switched yet.</summary>
public enum WebhookSecretUsed
{
    /// <summary>The current secret.</summary>
    Current,

    /// <summary>The previous secret, accepted during a rotation.</summary>
    Previous,
}
