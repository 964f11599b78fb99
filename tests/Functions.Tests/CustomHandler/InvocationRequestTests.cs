using System.Text;
using MedLedger.Functions.CustomHandler;

namespace MedLedger.Functions.Tests.CustomHandler;

public sealed class InvocationRequestTests
{
    [Fact]
    public void TryParse_DataAndMetadata_AreReadCaseInsensitively()
    {
        Assert.True(Parse("""{"data":{"Msg":"x"},"METADATA":{"DequeueCount":1}}""", out var request, out _));
        Assert.True(request.Data.ContainsKey("msg"));
        Assert.True(request.Metadata.ContainsKey("dequeuecount"));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"Data":null,"Metadata":null}""")]
    [InlineData("""{"Data":{},"Other":1}""")]
    public void TryParse_AbsentSections_ReadAsEmpty(string json)
    {
        Assert.True(Parse(json, out var request, out _));
        Assert.Empty(request.Data);
        Assert.Empty(request.Metadata);
    }

    [Theory]
    [InlineData("not json", "the body is not JSON")]
    [InlineData("[]", "the body is not a JSON object")]
    [InlineData("""{"Data":"x"}""", "Data is not a JSON object")]
    [InlineData("""{"Metadata":[1]}""", "Metadata is not a JSON object")]
    [InlineData("""{"Data":{},"data":{}}""", "Data appears twice")]
    [InlineData("""{"Data":{"msg":"a","MSG":"b"}}""", "Data has a key twice")]
    public void TryParse_NotAnInvocation_SaysWhy(string json, string error)
    {
        Assert.False(Parse(json, out _, out var actual));
        Assert.Equal(error, actual);
    }

    [Fact]
    public void TryParse_Values_OutliveTheParse()
    {
        Assert.True(Parse("""{"Data":{"msg":"hello"}}""", out var request, out _));
        GC.Collect();
        Assert.Equal("hello", request.Data["msg"].GetString());
    }

    private static bool Parse(string json, out InvocationRequest request, out string error)
    {
        var parsed = InvocationRequest.TryParse(Encoding.UTF8.GetBytes(json), out var r, out var e);
        request = r!;
        error = e!;
        return parsed;
    }
}
