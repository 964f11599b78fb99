namespace MedLedger.Functions.Identity;

/// <summary>The one place where a request's caller is established; endpoints never read identity headers themselves.</summary>
/// <remarks>
/// Today only <see cref="DevelopmentCallerIdentityResolver"/> exists. The identity and consent layer replaces it with
/// one that reads the Easy Auth principal (shared/design.md §4); endpoints and the ledger stay as they are.
/// </remarks>
internal interface ICallerIdentityResolver
{
    /// <summary>Returns the caller of <paramref name="context"/>, or <see langword="null"/> when the request is not authenticated.</summary>
    ValueTask<CallerIdentity?> ResolveAsync(HttpContext context);
}
