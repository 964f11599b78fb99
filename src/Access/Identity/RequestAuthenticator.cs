namespace MedLedger.Access.Identity;

/// <summary>Turns a request's <c>X-MS-CLIENT-PRINCIPAL</c> value into an authenticated principal, or a reason for 401.</summary>
public static class RequestAuthenticator
{
    /// <summary>Authenticates a request carrying <paramref name="headerValue"/> under <paramref name="trust"/>.</summary>
    /// <remarks>An untrusted header is never parsed: its content is attacker-controlled and not worth the risk.</remarks>
    public static AuthenticationResult Authenticate(PrincipalHeaderTrust trust, string? headerValue)
    {
        var present = !string.IsNullOrEmpty(headerValue);
        if (trust == PrincipalHeaderTrust.Untrusted)
        {
            return AuthenticationResult.Fail(trust, AuthenticationFailure.HeaderNotTrusted, null, present);
        }

        if (!present)
        {
            return AuthenticationResult.Fail(trust, AuthenticationFailure.HeaderMissing, null, false);
        }

        var parsed = ClientPrincipalParser.Parse(headerValue);
        return parsed.IsSuccess
            ? AuthenticationResult.Success(parsed.Principal, trust)
            : AuthenticationResult.Fail(trust, AuthenticationFailure.HeaderInvalid, parsed.Error, true);
    }
}
