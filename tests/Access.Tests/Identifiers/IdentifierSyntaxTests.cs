using MedLedger.Access.Identifiers;

namespace MedLedger.Access.Tests.Identifiers;

public sealed class IdentifierSyntaxTests
{
    [Theory]
    [InlineData("dr-ada")]
    [InlineData("4e4f6a3c-2a6b-4f44-9a51-0c1d2e3f4a5b")]
    [InlineData("a")]
    [InlineData("v1.2")]
    [InlineData("...")]
    [InlineData("0123456789012345678901234567890123456789012345678901234567890123")]
    public void IsValid_FhirIds(string id)
    {
        Assert.True(IdentifierSyntax.IsValid(id));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("a/b")]
    [InlineData("a b")]
    [InlineData("a_b")]
    [InlineData("a:b")]
    [InlineData("user@example.org")]
    [InlineData("a\"b")]
    [InlineData("a\nb")]
    [InlineData("é")]
    [InlineData("01234567890123456789012345678901234567890123456789012345678901234")]
    public void IsValid_AnythingElse_IsRefused(string? id)
    {
        Assert.False(IdentifierSyntax.IsValid(id));
        Assert.Throws<ArgumentException>(() => IdentifierSyntax.Require(id, "id"));
    }

    [Theory]
    [InlineData("r0-Q1w_abcDEF-0123456789_x")]
    [InlineData("a_b")]
    [InlineData("r-9")]
    public void IsValidRecordId_AllowsUnderscoreToo(string id)
    {
        Assert.True(IdentifierSyntax.IsValidRecordId(id));
        Assert.Equal(id, IdentifierSyntax.RequireRecordId(id, "id"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("a/b")]
    [InlineData("a b")]
    [InlineData("a:b")]
    [InlineData("01234567890123456789012345678901234567890123456789012345678901234")]
    public void IsValidRecordId_AnythingElse_IsRefused(string? id)
    {
        Assert.False(IdentifierSyntax.IsValidRecordId(id));
        Assert.Throws<ArgumentException>(() => IdentifierSyntax.RequireRecordId(id, "id"));
    }
}
