using MedLedger.Access.Identity;
using MedLedger.Access.Tests.Support;

namespace MedLedger.Access.Tests.Identity;

public sealed class ClientPrincipalParserTests
{
    private const string Oid = "http://schemas.microsoft.com/identity/claims/objectidentifier";
    private const string EntraObjectId = "4e4f6a3c-2a6b-4f44-9a51-0c1d2e3f4a5b";

    [Fact]
    public void Parse_EntraShapedPrincipal_ReadsUserKeyAndKnownRoles()
    {
        // Shaped like what Easy Auth sends for an Entra token: long claim URIs and several role claims.
        var json = Principals.Json("aad",
            string.Join(",",
                Principals.Claim("aud", "api://medledger"),
                Principals.Claim(Oid, EntraObjectId),
                Principals.Claim("name", "Ada Lovelace"),
                Principals.Claim("roles", "clinician"),
                Principals.Claim("roles", "Reader"),
                Principals.Claim("roles", "auditor")));

        var result = ClientPrincipalParser.Parse(Principals.Encode(json));

        Assert.True(result.IsSuccess, result.Detail);
        Assert.Equal("aad", result.Principal.AuthenticationType);
        Assert.Equal(EntraObjectId, result.Principal.UserKey);
        Assert.Equal([Role.Clinician, Role.Auditor], result.Principal.Roles.Order());
    }

    [Fact]
    public void Parse_ShortOidClaim_IsTheUserKey()
    {
        var result = ClientPrincipalParser.Parse(Principals.Encode(Principals.Json("aad", Principals.Claim("oid", "dr-ada"))));

        Assert.True(result.IsSuccess);
        Assert.Equal("dr-ada", result.Principal.UserKey);
        Assert.Empty(result.Principal.Roles);
    }

    [Fact]
    public void Parse_BothOidFormsAgreeing_IsAccepted()
    {
        var claims = Principals.Claim("oid", EntraObjectId) + "," + Principals.Claim(Oid, EntraObjectId);

        Assert.True(ClientPrincipalParser.Parse(Principals.Encode(Principals.Json("aad", claims))).IsSuccess);
    }

    [Fact]
    public void Parse_RolesUnderTheHeadersRoleType_AreRead()
    {
        const string roleUri = "http://schemas.microsoft.com/ws/2008/06/identity/claims/role";
        var json = Principals.Json("aad", Principals.Claim("oid", "ins-1") + "," + Principals.Claim(roleUri, "insurer"), roleType: roleUri);

        var result = ClientPrincipalParser.Parse(Principals.Encode(json));

        Assert.Equal([Role.Insurer], result.Principal!.Roles);
    }

    [Fact]
    public void Parse_RoleValues_AreCaseSensitive()
    {
        var json = Principals.Json("aad", Principals.Claim("oid", "x") + "," + Principals.Claim("roles", "Admin") + "," + Principals.Claim("roles", "ADMIN"));

        Assert.Empty(ClientPrincipalParser.Parse(Principals.Encode(json)).Principal!.Roles);
    }

    [Fact]
    public void Parse_ClaimTypedLikeARoleButNotTheRoleType_GrantsNothing()
    {
        // Only "roles" and the header's role_typ count: a "groups" or "scp" claim valued "admin" is not a role.
        var json = Principals.Json("aad", Principals.Claim("oid", "x") + "," + Principals.Claim("groups", "admin") + "," + Principals.Claim("scp", "admin"));

        Assert.Empty(ClientPrincipalParser.Parse(Principals.Encode(json)).Principal!.Roles);
    }

    [Fact]
    public void Parse_UnknownTopLevelMembers_AreIgnored()
    {
        const string json = """{"auth_typ":"aad","claims":[{"typ":"oid","val":"x"}],"name_typ":null,"role_typ":null,"future":{"a":1}}""";

        Assert.True(ClientPrincipalParser.Parse(Principals.Encode(json)).IsSuccess);
    }

    [Theory]
    [InlineData(null, ClientPrincipalError.Missing)]
    [InlineData("", ClientPrincipalError.Missing)]
    [InlineData("not base64!", ClientPrincipalError.NotBase64)]
    [InlineData("eyJ9", ClientPrincipalError.MalformedJson)] // canonical base64 of {"}: a JSON problem, not an encoding one
    [InlineData("e30", ClientPrincipalError.NotBase64)] // missing padding
    [InlineData("e30=\n", ClientPrincipalError.NotBase64)] // trailing whitespace
    [InlineData("e31=", ClientPrincipalError.NotBase64)] // "{}" with non-zero padding bits
    public void Parse_BadEncodingOrPayload_IsRefused(string? header, ClientPrincipalError expected)
    {
        var result = ClientPrincipalParser.Parse(header);

        Assert.False(result.IsSuccess);
        Assert.Equal(expected, result.Error);
    }

