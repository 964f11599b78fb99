using System.Diagnostics.CodeAnalysis;

namespace MedLedger.Access.Identity;

/// <summary>The outcome of <see cref="RequestAuthenticator.Authenticate"/>.</summary>
public sealed class AuthenticationResult
{
    private AuthenticationResult(ClientPrincipal? principal, PrincipalHeaderTrust trust, AuthenticationFailure? failure, ClientPrincipalError? headerError, bool headerPresent)
    {
        Principal = principal;
        Trust = trust;
        Failure = failure;
        HeaderError = headerError;
        HeaderPresent = headerPresent;
    }

    /// <summary>Gets a value indicating whether the caller is authenticated.</summary>
    [MemberNotNullWhen(true, nameof(Principal))]
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool IsAuthenticated => Principal is not null;

    /// <summary>Gets the caller, when authenticated.</summary>
    public ClientPrincipal? Principal { get; }

    /// <summary>Gets on whose word the principal was believed (or that nobody's was).</summary>
    public PrincipalHeaderTrust Trust { get; }

    /// <summary>Gets why the caller is not authenticated.</summary>
    public AuthenticationFailure? Failure { get; }

    /// <summary>Gets what was wrong with a present header, for <see cref="AuthenticationFailure.HeaderInvalid"/>.</summary>
    public ClientPrincipalError? HeaderError { get; }

    /// <summary>Gets a value indicating whether the request carried a principal header at all.</summary>
    public bool HeaderPresent { get; }

    internal static AuthenticationResult Success(ClientPrincipal principal, PrincipalHeaderTrust trust) => new(principal, trust, null, null, true);

    internal static AuthenticationResult Fail(PrincipalHeaderTrust trust, AuthenticationFailure failure, ClientPrincipalError? headerError, bool headerPresent) =>
        new(null, trust, failure, headerError, headerPresent);
}
