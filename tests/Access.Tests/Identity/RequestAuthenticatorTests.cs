using MedLedger.Access.Identity;

namespace MedLedger.Access.Tests.Identity;

public sealed class RequestAuthenticatorTests
{
    private static readonly string ValidHeader = ClientPrincipalHeader.Build("dr-ada", [Role.Clinician]);

    [Theory]
    [InlineData(PrincipalHeaderTrust.Platform)]
    [InlineData(PrincipalHeaderTrust.LocalDevelopment)]
    public void Authenticate_TrustedValidHeader_Authenticates(PrincipalHeaderTrust trust)
    {
        var result = RequestAuthenticator.Authenticate(trust, ValidHeader);

        Assert.True(result.IsAuthenticated);
        Assert.Equal("dr-ada", result.Principal.UserKey);
        Assert.Equal(trust, result.Trust);
    }

    [Fact]
    public void Authenticate_UntrustedHeader_IsRefusedAndFlaggedAsPresent()
    {
        var result = RequestAuthenticator.Authenticate(PrincipalHeaderTrust.Untrusted, ValidHeader);

        Assert.False(result.IsAuthenticated);
        Assert.Equal(AuthenticationFailure.HeaderNotTrusted, result.Failure);
        Assert.True(result.HeaderPresent);
        Assert.Null(result.HeaderError);
    }

    [Fact]
    public void Authenticate_UntrustedGarbage_IsNotEvenParsed()
    {
        var result = RequestAuthenticator.Authenticate(PrincipalHeaderTrust.Untrusted, "%%%");

        Assert.Equal(AuthenticationFailure.HeaderNotTrusted, result.Failure);
        Assert.Null(result.HeaderError);
    }

    [Fact]
    public void Authenticate_NoHeader_IsMissing()
    {
        var result = RequestAuthenticator.Authenticate(PrincipalHeaderTrust.Platform, null);

        Assert.Equal(AuthenticationFailure.HeaderMissing, result.Failure);
        Assert.False(result.HeaderPresent);
    }

    [Fact]
    public void Authenticate_TrustedMalformedHeader_IsInvalidWithTheParseError()
    {
        var result = RequestAuthenticator.Authenticate(PrincipalHeaderTrust.Platform, "e30=");

        Assert.Equal(AuthenticationFailure.HeaderInvalid, result.Failure);
        Assert.Equal(ClientPrincipalError.InvalidShape, result.HeaderError);
    }
}
