using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;

namespace MedLedger.Clients.KeyVault;

/// <summary>Bearer-token authentication with Key Vault's challenge flow (reference §5.1).</summary>
/// <remarks>
/// The first request to a vault goes out without a token and without its body; the 401 challenge names the scope and
/// tenant, which are cached per host:port, and the request is sent again with a token and the body. Later requests to
/// that vault carry a token at once. A fresh challenge on a later 401 (for example after a tenant move) replaces the
/// cached one. Tokens come from the <see cref="TokenCredential"/>; Azure.Core caches and refreshes them.
/// </remarks>
internal sealed class KeyVaultChallengeAuthenticationPolicy : BearerTokenAuthenticationPolicy
{
    /// <summary>The scope of Key Vault data-plane tokens in the public cloud.</summary>
    public const string DefaultScope = "https://vault.azure.net/.default";

    private const string StashedContentProperty = "MedLedger.KeyVault.StashedContent";
    private readonly ConcurrentDictionary<string, KeyVaultChallenge> _challenges = new(StringComparer.OrdinalIgnoreCase);

    public KeyVaultChallengeAuthenticationPolicy(TokenCredential credential)
        : base(credential, DefaultScope)
    {
    }

    protected override ValueTask AuthorizeRequestAsync(HttpMessage message) => AuthorizeCoreAsync(message, async: true);

    // The synchronous pipeline path: with async false nothing below awaits an incomplete task.
    protected override void AuthorizeRequest(HttpMessage message) => AuthorizeCoreAsync(message, async: false).AsTask().GetAwaiter().GetResult();

    protected override ValueTask<bool> AuthorizeRequestOnChallengeAsync(HttpMessage message) => OnChallengeCoreAsync(message, async: true);

    protected override bool AuthorizeRequestOnChallenge(HttpMessage message) => OnChallengeCoreAsync(message, async: false).AsTask().GetAwaiter().GetResult();

    private async ValueTask AuthorizeCoreAsync(HttpMessage message, bool async)
    {
        var uri = message.Request.Uri.ToUri();
        if (!string.Equals(uri.Scheme, Uri.UriSchemeHttps, StringComparison.Ordinal))
        {
            throw new InvalidOperationException(KeyVaultErrors.HttpsRequired);
        }

        if (_challenges.TryGetValue(Authority(uri), out var challenge))
        {
            await AuthenticateAsync(message, challenge, async).ConfigureAwait(false);
            return;
        }

        // No challenge yet for this vault: probe without the body, so a key never travels before we know whom we talk to.
        if (message.Request.Content is { } content)
        {
            message.SetProperty(StashedContentProperty, content);
            message.Request.Content = null;
        }
    }

    private async ValueTask<bool> OnChallengeCoreAsync(HttpMessage message, bool async)
    {
        if (message.TryGetProperty(StashedContentProperty, out var stashed) && stashed is RequestContent content)
        {
            message.Request.Content = content;
        }

        var header = message.Response.Headers.TryGetValue("WWW-Authenticate", out var value) ? value : null;
        var challenge = KeyVaultChallenge.TryParse(header);
        if (challenge is null)
        {
            return false;
        }

        var uri = message.Request.Uri.ToUri();
        if (!challenge.ServesHost(uri.Host))
        {
            throw new InvalidOperationException(KeyVaultErrors.ChallengeResourceMismatch(uri.Host, challenge.ScopeHost));
        }

        _challenges[Authority(uri)] = challenge;
        await AuthenticateAsync(message, challenge, async).ConfigureAwait(false);
        return true;
    }

    private async ValueTask AuthenticateAsync(HttpMessage message, KeyVaultChallenge challenge, bool async)
    {
        var context = new TokenRequestContext([challenge.Scope], message.Request.ClientRequestId, tenantId: challenge.TenantId);
        if (async)
        {
            await AuthenticateAndAuthorizeRequestAsync(message, context).ConfigureAwait(false);
        }
        else
        {
            AuthenticateAndAuthorizeRequest(message, context);
        }
    }

    private static string Authority(Uri uri) => $"{uri.Host}:{uri.Port}";
}
