using System.Text;
using MedLedger.Access.Claims;
using MedLedger.Access.Consent;
using MedLedger.Access.Fhir;
using MedLedger.Access.Identity;
using MedLedger.Access.UserDirectory;

namespace MedLedger.Access.Tests.Json;

/// <summary>D7: every parser of this library refuses hostile JSON with a typed failure and never throws.</summary>
public sealed class HostileJsonTests
{
    private const string ConsentBody =
        """{"grantee":"clinic-b","actions":["access"],"purposes":["TREAT"],"categories":["general"],"period":{"start":"2026-01-01T00:00:00Z","end":"2026-07-01T00:00:00Z"}}""";

    private const string ClaimBody = """{"claimId":"c-77","patientId":"p-1","recordId":"r-9","serviceDate":"2026-03-02","purpose":"HPAYMT"}""";

    private static readonly Dictionary<string, Func<byte[], bool>> Parsers = new()
    {
        ["consent request"] = b => ConsentRequest.Parse(b).IsSuccess,
        ["claim request"] = b => ClaimVerificationRequest.Parse(b).IsSuccess,
        ["directory seed"] = b => DirectorySeed.Parse(b).IsSuccess,
        ["fhir consent"] = b => FhirConsentImporter.Import(b).IsSuccess,
        ["canonical terms"] = b => ConsentTerms.TryParseCanonical(b, out _, out _),
        ["client principal"] = b => ClientPrincipalParser.Parse(Convert.ToBase64String(b)).IsSuccess,
    };

    public static TheoryData<string> ParserNames() => [.. Parsers.Keys];

    private static IEnumerable<(string Name, byte[] Bytes)> Hostile()
    {
        static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);
        yield return ("depth 65", Utf8(new string('[', 65) + new string(']', 65)));
        yield return ("depth 1000 in a member", Utf8("{\"grantee\":" + new string('[', 1000) + new string(']', 1000) + "}"));
        yield return ("duplicate keys", Utf8("""{"grantee":"a","grantee":"b"}"""));
        yield return ("invalid UTF-8", [(byte)'{', (byte)'"', 0xC0, 0xAF, (byte)'"', (byte)':', (byte)'1', (byte)'}']);
        yield return ("lone surrogate", Utf8("""{"grantee":"\ud800","claimId":"\udfff"}"""));
        yield return ("huge number", Utf8("""{"version":1e400,"claimId":1e400}"""));
        yield return ("NaN", Utf8("""{"claimId":NaN}"""));
        yield return ("BOM", [0xEF, 0xBB, 0xBF, .. Utf8(ClaimBody)]);
        yield return ("comment", Utf8("""{/* hi */"claimId":"c"}"""));
        yield return ("trailing comma", Utf8("""{"claimId":"c",}"""));
        yield return ("two documents", Utf8(ClaimBody + ClaimBody));
        yield return ("empty", []);
        yield return ("whitespace", Utf8("   "));
        yield return ("null", Utf8("null"));
        yield return ("string", Utf8("\"x\""));
        yield return ("overlong", Utf8("{\"x\":\"" + new string('a', 2 * 1024 * 1024) + "\"}"));
    }

    [Theory]
    [MemberData(nameof(ParserNames))]
    public void Parser_HostileInputs_AreRefusedWithoutThrowing(string parser)
    {
        foreach (var (name, bytes) in Hostile())
        {
            var accepted = true;
            var exception = Record.Exception(() => accepted = Parsers[parser](bytes));

            Assert.True(exception is null, $"{parser} threw on {name}: {exception}");
            Assert.False(accepted, $"{parser} accepted {name}");
        }
    }

    [Theory]
    [MemberData(nameof(ParserNames))]
    public void Parser_RandomMutationsOfValidInput_NeverThrow(string parser)
    {
        var seeds = new[]
        {
            Encoding.UTF8.GetBytes(ConsentBody),
            Encoding.UTF8.GetBytes(ClaimBody),
            DemoDirectory.Json.ToArray(),
            FhirConsentExporter.Export(new ConsentGrant("c-1", "p-1", ConsentRequest.Parse(Encoding.UTF8.GetBytes(ConsentBody)).Request!.ResolveGrantee(GranteeKind.Organization), DateTimeOffset.UnixEpoch, "pat-1")),
        };
        var random = new Random(parser.Length);
        for (var i = 0; i < 3000; i++)
        {
            var input = (byte[])seeds[random.Next(seeds.Length)].Clone();
            for (var edits = random.Next(1, 4); edits > 0; edits--)
            {
                var at = random.Next(input.Length);
                input[at] = random.Next(3) switch
                {
                    0 => (byte)random.Next(256),
                    1 => (byte)"{}[]\",:\\0-e.\u00ff"[random.Next(13)],
                    _ => input[random.Next(input.Length)],
                };
            }

            var exception = Record.Exception(() => Parsers[parser](input));

            Assert.True(exception is null, $"{parser} threw on mutation {i}: {exception}");
        }
    }
}
