using Azure.Core;

namespace MedLedger.Clients.KeyVault;

/// <summary>Options for <see cref="KeyVaultKeysClient"/>: transport, retries (<see cref="ClientOptions.Retry"/>) and diagnostics.</summary>
/// <remarks>
/// Retries follow Azure.Core's <see cref="Azure.Core.Pipeline.RetryPolicy"/>: 408, 429 and 5xx responses are retried with
/// exponential back-off and jitter, and a <c>Retry-After</c> header is honoured (Key Vault throttles with 429).
/// Content logging must stay off: bodies carry key material.
/// </remarks>
public class KeyVaultKeysClientOptions : ClientOptions
{
    /// <summary>The data-plane API version every request names (reference §5.1).</summary>
    public const string ApiVersion = "7.6";

    /// <summary>Creates options with Azure.Core's defaults (3 retries, 0.8 s base delay, exponential).</summary>
    public KeyVaultKeysClientOptions()
    {
        Diagnostics.IsLoggingContentEnabled = false;
    }
}
