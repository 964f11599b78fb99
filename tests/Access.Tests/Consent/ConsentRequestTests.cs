using System.Text;
using MedLedger.Access.Consent;
using MedLedger.Access.Tests.Support;

namespace MedLedger.Access.Tests.Consent;

public sealed class ConsentRequestTests
{
    private const string Valid =
        """{"grantee":"clinic-b","actions":["access"],"purposes":["TREAT"],"categories":["general"],"period":{"start":"2026-01-01T00:00:00Z","end":"2026-07-01T00:00:00Z"}}""";

    private static ConsentRequestParseResult Parse(string json) => ConsentRequest.Parse(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void Parse_TheIssuesExample_IsAccepted()
    {
        var result = Parse(Valid);

        Assert.True(result.IsSuccess, result.Error?.ToString());
        Assert.Equal("clinic-b", result.Request.GranteeId);
        var terms = result.Request.ResolveGrantee(GranteeKind.Organization);
        Assert.Equal(Grantee.Organization("clinic-b"), terms.Grantee);
        Assert.Equal([ConsentAction.Access], terms.Actions);
        Assert.Equal([PurposeOfUse.Treatment], terms.Purposes);
        Assert.Equal([RecordCategory.General], terms.Categories);
        Assert.Equal(Instants.At("2026-01-01T00:00:00Z"), terms.Period.Start);
    }

    [Fact]
    public void ResolveGrantee_User_KeepsEveryOtherTerm()
    {
        var request = Parse(Valid).Request!;

        var asUser = request.ResolveGrantee(GranteeKind.User);
        var asOrganization = request.ResolveGrantee(GranteeKind.Organization);

        Assert.Equal(Grantee.User("clinic-b"), asUser.Grantee);
        Assert.NotEqual(asOrganization.ComputeHash(), asUser.ComputeHash());
        Assert.Equal(
            Encoding.UTF8.GetString(asOrganization.ToCanonicalJson()).Replace("\"organization\"", "\"user\"", StringComparison.Ordinal),
            Encoding.UTF8.GetString(asUser.ToCanonicalJson()));
    }

    [Fact]
    public void Parse_OffsetInstants_AreNormalizedToUtc()
    {
        var result = Parse(Valid.Replace("2026-01-01T00:00:00Z", "2026-01-01T05:30:00+05:30", StringComparison.Ordinal));

        Assert.Equal(Instants.At("2026-01-01T00:00:00Z"), result.Request!.ResolveGrantee(GranteeKind.Organization).Period.Start);
    }

    [Fact]
    public void Parse_NonSensitiveSelector_IsAccepted()
    {
        var terms = Parse(Valid.Replace("[\"general\"]", "[\"non-sensitive\",\"genetic\"]", StringComparison.Ordinal)).Request!.ResolveGrantee(GranteeKind.Organization);

        Assert.True(terms.IncludesAllNonSensitive);
        Assert.Equal([RecordCategory.Genetic], terms.Categories);
    }

    [Theory]
    [InlineData("\"grantee\":\"clinic-b\"", "\"grantee\":\"clinic-b\",\"patientId\":\"p-2\"", "$.patientId")] // mass assignment
    [InlineData("\"grantee\":\"clinic-b\"", "\"grantee\":\"clinic-b\",\"consentId\":\"c-1\"", "$.consentId")]
    [InlineData("\"grantee\":\"clinic-b\"", "\"grantee\":\"clinic-b\",\"status\":\"active\"", "$.status")]
    [InlineData("\"grantee\":\"clinic-b\",", "", "$.grantee")]
    [InlineData("\"clinic-b\"", "\"Organization/clinic-b\"", "$.grantee")]
    [InlineData("\"clinic-b\"", "[\"clinic-b\"]", "$.grantee")]
    [InlineData("[\"access\"]", "[]", "$.actions")]
    [InlineData("[\"access\"]", "[\"read\"]", "$.actions[0]")]
    [InlineData("[\"access\"]", "[\"access\",\"access\"]", "$.actions[1]")]
    [InlineData("[\"access\"]", "[\"Access\"]", "$.actions[0]")]
    [InlineData("[\"TREAT\"]", "[\"ETREAT\"]", "$.purposes[0]")]
    [InlineData("[\"TREAT\"]", "[\"PATRQT\"]", "$.purposes[0]")]
    [InlineData("[\"TREAT\"]", "[\"treat\"]", "$.purposes[0]")]
    [InlineData("[\"TREAT\"]", "\"TREAT\"", "$.purposes")]
    [InlineData("[\"general\"]", "[\"general\",\"general\"]", "$.categories[1]")]
    [InlineData("[\"general\"]", "[\"non-sensitive\",\"non-sensitive\"]", "$.categories[1]")]
    [InlineData("[\"general\"]", "[\"psychiatry\"]", "$.categories[0]")]
    [InlineData("[\"general\"]", "[]", "$.categories")]
    [InlineData("\"2026-07-01T00:00:00Z\"", "\"2026-01-01T00:00:00Z\"", "$.period.end")] // empty period
    [InlineData("\"2026-07-01T00:00:00Z\"", "\"2025-07-01T00:00:00Z\"", "$.period.end")] // ends before it starts
    [InlineData("\"2026-07-01T00:00:00Z\"", "\"2026-07-01T00:00:00.5Z\"", "$.period.end")] // fraction
    [InlineData("\"2026-07-01T00:00:00Z\"", "\"2026-07-01T00:00:00\"", "$.period.end")] // no offset
    [InlineData("\"2026-07-01T00:00:00Z\"", "\"2026-07-01\"", "$.period.end")]
    [InlineData("\"2026-07-01T00:00:00Z\"", "\"2026-02-30T00:00:00Z\"", "$.period.end")]
    [InlineData("\"2026-07-01T00:00:00Z\"", "\"2026-07-01t00:00:00z\"", "$.period.end")]
    [InlineData("\"2026-07-01T00:00:00Z\"", "\"2026-07-01T00:00:00+15:00\"", "$.period.end")]
    [InlineData(",\"end\":\"2026-07-01T00:00:00Z\"", "", "$.period.end")]
    [InlineData("\"end\"", "\"until\"", "$.period.until")]
    public void Parse_BadBody_NamesThePath(string find, string replace, string path)
    {
        var result = Parse(Valid.Replace(find, replace, StringComparison.Ordinal));

        Assert.False(result.IsSuccess);
        Assert.Equal(path, result.Error.Path);
    }

    [Theory]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("{\"grantee\":\"a\",\"grantee\":\"b\"}")]
    [InlineData("{\"grantee\":\"a\",}")]
    [InlineData("\uFEFF{}")]
    public void Parse_MalformedJson_IsRefused(string json)
    {
        Assert.False(Parse(json).IsSuccess);
    }

    [Fact]
    public void Parse_InvalidUtf8_IsRefused()
    {
        var bytes = Encoding.UTF8.GetBytes(Valid);
        bytes[15] = 0xC3; // a lead byte followed by an ASCII letter

        Assert.Equal("$", ConsentRequest.Parse(bytes).Error!.Path);
    }

    [Fact]
    public void Parse_OversizedBody_IsRefused()
    {
        var padded = Valid[..^1] + ",\"x\":\"" + new string('a', ConsentRequest.MaxBytes) + "\"}";

        Assert.Contains("larger than", Parse(padded).Error!.Message, StringComparison.Ordinal);
    }
}
