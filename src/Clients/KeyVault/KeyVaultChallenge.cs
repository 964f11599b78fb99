namespace MedLedger.Clients.KeyVault;

/// <summary>A parsed Key Vault <c>WWW-Authenticate: Bearer …</c> challenge: the token scope and tenant to use.</summary>
/// <remarks>
/// The service answers an unauthenticated request with
/// <c>Bearer authorization="https://login.microsoftonline.com/{tenant}", resource="https://vault.azure.net"</c>
/// (or <c>scope="…"</c>); the scope is <c>scope</c> if present, else <c>resource + "/.default"</c>.
/// </remarks>
internal sealed record KeyVaultChallenge(string Scope, string? TenantId)
{
    private const string BearerPrefix = "Bearer ";

    /// <summary>Gets the host the scope names (the service the token is for).</summary>
    public string ScopeHost => new Uri(Scope).Host;

    /// <summary>Parses a <c>WWW-Authenticate</c> header value; <see langword="null"/> if it is not a usable Bearer challenge.</summary>
    public static KeyVaultChallenge? TryParse(string? header)
    {
        if (header is null || !header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        string? scope = null;
        string? resource = null;
        string? authorization = null;
        foreach (var (name, value) in ReadParameters(header.AsSpan(BearerPrefix.Length)))
        {
            switch (name.ToLowerInvariant())
            {
                case "scope":
                    scope = value;
                    break;
                case "resource":
                    resource = value;
                    break;
                case "authorization" or "authorization_uri":
                    authorization = value;
                    break;
                default:
                    break;
            }
        }

        if (string.IsNullOrEmpty(scope))
        {
            scope = string.IsNullOrEmpty(resource) ? null : resource.TrimEnd('/') + "/.default";
        }

        if (scope is null || !Uri.TryCreate(scope, UriKind.Absolute, out var scopeUri) || scopeUri.Scheme != Uri.UriSchemeHttps)
        {
            return null;
        }

        return new KeyVaultChallenge(scope, TenantFrom(authorization));
    }

    /// <summary>Checks that the token's audience is responsible for <paramref name="requestHost"/>.</summary>
    /// <remarks>
    /// A vault at <c>contoso.vault.azure.net</c> may ask for a <c>vault.azure.net</c> token, never for a token of an
    /// unrelated service: otherwise a spoofed endpoint could collect tokens for other resources.
    /// </remarks>
    public bool ServesHost(string requestHost)
    {
        var scopeHost = ScopeHost;
        return requestHost.Equals(scopeHost, StringComparison.OrdinalIgnoreCase)
            || requestHost.EndsWith("." + scopeHost, StringComparison.OrdinalIgnoreCase);
    }

    private static string? TenantFrom(string? authorization)
    {
        if (authorization is null || !Uri.TryCreate(authorization, UriKind.Absolute, out var uri))
        {
            return null;
        }

        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments.Length > 0 ? segments[0] : null;
    }

    // Auth parameters (RFC 9110 §11.2): name=token or name="quoted", separated by commas and spaces.
    private static List<(string Name, string Value)> ReadParameters(ReadOnlySpan<char> text)
    {
        var parameters = new List<(string, string)>();
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && (text[i] == ' ' || text[i] == ','))
            {
                i++;
            }

            var nameStart = i;
            while (i < text.Length && text[i] != '=' && text[i] != ',' && text[i] != ' ')
            {
                i++;
            }

            var name = text[nameStart..i].ToString();
            if (i >= text.Length || text[i] != '=')
            {
                continue;
            }

            i++;
            string value;
            if (i < text.Length && text[i] == '"')
            {
                var valueStart = ++i;
                while (i < text.Length && text[i] != '"')
                {
                    i++;
                }

                value = text[valueStart..Math.Min(i, text.Length)].ToString();
                i++;
            }
            else
            {
                var valueStart = i;
                while (i < text.Length && text[i] != ',' && text[i] != ' ')
                {
                    i++;
                }

                value = text[valueStart..i].ToString();
            }

            if (name.Length > 0)
            {
                parameters.Add((name, value));
            }
        }

        return parameters;
    }
}
