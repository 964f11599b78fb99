using System.Text;
using MedLedger.Access.Claims;
using MedLedger.Access.Consent;

namespace MedLedger.Access.Tests.Claims;

public sealed class ClaimVerificationRequestTests
{
    private const string ById = """{"claimId":"c-77","patientId":"p-1","recordId":"r-9","serviceDate":"2026-03-02","purpose":"HPAYMT"}""";
    private const string Hash = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private static ClaimVerificationRequestParseResult Parse(string json) => ClaimVerificationRequest.Parse(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void Parse_ByRecordId()
    {
        var result = Parse(ById);

        Assert.True(result.IsSuccess, result.Error?.ToString());
        Assert.Equal(("c-77", "p-1", "r-9"), (result.Request.ClaimId, result.Request.PatientId, result.Request.RecordId));
        Assert.Null(result.Request.RecordHash);
        Assert.Equal(new DateOnly(2026, 3, 2), result.Request.ServiceDate);
        Assert.Equal(PurposeOfUse.Payment, result.Request.Purpose);
    }

    [Fact]
    public void Parse_ByRecordHash()
    {
        var result = Parse(ById.Replace("\"recordId\":\"r-9\"", $"\"recordHash\":\"{Hash}\"", StringComparison.Ordinal));

        Assert.True(result.IsSuccess, result.Error?.ToString());
        Assert.Null(result.Request.RecordId);
        Assert.Equal(Hash, result.Request.RecordHash!.Value.ToHex());
    }

    [Fact]
    public void Parse_ByRecordIdAndHash_KeepsBoth()
    {
        var result = Parse(ById.Replace("\"recordId\":\"r-9\"", $"\"recordId\":\"r0-a_b\",\"recordHash\":\"{Hash}\"", StringComparison.Ordinal));

        Assert.True(result.IsSuccess, result.Error?.ToString());
        Assert.Equal(("r0-a_b", Hash), (result.Request.RecordId, result.Request.RecordHash!.Value.ToHex()));
    }

    [Theory]
    [InlineData("\"recordId\":\"r-9\",", "", "$")]
    [InlineData("\"recordId\":\"r-9\"", "\"recordHash\":\"" + "9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08" + "\"", "$.recordHash")]
    [InlineData("\"recordId\":\"r-9\"", "\"recordHash\":\"abc\"", "$.recordHash")]
    [InlineData("\"recordId\":\"r-9\"", "\"recordHash\":\"n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=\"", "$.recordHash")]
    [InlineData("\"recordId\":\"r-9\"", "\"recordId\":\"../r-9\"", "$.recordId")]
    [InlineData("\"HPAYMT\"", "\"TREAT\"", "$.purpose")]
    [InlineData("\"HPAYMT\"", "\"hpaymt\"", "$.purpose")]
    [InlineData(",\"purpose\":\"HPAYMT\"", "", "$.purpose")]
    [InlineData("\"2026-03-02\"", "\"2026-3-2\"", "$.serviceDate")]
    [InlineData("\"2026-03-02\"", "\"2026-02-30\"", "$.serviceDate")]
    [InlineData("\"2026-03-02\"", "\"2026-03-02T00:00:00Z\"", "$.serviceDate")]
    [InlineData("\"2026-03-02\"", "20260302", "$.serviceDate")]
    [InlineData("\"claimId\":\"c-77\"", "\"claimId\":\"\"", "$.claimId")]
    [InlineData("\"claimId\":\"c-77\"", "\"claimId\":\"c-77\",\"amount\":100", "$.amount")]
    [InlineData("\"patientId\":\"p-1\"", "\"patientId\":7", "$.patientId")]
    public void Parse_BadBody_NamesThePath(string find, string replace, string path)
    {
        var result = Parse(ById.Replace(find, replace, StringComparison.Ordinal));

        Assert.False(result.IsSuccess);
        Assert.Equal(path, result.Error.Path);
    }

    [Fact]
    public void Parse_DuplicateMember_IsRefused()
    {
        Assert.False(Parse(ById.Replace("\"claimId\":\"c-77\"", "\"claimId\":\"c-77\",\"claimId\":\"c-78\"", StringComparison.Ordinal)).IsSuccess);
    }
}