    [Theory]
    [InlineData("[]", ClientPrincipalError.InvalidShape)]
    [InlineData("{}", ClientPrincipalError.InvalidShape)]
    [InlineData("""{"auth_typ":"aad"}""", ClientPrincipalError.InvalidShape)]
    [InlineData("""{"auth_typ":"","claims":[]}""", ClientPrincipalError.InvalidShape)]
    [InlineData("""{"auth_typ":1,"claims":[]}""", ClientPrincipalError.InvalidShape)]
    [InlineData("""{"auth_typ":"aad","claims":{}}""", ClientPrincipalError.InvalidShape)]
    [InlineData("""{"auth_typ":"aad","claims":[1]}""", ClientPrincipalError.InvalidShape)]
    [InlineData("""{"auth_typ":"aad","claims":[{"typ":"oid"}]}""", ClientPrincipalError.InvalidShape)]
    [InlineData("""{"auth_typ":"aad","claims":[{"typ":"oid","val":5}]}""", ClientPrincipalError.InvalidShape)]
    [InlineData("""{"auth_typ":"aad","claims":[{"typ":"oid","val":"x"}],"role_typ":7}""", ClientPrincipalError.InvalidShape)]
    [InlineData("""{"auth_typ":"aad","claims":[]}""", ClientPrincipalError.MissingUserKey)]
    [InlineData("""{"auth_typ":"aad","claims":[{"typ":"oid","val":"a"},{"typ":"oid","val":"b"}]}""", ClientPrincipalError.ConflictingUserKeys)]
    [InlineData("""{"auth_typ":"aad","claims":[{"typ":"oid","val":"a b"}]}""", ClientPrincipalError.InvalidUserKey)]
    [InlineData("""{"auth_typ":"aad","claims":[{"typ":"oid","val":"Patient/../x"}]}""", ClientPrincipalError.InvalidUserKey)]
    [InlineData("""{"auth_typ":"aad","auth_typ":"x","claims":[{"typ":"oid","val":"a"}]}""", ClientPrincipalError.MalformedJson)]
    [InlineData("""{"auth_typ":"aad","claims":[{"typ":"oid","val":"a"}],}""", ClientPrincipalError.MalformedJson)]
    [InlineData("""{"auth_typ":"aad",/*x*/"claims":[{"typ":"oid","val":"a"}]}""", ClientPrincipalError.MalformedJson)]
    [InlineData("""{"auth_typ":"aad","claims":[{"typ":"oid","val":"\ud800"}]}""", ClientPrincipalError.InvalidShape)]
    public void Parse_BadJson_IsATypedFailure(string json, ClientPrincipalError expected)
    {
        var result = ClientPrincipalParser.Parse(Principals.Encode(json));

        Assert.False(result.IsSuccess);
        Assert.Equal(expected, result.Error);
        Assert.DoesNotContain("\"a\"", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_HeaderOverTheCap_IsRefusedBeforeDecoding()
    {
        var header = new string('A', ClientPrincipalParser.MaxHeaderLength + 4);

        Assert.Equal(ClientPrincipalError.TooLarge, ClientPrincipalParser.Parse(header).Error);
    }

    [Fact]
    public void Parse_TooManyClaims_IsRefused()
    {
        var claims = string.Join(",", Enumerable.Range(0, ClientPrincipalParser.MaxClaims + 1).Select(i => Principals.Claim("c", "v")));

        Assert.Equal(ClientPrincipalError.InvalidShape, ClientPrincipalParser.Parse(Principals.Encode(Principals.Json("aad", claims))).Error);
    }

    [Fact]
    public void Parse_DeeplyNestedJson_IsRefusedNotCrashing()
    {
        var json = """{"auth_typ":"aad","claims":[],"x":""" + new string('[', 100) + new string(']', 100) + "}";

        Assert.Equal(ClientPrincipalError.MalformedJson, ClientPrincipalParser.Parse(Principals.Encode(json)).Error);
    }

    [Fact]
    public void Parse_RandomBytes_NeverThrow()
    {
        var random = new Random(5);
        for (var i = 0; i < 2000; i++)
        {
            var bytes = new byte[random.Next(0, 200)];
            random.NextBytes(bytes);
            var header = random.Next(2) == 0 ? Convert.ToBase64String(bytes) : System.Text.Encoding.Latin1.GetString(bytes);

            var result = ClientPrincipalParser.Parse(header);

            Assert.True(result.IsSuccess || result.Error is not null);
        }
    }
}
