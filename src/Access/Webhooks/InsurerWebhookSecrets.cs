using MedLedger.Access.Identifiers;

namespace MedLedger.Access.Webhooks;

/// <summary>One insurer's webhook secrets: the current one and, during a rotation, the previous one.</summary>
public sealed record InsurerWebhookSecrets
{
    /// <summary>Creates an insurer's secrets.</summary>
    /// <exception cref="ArgumentException"><paramref name="insurerId"/> is malformed.</exception>
    public InsurerWebhookSecrets(string insurerId, WebhookSecret current, WebhookSecret? previous = null)
    {
        ArgumentNullException.ThrowIfNull(current);
        InsurerId = IdentifierSyntax.Require(insurerId, nameof(insurerId));
        Current = current;
        Previous = previous;
    }

    /// <summary>Gets the insurer's organization id.</summary>
    public string InsurerId { get; }

    /// <summary>Gets the current secret.</summary>
    public WebhookSecret Current { get; }

    /// <summary>Gets the previous secret, still accepted while a rotation is under way.</summary>
    public WebhookSecret? Previous { get; }
}
