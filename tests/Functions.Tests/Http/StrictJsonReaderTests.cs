using System.Text;
using MedLedger.Functions.Http;
using Microsoft.AspNetCore.Http;

namespace MedLedger.Functions.Tests.Http;

/// <summary>The strict JSON rules on bytes: each refusal has its code, path and line, and never echoes the body.</summary>
public sealed class StrictJsonReaderTests
{
    [Fact]
    public void Bind_ValidBody_ReturnsTheValue()
    {
        var result = Bind("""{"name":"a","count":2,"content":{"x":[1,2,{"y":null}]}}""");
        Assert.True(result.Succeeded);
        Assert.Equal("a", result.Value.Name);
        Assert.Equal(2, result.Value.Count);
    }

    [Fact]
    public void Bind_OptionalMemberAbsent_ReturnsTheValue()
    {
        var result = Bind("""{"name":"a"}""");
        Assert.True(result.Succeeded);
        Assert.Null(result.Value.Count);
    }

    [Theory]
    [InlineData("""{"name":"a","name":"b"}""", "$.name")]
    [InlineData("""{"name":"a","content":{"x":1,"x":2}}""", "$.content.x")]
    [InlineData("""{"name":"a","content":[{"y":1},{"odd key":1,"odd key":2}]}""", "$.content[1]['odd key']")]
    public void Bind_DuplicateProperty_IsMalformed(string json, string path)
    {
        AssertRefused(Bind(json), StatusCodes.Status400BadRequest, ErrorCodes.MalformedJson, path);
    }

    [Fact]
    public void Bind_UnknownMember_IsInvalidBodyAtItsPath()
    {
        AssertRefused(Bind("""{"name":"a","patientName":"Jane Doe"}"""), StatusCodes.Status400BadRequest, ErrorCodes.InvalidBody, "$.patientName");
    }

    [Fact]
    public void Bind_MemberNameInOtherCase_IsUnknown()
    {
        AssertRefused(Bind("""{"Name":"a"}"""), StatusCodes.Status400BadRequest, ErrorCodes.InvalidBody, "$.Name");
    }

    [Fact]
    public void Bind_MissingRequiredMember_IsInvalidBody()
    {
        AssertRefused(Bind("""{"count":1}"""), StatusCodes.Status400BadRequest, ErrorCodes.InvalidBody, "$");
    }

    [Theory]
    [InlineData("""{"name":"a","count":"2"}""", "$.count")]
    [InlineData("""{"name":null}""", "$.name")]
    public void Bind_WrongType_IsInvalidBodyAtItsPath(string json, string path)
    {
        AssertRefused(Bind(json), StatusCodes.Status400BadRequest, ErrorCodes.InvalidBody, path);
    }

    [Fact]
    public void Bind_Depth64_IsAccepted()
    {
        // The root object is level 1; content adds 63 nested arrays: 64 levels in all.
        Assert.True(Bind("""{"name":"a","content":""" + new string('[', 63) + new string(']', 63) + "}").Succeeded);
    }

    [Fact]
    public void Bind_Depth65_IsMalformed()
    {
        AssertRefused(
            Bind("""{"name":"a","content":""" + new string('[', 64) + new string(']', 64) + "}"),
            StatusCodes.Status400BadRequest,
            ErrorCodes.MalformedJson,
            path: "$.content" + string.Concat(Enumerable.Repeat("[0]", 63)));
    }

    [Theory]
    [InlineData("""{"name":"a",}""")]
    [InlineData("""{"name":"a","content":[1,2,]}""")]
    [InlineData("""{"name":"a"} // comment""")]
    [InlineData("""{"name":"a" /* comment */}""")]
    [InlineData("""{'name':'a'}""")]
    [InlineData("""{"name":"a"}{"name":"b"}""")]
    [InlineData("""{"name":"a","count":NaN}""")]
    [InlineData("")]
    public void Bind_NotStrictJson_IsMalformed(string json)
    {
        AssertRefused(Bind(json), StatusCodes.Status400BadRequest, ErrorCodes.MalformedJson, path: null);
    }

    [Fact]
    public void Bind_InvalidUtf8_IsMalformed()
    {
        byte[] body = [.. "{\"name\":\""u8, 0xC3, 0x28, .. "\"}"u8];
        AssertRefused(StrictJsonReader.Bind<Probe>(body), StatusCodes.Status400BadRequest, ErrorCodes.MalformedJson, path: null);
    }

    [Fact]
    public void Bind_ByteOrderMark_IsMalformed()
    {
        byte[] body = [0xEF, 0xBB, 0xBF, .. "{\"name\":\"a\"}"u8];
        AssertRefused(StrictJsonReader.Bind<Probe>(body), StatusCodes.Status400BadRequest, ErrorCodes.MalformedJson, path: null);
    }

    [Fact]
    public void Bind_Null_IsInvalidBody()
    {
        AssertRefused(Bind("null"), StatusCodes.Status400BadRequest, ErrorCodes.InvalidBody, "$");
    }

    [Fact]
    public void Bind_Refusal_NamesTheLineButNotTheContent()
    {
        var result = Bind("{\n  \"name\": \"a\",\n  \"secretMember\": \"Jane Doe 1970-01-01\"\n}");
        var problem = result.Problem!.ProblemDetails;
        Assert.Equal(3L, problem.Extensions[ProblemExtensions.Line]);
        Assert.DoesNotContain("Jane", problem.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(nameof(Probe), problem.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("application/json", true)]
    [InlineData("application/json; charset=utf-8", true)]
    [InlineData("Application/JSON; charset=UTF-8", true)]
    [InlineData("application/json; charset=utf-16", false)]
    [InlineData("text/json", false)]
    [InlineData("text/plain", false)]
    [InlineData("application/x-www-form-urlencoded", false)]
    [InlineData("application/problem+json", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsJsonContentType_AcceptsOnlyUtf8Json(string? contentType, bool accepted)
    {
        Assert.Equal(accepted, StrictJsonReader.IsJsonContentType(contentType));
    }

    private static StrictJsonResult<Probe> Bind(string json) => StrictJsonReader.Bind<Probe>(Encoding.UTF8.GetBytes(json));

    private static void AssertRefused(StrictJsonResult<Probe> result, int status, string code, string? path)
    {
        Assert.False(result.Succeeded);
        var problem = result.Problem.ProblemDetails;
        Assert.Equal(status, problem.Status);
        Assert.Equal(code, problem.Extensions[ProblemExtensions.Code]);
        if (path is not null)
        {
            Assert.Equal(path, problem.Extensions[ProblemExtensions.Path]);
        }
    }

    public sealed record Probe(string Name, int? Count = null, System.Text.Json.JsonElement? Content = null);
}
