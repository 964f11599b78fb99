using System.Collections.Concurrent;
using Azure.Core;

namespace MedLedger.Testing.KeyVault;

/// <summary>A token credential for tests: issues opaque tokens and remembers which scope and tenant each was for.</summary>
public sealed class FakeTokenCredential : TokenCredential
{
    private readonly ConcurrentDictionary<string, (string Scope, string? TenantId)> _issued = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<TokenRequestContext> _requests = new();
    private int _counter;

    /// <summary>Gets every token request made, in order.</summary>
    public IReadOnlyList<TokenRequestContext> Requests => [.. _requests];

    /// <summary>Gets or sets how long issued tokens live.</summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Gets the scope and tenant a token was issued for, or null if this credential never issued it.</summary>
    public (string Scope, string? TenantId)? Lookup(string token) => _issued.TryGetValue(token, out var entry) ? entry : null;

    /// <inheritdoc />
    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        _requests.Enqueue(requestContext);
        if (requestContext.Scopes.Length != 1)
        {
            throw new InvalidOperationException($"Expected exactly one scope, got {requestContext.Scopes.Length}.");
        }

        var token = $"fake-token-{Interlocked.Increment(ref _counter)}";
        _issued[token] = (requestContext.Scopes[0], requestContext.TenantId);
        return new AccessToken(token, TimeProvider.System.GetUtcNow() + Lifetime);
    }

    /// <inheritdoc />
    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));
}
