using MedLedger.Access.Identity;

namespace MedLedger.Functions.Access;

/// <summary>The authenticated caller of a request, set by <see cref="CallerAuthenticationMiddleware"/>.</summary>
/// <param name="Caller">The caller.</param>
internal sealed record CallerFeature(Caller Caller);

/// <summary>Reads the caller the middleware established.</summary>
internal static class CallerContextExtensions
{
    /// <summary>Gets the request's caller.</summary>
    /// <exception cref="InvalidOperationException">The route is not behind the authentication middleware: a wiring bug.</exception>
    public static Caller GetCaller(this HttpContext context) =>
        context.Features.Get<CallerFeature>()?.Caller
        ?? throw new InvalidOperationException("No authenticated caller: the route is not behind the authentication middleware.");
}
