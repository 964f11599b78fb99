using System.Text;
using System.Text.Json;
using MedLedger.Access.Identity;

namespace MedLedger.Access.Tests.Identity;

public sealed class ClientPrincipalHeaderTests
{
    [Fact]
    public void Build_ThenParse_GivesTheSameUserAndRoles()
    {
        var header = ClientPrincipalHeader.Build("dr-ada", [Role.Clinician, Role.Auditor, Role.Clinician]);

        var parsed = ClientPrincipalParser.Parse(header);

        Assert.True(parsed.IsSuccess);
        Assert.Equal("dr-ada", parsed.Principal.UserKey);
        Assert.Equal([Role.Clinician, Role.Auditor], parsed.Principal.Roles.Order());
    }

    [Fact]
    public void Build_Output_IsTheDocumentedEasyAuthShape()
    {
        var json = Encoding.UTF8.GetString(Convert.FromBase64String(ClientPrincipalHeader.Build("pat-1", [Role.Patient])));

        Assert.Equal(
            """{"auth_typ":"aad","claims":[{"typ":"http://schemas.microsoft.com/identity/claims/objectidentifier","val":"pat-1"},{"typ":"roles","val":"patient"}],"name_typ":"name","role_typ":"roles"}""",
            json);
        using var document = JsonDocument.Parse(json);
        Assert.Equal(JsonValueKind.Array, document.RootElement.GetProperty("claims").ValueKind);
    }

    [Fact]
    public void Build_MatchesTheShellRecipeInTheDocs()
    {
        // docs/authorization.md builds the header with printf | base64 -w0; the bytes must be the same.
        const string shell = """{"auth_typ":"aad","claims":[{"typ":"http://schemas.microsoft.com/identity/claims/objectidentifier","val":"dr-ada"},{"typ":"roles","val":"clinician"}],"name_typ":"name","role_typ":"roles"}""";

        Assert.Equal(Convert.ToBase64String(Encoding.UTF8.GetBytes(shell)), ClientPrincipalHeader.Build("dr-ada", [Role.Clinician]));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a b")]
    [InlineData("x\"y")]
    public void Build_MalformedUserKey_Throws(string userKey)
    {
        Assert.Throws<ArgumentException>(() => ClientPrincipalHeader.Build(userKey, [Role.Admin]));
    }
}
