namespace MedLedger.Access.Webhooks;

/// <summary>Every insurer whose webhooks are accepted, with its secrets; one secret per insurer, never shared.</summary>
/// <threadsafety>Immutable; safe for concurrent use.</threadsafety>
public sealed class WebhookSecretRegistry
{
    private readonly Dictionary<string, InsurerWebhookSecrets> _insurers;

    /// <summary>Creates a registry.</summary>
    /// <exception cref="ArgumentException">An insurer appears twice.</exception>
    public WebhookSecretRegistry(IEnumerable<InsurerWebhookSecrets> insurers)
    {
        ArgumentNullException.ThrowIfNull(insurers);
        _insurers = new Dictionary<string, InsurerWebhookSecrets>(StringComparer.Ordinal);
        foreach (var insurer in insurers)
        {
            if (!_insurers.TryAdd(insurer.InsurerId, insurer))
            {
                throw new ArgumentException($"Insurer {insurer.InsurerId} appears twice.", nameof(insurers));
            }
        }
    }

    /// <summary>Finds an insurer's secrets; null when the insurer is unknown.</summary>
    public InsurerWebhookSecrets? Find(string insurerId) => _insurers.GetValueOrDefault(insurerId);
}
