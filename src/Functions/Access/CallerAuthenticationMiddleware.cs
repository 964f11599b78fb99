using MedLedger.Access.Identity;
using MedLedger.Access.UserDirectory;
using MedLedger.Functions.Endpoints;
using MedLedger.Functions.Http;
using MedLedger.Functions.Storage;

namespace MedLedger.Functions.Access;

/// <summary>
/// Authenticates every <c>/api</c> request except the health probe and the signed insurer webhook: the Easy Auth
/// principal (believed only as <see cref="HostAuthentication"/> decides), then the directory (<see cref="CallerResolver"/>).
/// </summary>
/// <remarks>
/// No principal, an untrusted or malformed one: 401. A principal the directory does not know, or with no role the
/// directory also gives: 403 (authenticated, but nobody this service serves). Neither reaches an endpoint, and neither
/// names a patient, so neither is a ledger entry; both are logged (an untrusted header that is present anyway may be a
/// forgery attempt).
/// </remarks>
internal sealed partial class CallerAuthenticationMiddleware(
    RequestDelegate next, HostAuthentication host, IDirectory directory, DirectorySeeding seeding, ILogger<CallerAuthenticationMiddleware> logger)
{
    /// <summary>The routes that authenticate otherwise (or not at all), under <c>/api</c>.</summary>
    public static IReadOnlyList<string> OpenRoutes { get; } = ["/health", "/claims/verify"];

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.Request.Path.StartsWithSegments("/" + ApiRoutes.Prefix, StringComparison.OrdinalIgnoreCase, out var rest)
            || OpenRoutes.Any(open => rest.Equals(open, StringComparison.OrdinalIgnoreCase)))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var headers = context.Request.Headers[ClientPrincipalHeader.Name];
        var authentication = headers.Count > 1
            ? null
            : RequestAuthenticator.Authenticate(host.Trust, headers.Count == 1 ? headers[0] : null);
        if (authentication is not { IsAuthenticated: true })
        {
            LogUnauthenticated(logger, authentication?.Failure?.ToString() ?? "repeated header", authentication?.HeaderError?.ToString() ?? "-", context.TraceIdentifier);
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await Problems.WriteAsync(context, StatusCodes.Status401Unauthorized, ErrorCodes.Unauthenticated, "The request does not carry an identity this service accepts.").ConfigureAwait(false);
            return;
        }

        DirectoryUser? user;
        try
        {
            await seeding.EnsureAsync(context.RequestAborted).ConfigureAwait(false);
            user = await directory.FindUserAsync(authentication.Principal.UserKey, context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception exception) when (DependencyFailure.IsDependencyFailure(exception))
        {
            LogDirectoryUnavailable(logger, ExceptionDescription.Describe(exception), context.TraceIdentifier);
            await Problems.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, ErrorCodes.ServiceUnavailable, "The directory is unavailable. Retry later.").ConfigureAwait(false);
            return;
        }

        var resolution = CallerResolver.Resolve(authentication.Principal, user);
        if (!resolution.IsResolved)
        {
            LogRefused(logger, authentication.Principal.UserKey, resolution.Failure.Value.ToString(), context.TraceIdentifier);
            await Problems.WriteAsync(context, StatusCodes.Status403Forbidden, ErrorCodes.UnknownCaller, "The caller is not a user of this service.").ConfigureAwait(false);
            return;
        }

        context.Features.Set(new CallerFeature(resolution.Caller));
        await next(context).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Unauthenticated request: {Failure} ({HeaderError}); correlation id {CorrelationId}")]
    private static partial void LogUnauthenticated(ILogger logger, string failure, string headerError, string correlationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Authenticated principal {UserKey} refused: {Failure}; correlation id {CorrelationId}")]
    private static partial void LogRefused(ILogger logger, string userKey, string failure, string correlationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Directory unavailable while authenticating: {Exception}; correlation id {CorrelationId}")]
    private static partial void LogDirectoryUnavailable(ILogger logger, string exception, string correlationId);
}
