using System.Text.RegularExpressions;
using MedLedger.Functions.Configuration;
using Microsoft.Extensions.Options;

namespace MedLedger.Functions.Identity;

/// <summary>
/// Local development only: every caller is a development actor, <c>dev:&lt;name&gt;</c>, where the name comes from the
/// <see cref="ActorHeader"/> header (1–64 of <c>A-Z a-z 0-9 . _ -</c>) or defaults to <see cref="DefaultName"/>.
/// Outside development mode nobody is authenticated (401) until the identity layer is in place.
/// </summary>
/// <remarks>The <c>dev:</c> prefix makes development entries unmistakable in any log that is ever exported.</remarks>
internal sealed partial class DevelopmentCallerIdentityResolver(IOptions<MedLedgerOptions> options) : ICallerIdentityResolver
{
    /// <summary>The request header that names the development actor.</summary>
    public const string ActorHeader = "X-MedLedger-Dev-Actor";

    /// <summary>The name used when the header is absent.</summary>
    public const string DefaultName = "developer";

    /// <summary>The prefix of every development actor id.</summary>
    public const string ActorPrefix = "dev:";

    public ValueTask<CallerIdentity?> ResolveAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!options.Value.DevelopmentMode)
        {
            return ValueTask.FromResult<CallerIdentity?>(null);
        }

        var headers = context.Request.Headers[ActorHeader];
        if (headers.Count == 0)
        {
            return ValueTask.FromResult<CallerIdentity?>(new CallerIdentity(ActorPrefix + DefaultName));
        }

        // A malformed or repeated header is not silently replaced by the default: the caller meant someone.
        return ValueTask.FromResult(headers.Count == 1 && NamePattern().IsMatch(headers[0]!)
            ? new CallerIdentity(ActorPrefix + headers[0])
            : null);
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
