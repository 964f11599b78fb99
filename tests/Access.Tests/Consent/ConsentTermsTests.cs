using System.Security.Cryptography;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using MedLedger.Access.Consent;
using MedLedger.Access.Tests.Support;
using MedLedger.Ledger.Entries;

namespace MedLedger.Access.Tests.Consent;

public sealed class ConsentTermsTests
{
    private static readonly Config Quick = Config.QuickThrowOnFailure.WithMaxTest(500);

    private static ConsentTerms Example() => ConsentTerms.Create(
        Grantee.Organization("clinic-b"),
        [ConsentAction.Disclose, ConsentAction.Access],
        [PurposeOfUse.Treatment, PurposeOfUse.Payment],
        [RecordCategory.MentalHealth, RecordCategory.General],
        includesAllNonSensitive: true,
        new ConsentPeriod(Instants.At("2026-01-01T00:00:00Z"), Instants.At("2026-07-01T00:00:00Z")));

    [Fact]
    public void ToCanonicalJson_KnownAnswer()
    {
        // Written out by hand from the format description: keys in RFC 8785 order, codes sorted ordinally.
        const string expected =
            """{"actions":["access","disclose"],"categories":["general","mental-health","non-sensitive"],"format":"medledger-consent-terms/v1","grantee":{"id":"clinic-b","kind":"organization"},"period":{"end":"2026-07-01T00:00:00Z","start":"2026-01-01T00:00:00Z"},"purposes":["HPAYMT","TREAT"]}""";

        var json = Example().ToCanonicalJson();

        Assert.Equal(expected, Encoding.UTF8.GetString(json));
        Assert.True(CanonicalJson.IsCanonical(json));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(expected))), Example().ComputeHash().ToHex());
    }

    [Fact]
    public void TryParseCanonical_OwnOutput_RoundTrips()
    {
        var json = Example().ToCanonicalJson();

        Assert.True(ConsentTerms.TryParseCanonical(json, out var terms, out var error), error?.ToString());
        Assert.Equal(json, terms.ToCanonicalJson());
        Assert.Equal(GranteeKind.Organization, terms.Grantee.Kind);
        Assert.True(terms.IncludesAllNonSensitive);
    }

    [Theory]
    [InlineData("""{"actions":["access"],"categories":["general"],"format":"medledger-consent-terms/v1","grantee":{"id":"c","kind":"organization"},"period":{"end":"2026-07-01T00:00:00Z","start":"2026-01-01T00:00:00Z"},"purposes":["TREAT"]} """)] // trailing space
    [InlineData("""{"categories":["general"],"actions":["access"],"format":"medledger-consent-terms/v1","grantee":{"id":"c","kind":"organization"},"period":{"end":"2026-07-01T00:00:00Z","start":"2026-01-01T00:00:00Z"},"purposes":["TREAT"]}""")] // key order
    [InlineData("""{"actions":["disclose","access"],"categories":["general"],"format":"medledger-consent-terms/v1","grantee":{"id":"c","kind":"organization"},"period":{"end":"2026-07-01T00:00:00Z","start":"2026-01-01T00:00:00Z"},"purposes":["TREAT"]}""")] // code order
    [InlineData("""{"actions":["access","access"],"categories":["general"],"format":"medledger-consent-terms/v1","grantee":{"id":"c","kind":"organization"},"period":{"end":"2026-07-01T00:00:00Z","start":"2026-01-01T00:00:00Z"},"purposes":["TREAT"]}""")] // duplicate code
    [InlineData("""{"actions":["access"],"categories":["general"],"format":"medledger-consent-terms/v1","grantee":{"id":"c","kind":"organization"},"period":{"end":"2026-07-01T02:00:00+02:00","start":"2026-01-01T00:00:00Z"},"purposes":["TREAT"]}""")] // offset spelling
    [InlineData("""{"actions":["access"],"categories":["general"],"format":"medledger-consent-terms/v2","grantee":{"id":"c","kind":"organization"},"period":{"end":"2026-07-01T00:00:00Z","start":"2026-01-01T00:00:00Z"},"purposes":["TREAT"]}""")] // version
    [InlineData("""{"actions":["access"],"categories":["general"],"format":"medledger-consent-terms/v1","grantee":{"id":"c","kind":"team"},"period":{"end":"2026-07-01T00:00:00Z","start":"2026-01-01T00:00:00Z"},"purposes":["TREAT"]}""")] // grantee kind
    [InlineData("""{"actions":["access"],"categories":["general"],"format":"medledger-consent-terms/v1","grantee":{"id":"c","kind":"organization"},"period":{"end":"2026-07-01T00:00:00Z","start":"2026-01-01T00:00:00Z"},"purposes":["ETREAT"]}""")] // not grantable
    [InlineData("""{"actions":["access"],"categories":["general"],"extra":1,"format":"medledger-consent-terms/v1","grantee":{"id":"c","kind":"organization"},"period":{"end":"2026-07-01T00:00:00Z","start":"2026-01-01T00:00:00Z"},"purposes":["TREAT"]}""")] // unknown member
    public void TryParseCanonical_AnyOtherSpelling_IsRefused(string json)
    {
        Assert.False(ConsentTerms.TryParseCanonical(Encoding.UTF8.GetBytes(json), out _, out var error));
        Assert.NotNull(error);
    }

    [Fact]
    public void TryParseCanonical_AnySingleByteChange_IsRefusedOrGivesOtherTerms()
    {
        var json = Example().ToCanonicalJson();
        for (var i = 0; i < json.Length; i++)
        {
            for (var bit = 0; bit < 8; bit++)
            {
                var changed = (byte[])json.Clone();
                changed[i] ^= (byte)(1 << bit);

                if (ConsentTerms.TryParseCanonical(changed, out var terms, out _))
                {
                    Assert.NotEqual(Example().ComputeHash(), terms.ComputeHash());
                }
            }
        }
    }

    [Fact]
    public void Canonical_RandomTerms_RoundTripAndHashIsStable()
    {
        Check.One(Quick, Prop.ForAll(TermsGen.Terms.ToArbitrary(), terms =>
        {
            var json = terms.ToCanonicalJson();
            return CanonicalJson.IsCanonical(json)
                && ConsentTerms.TryParseCanonical(json, out var parsed, out _)
                && parsed.ToCanonicalJson().AsSpan().SequenceEqual(json)
                && parsed.ComputeHash() == terms.ComputeHash();
        }));
    }

    [Fact]
    public void Canonical_SameTermsWrittenInAnyOrder_HashTheSame()
    {
        // D7: the hashed form does not depend on the order members and codes were written in.
        var random = new Random(11);
        var members = new[]
        {
            "\"grantee\":\"clinic-b\"",
            "\"actions\":[\"access\",\"disclose\"]",
            "\"purposes\":[\"TREAT\",\"HPAYMT\",\"HRESCH\"]",
            "\"categories\":[\"genetic\",\"non-sensitive\",\"oncology\"]",
            "\"period\":{\"start\":\"2026-01-01T01:00:00+01:00\",\"end\":\"2026-02-01T00:00:00Z\"}",
        };
        var expected = default(Ledger.Hashing.LedgerHash?);
        for (var i = 0; i < 2000; i++)
        {
            var shuffled = members.OrderBy(_ => random.Next()).Select(m => ShuffleArray(m, random));
            var body = "{" + string.Join(",", shuffled) + "}";
            var parsed = ConsentRequest.Parse(Encoding.UTF8.GetBytes(body));
            Assert.True(parsed.IsSuccess, parsed.Error?.ToString());

            var hash = parsed.Request.ResolveGrantee(GranteeKind.Organization).ComputeHash();

            expected ??= hash;
            Assert.Equal(expected, hash);
        }
    }

    [Fact]
    public void Covers_NamedCategoriesAndTheNonSensitiveSelector()
    {
        var selector = ConsentTerms.Create(Grantee.User("u"), [ConsentAction.Access], [PurposeOfUse.Treatment], [], true, Example().Period);
        var named = ConsentTerms.Create(Grantee.User("u"), [ConsentAction.Access], [PurposeOfUse.Treatment], [RecordCategory.Genetic], false, Example().Period);

        Assert.Equal(
            [RecordCategory.General, RecordCategory.Oncology],
            ConsentCodes.Categories.Where(selector.Covers));
        Assert.Equal([RecordCategory.Genetic], ConsentCodes.Categories.Where(named.Covers));
    }

    [Fact]
    public void Create_Invalid_Throws()
    {
        var period = Example().Period;
        var grantee = Grantee.User("u");

        Assert.Throws<ArgumentException>(() => ConsentTerms.Create(grantee, [], [PurposeOfUse.Treatment], [RecordCategory.General], false, period));
        Assert.Throws<ArgumentException>(() => ConsentTerms.Create(grantee, [ConsentAction.Access], [], [RecordCategory.General], false, period));
        Assert.Throws<ArgumentException>(() => ConsentTerms.Create(grantee, [ConsentAction.Access], [PurposeOfUse.Treatment], [], false, period));
        Assert.Throws<ArgumentException>(() => ConsentTerms.Create(grantee, [ConsentAction.Access], [PurposeOfUse.EmergencyTreatment], [RecordCategory.General], false, period));
        Assert.Throws<ArgumentException>(() => ConsentTerms.Create(grantee, [ConsentAction.Access], [PurposeOfUse.PatientRequest], [RecordCategory.General], false, period));
    }

    [Fact]
    public void ConsentPeriod_IsHalfOpenAndWholeSecondsUtc()
    {
        var period = new ConsentPeriod(Instants.T0, Instants.T0.AddHours(1));

        Assert.True(period.Contains(Instants.T0));
        Assert.True(period.Contains(Instants.T0.AddHours(1).AddTicks(-1)));
        Assert.False(period.Contains(Instants.T0.AddHours(1)));
        Assert.False(period.Contains(Instants.T0.AddTicks(-1)));
        Assert.Throws<ArgumentException>(() => new ConsentPeriod(Instants.T0, Instants.T0));
        Assert.Throws<ArgumentException>(() => new ConsentPeriod(Instants.T0.AddMilliseconds(5), Instants.T0.AddHours(1)));
        Assert.Throws<ArgumentException>(() => new ConsentPeriod(Instants.T0.ToOffset(TimeSpan.FromHours(2)), Instants.T0.AddHours(1)));
    }

    private static string ShuffleArray(string member, Random random)
    {
        var open = member.IndexOf('[', StringComparison.Ordinal);
        if (open < 0)
        {
            return member;
        }

        var items = member[(open + 1)..^1].Split(',').OrderBy(_ => random.Next());
        return member[..(open + 1)] + string.Join(",", items) + "]";
    }
}
