using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using MedLedger.Ledger.Entries;

namespace MedLedger.Ledger.Tests.Entries;

public sealed class CanonicalJsonTests
{
    [Theory]
    [InlineData("{ \"b\" : 2 , \"a\" : 1 }", "{\"a\":1,\"b\":2}")]
    [InlineData("{\"é\":1,\"z\":2,\"Z\":3,\"aa\":4,\"a\":5}", "{\"Z\":3,\"a\":5,\"aa\":4,\"z\":2,\"é\":1}")]
    [InlineData("\"\\u0041\\/\\u00e9\\u20ac\\ud83d\\ude00\"", "\"A/é€😀\"")]
    [InlineData("\"\\b\\f\\n\\r\\t\\u0000\\u001F\\u007f\\\"\\\\\"", "\"\\b\\f\\n\\r\\t\\u0000\\u001f\u007f\\\"\\\\\"")]
    [InlineData("[ -0 , 9007199254740991, -9007199254740991, 10 ]", "[0,9007199254740991,-9007199254740991,10]")]
    [InlineData("{\"n\":null,\"t\":true,\"f\":false,\"e\":{},\"l\":[]}", "{\"e\":{},\"f\":false,\"l\":[],\"n\":null,\"t\":true}")]
    public void Serialize_KnownValues_GivesRfc8785Form(string input, string expected)
    {
        var canonical = CanonicalJson.Serialize(JsonDocument.Parse(input).RootElement);

        Assert.Equal(expected, Encoding.UTF8.GetString(canonical));
        Assert.True(CanonicalJson.IsCanonical(canonical));
    }

    [Fact]
    public void Serialize_KeysOutsideTheBasicPlane_SortByUtf16CodeUnits()
    {
        // U+FF5E sorts after U+1F600 in UTF-8 byte order but before it in UTF-16 code units (RFC 8785 §3.2.3).
        var canonical = CanonicalJson.Serialize(JsonDocument.Parse("{\"😀\":1,\"～\":2}").RootElement);

        Assert.Equal("{\"😀\":1,\"～\":2}", Encoding.UTF8.GetString(canonical));
        Assert.True(CanonicalJson.IsCanonical(canonical));
        Assert.False(CanonicalJson.IsCanonical(Encoding.UTF8.GetBytes("{\"～\":2,\"😀\":1}")));
    }

    [Theory]
    [InlineData("{\"x\":1.5}")]
    [InlineData("{\"x\":1.0}")]
    [InlineData("{\"x\":1e2}")]
    [InlineData("[9007199254740992]")]
    [InlineData("{\"a\":1,\"a\":1}")]
    [InlineData("\"\\ud800\"")]
    public void Serialize_ValueWithoutCanonicalForm_Throws(string input)
    {
        Assert.Throws<ArgumentException>(() => CanonicalJson.Serialize(JsonDocument.Parse(input).RootElement));
    }

    [Fact]
    public void Serialize_NestedDeeperThanLimit_Throws()
    {
        var deep = new string('[', CanonicalJson.MaxDepth + 1) + new string(']', CanonicalJson.MaxDepth + 1);
        var limit = new string('[', CanonicalJson.MaxDepth) + new string(']', CanonicalJson.MaxDepth);

        Assert.Throws<ArgumentException>(() => CanonicalJson.Serialize(JsonDocument.Parse(deep).RootElement));
        Assert.True(CanonicalJson.IsCanonical(CanonicalJson.Serialize(JsonDocument.Parse(limit).RootElement)));
        Assert.False(CanonicalJson.IsCanonical(Encoding.UTF8.GetBytes(deep)));
    }

    [Theory]
    [InlineData("{\"a\":1 }")]
    [InlineData("{\"b\":1,\"a\":2}")]
    [InlineData("{\"a\":1,\"a\":1}")]
    [InlineData("[01]")]
    [InlineData("[-0]")]
    [InlineData("[1.0]")]
    [InlineData("[\"\\u0041\"]")]
    [InlineData("[\"\\u001F\"]")]
    [InlineData("[\"\\/\"]")]
    [InlineData("[\"\\u000a\"]")]
    [InlineData("[tru]")]
    [InlineData("[1,]")]
    [InlineData("{}x")]
    [InlineData("")]
    public void IsCanonical_NonCanonicalOrInvalid_IsFalse(string input)
    {
        Assert.False(CanonicalJson.IsCanonical(Encoding.UTF8.GetBytes(input)));
    }

    [Fact]
    public void IsCanonical_InvalidUtf8InString_IsFalse()
    {
        Assert.False(CanonicalJson.IsCanonical([(byte)'"', 0xC3, 0x28, (byte)'"']));
        Assert.False(CanonicalJson.IsCanonical([(byte)'"', 0xED, 0xA0, 0x80, (byte)'"']));
        Assert.True(CanonicalJson.IsCanonical([(byte)'"', 0xC3, 0xA9, (byte)'"']));
    }

    [Fact]
    public void Serialize_RandomValues_AreCanonicalAndStable()
    {
        var property = Prop.ForAll(Arb.From(Gen.Choose(0, int.MaxValue)), seed =>
        {
            var random = new Random(seed);
            var text = RandomJson(random, 0);
            var canonical = CanonicalJson.Serialize(JsonDocument.Parse(text).RootElement);
            var again = CanonicalJson.Serialize(JsonDocument.Parse(canonical).RootElement);
            return CanonicalJson.IsCanonical(canonical) && canonical.AsSpan().SequenceEqual(again);
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), property);
    }

    [Fact]
    public void IsCanonical_RandomSingleByteChanges_AcceptsOnlyWhatReserializesIdentically()
    {
        var property = Prop.ForAll(Arb.From(Gen.Choose(0, int.MaxValue)), seed =>
        {
            var random = new Random(seed);
            var canonical = CanonicalJson.Serialize(JsonDocument.Parse(RandomJson(random, 0)).RootElement);
            var mutated = canonical.ToArray();
            var at = random.Next(mutated.Length);
            mutated[at] = (byte)random.Next(256);
            if (!CanonicalJson.IsCanonical(mutated))
            {
                return true;
            }

            // Whatever the validator accepts must be exactly what the serializer would write.
            return CanonicalJson.Serialize(JsonDocument.Parse(mutated).RootElement).AsSpan().SequenceEqual(mutated);
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(2000), property);
    }

    private static string RandomJson(Random random, int depth)
    {
        var kind = depth >= 4 ? random.Next(3, 8) : random.Next(8);
        switch (kind)
        {
            case 0 or 1:
                var members = Enumerable.Range(0, random.Next(5)).Select(_ => $"{Quote(RandomString(random))}:{RandomJson(random, depth + 1)}");
                return "{" + string.Join(",", members.DistinctBy(m => m.Split(':')[0])) + "}";
            case 2:
                return "[" + string.Join(",", Enumerable.Range(0, random.Next(4)).Select(_ => RandomJson(random, depth + 1))) + "]";
            case 3 or 4:
                return Quote(RandomString(random));
            case 5:
                return random.NextInt64(-CanonicalJson.MaxSafeInteger, CanonicalJson.MaxSafeInteger + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            case 6:
                return random.Next(2) == 0 ? "true" : "false";
            default:
                return "null";
        }
    }

    private static string RandomString(Random random)
    {
        string[] pieces = ["a", "Z", "é", "€", "😀", "\n", "\u0001", "\"", "\\", "/", " ", "～", "\u007f", "\u2028"];
        return string.Concat(Enumerable.Range(0, random.Next(6)).Select(_ => pieces[random.Next(pieces.Length)]));
    }

    private static string Quote(string value) => JsonSerializer.Serialize(value);
}
