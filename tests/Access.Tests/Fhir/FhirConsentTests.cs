using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using MedLedger.Access.Consent;
using MedLedger.Access.Fhir;
using MedLedger.Access.Tests.Support;

namespace MedLedger.Access.Tests.Fhir;

public sealed class FhirConsentTests
{
    private static readonly DateTimeOffset T0 = Instants.T0;

    private static ConsentGrant Grant(ConsentTerms terms) => new("c-1", "p-1", terms, T0, "pat-1");

    private static ConsentTerms Terms(Grantee? grantee = null) => ConsentTerms.Create(
        grantee ?? Grantee.Organization("insurer-x"),
        [ConsentAction.Disclose],
        [PurposeOfUse.Payment],
        [RecordCategory.Genetic],
        includesAllNonSensitive: true,
        new ConsentPeriod(Instants.At("2026-01-10T00:00:00Z"), Instants.At("2026-04-11T00:00:00Z")));

    private static FhirConsentImportResult Import(string json) => FhirConsentImporter.Import(Encoding.UTF8.GetBytes(json));

    private static JsonObject Exported(ConsentTerms? terms = null) => JsonNode.Parse(FhirConsentExporter.Export(Grant(terms ?? Terms())))!.AsObject();

    [Fact]
    public void Export_HasTheR4ConsentShape()
    {
        var consent = Exported();

        Assert.Equal("Consent", (string?)consent["resourceType"]);
        Assert.Equal("c-1", (string?)consent["id"]);
        Assert.Equal("active", (string?)consent["status"]);
        Assert.Equal("Patient/p-1", (string?)consent["patient"]!["reference"]);
        Assert.Equal("patient-privacy", (string?)consent["scope"]!["coding"]![0]!["code"]);
        Assert.Equal("59284-0", (string?)consent["category"]![0]!["coding"]![0]!["code"]);
        Assert.Equal("2026-03-01T12:00:00.000Z", (string?)consent["dateTime"]);
        Assert.Equal(Terms().ComputeHash().ToBase64(), (string?)consent["extension"]![0]!["valueBase64Binary"]);
        var provision = consent["provision"]!;
        Assert.Equal("deny", (string?)provision["type"]);
        var permit = provision["provision"]![0]!;
        Assert.Equal("permit", (string?)permit["type"]);
        Assert.Equal("Organization/insurer-x", (string?)permit["actor"]![0]!["reference"]!["reference"]);
        Assert.Equal("IRCP", (string?)permit["actor"]![0]!["role"]!["coding"]![0]!["code"]);
        Assert.Equal("disclose", (string?)permit["action"]![0]!["coding"]![0]!["code"]);
        Assert.Equal("HPAYMT", (string?)permit["purpose"]![0]!["code"]);
        Assert.Equal(["genetic", "non-sensitive"], permit["class"]!.AsArray().Select(c => (string?)c!["code"]));
        Assert.Equal("2026-01-10T00:00:00Z", (string?)permit["period"]!["start"]);
    }

    [Fact]
    public void Export_Revoked_IsInactive()
    {
        var json = FhirConsentExporter.Export(Grant(Terms()), new ConsentRevocation("c-1", "p-1", T0.AddDays(1), "pat-1"));

        Assert.Equal("inactive", (string?)JsonNode.Parse(json)!["status"]);
        Assert.Contains(FhirConsentImporter.Import(json).Errors, e => e.Path == "$.status");
        Assert.Throws<ArgumentException>(() => FhirConsentExporter.Export(Grant(Terms()), new ConsentRevocation("c-2", "p-1", T0, "pat-1")));
    }

    [Fact]
    public void ExportThenImport_GivesIdenticalTerms()
    {
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), Prop.ForAll(TermsGen.Terms.ToArbitrary(), terms =>
        {
            var imported = FhirConsentImporter.Import(FhirConsentExporter.Export(Grant(terms)));
            return imported.IsSuccess
                && imported.PatientId == "p-1"
                && imported.Terms.ToCanonicalJson().AsSpan().SequenceEqual(terms.ToCanonicalJson());
        }));
    }

    [Fact]
    public void Import_UserGrantee_ByUserKeyIdentifier()
    {
        var imported = FhirConsentImporter.Import(FhirConsentExporter.Export(Grant(Terms(Grantee.User("dr-bo")))));

        Assert.Equal(Grantee.User("dr-bo"), imported.Terms!.Grantee);
    }

    [Fact]
    public void Import_RootPermit_DatesAsUtcDays_SecurityLabels()
    {
        const string json = """
            {"resourceType":"Consent","status":"active","patient":{"reference":"Patient/p-1"},
             "provision":{"type":"permit","period":{"start":"2026-01-10","end":"2026-01-10"},
               "actor":[{"role":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-ParticipationType","code":"IRCP"}]},"reference":{"reference":"Organization/clinic-b"}}],
               "action":[{"coding":[{"system":"http://example.org/local","code":"read"},{"system":"http://terminology.hl7.org/CodeSystem/consentaction","code":"access"}],"text":"read"}],
               "purpose":[{"system":"http://terminology.hl7.org/CodeSystem/v3-ActReason","code":"TREAT"}],
               "securityLabel":[{"system":"http://terminology.hl7.org/CodeSystem/v3-ActCode","code":"MH"},{"system":"http://terminology.hl7.org/CodeSystem/v3-ActCode","code":"ETH"}]}}
            """;

        var imported = Import(json);

        Assert.True(imported.IsSuccess, string.Join("; ", imported.Errors));
        Assert.Equal(Instants.At("2026-01-10T00:00:00Z"), imported.Terms.Period.Start);
        Assert.Equal(Instants.At("2026-01-11T00:00:00Z"), imported.Terms.Period.End);
        Assert.Equal([RecordCategory.MentalHealth, RecordCategory.SubstanceUse], imported.Terms.Categories);
        Assert.False(imported.Terms.IncludesAllNonSensitive);
        Assert.Equal([ConsentAction.Access], imported.Terms.Actions);
    }

    [Fact]
    public void Import_NoCategories_CoversNonSensitiveOnly()
    {
        var consent = Exported();
        consent["provision"]!["provision"]![0]!.AsObject().Remove("class");

        var imported = FhirConsentImporter.Import(Encoding.UTF8.GetBytes(consent.ToJsonString()));

        Assert.True(imported.Terms!.IncludesAllNonSensitive);
        Assert.Empty(imported.Terms.Categories);
        Assert.False(imported.Terms.Covers(RecordCategory.Genetic));
    }

    [Fact]
    public void Import_TheResearchSketch_ReportsEveryUnsupportedElement()
    {
        // The R4 skeleton of shared/reference/anchors-mission.md §6.1: it restricts by data and confidentiality, which
        // our categories cannot express, so it must be refused rather than imported more broadly than written.
        const string json = """
            { "resourceType": "Consent", "status": "active",
              "scope": {"coding":[{"system":"http://terminology.hl7.org/CodeSystem/consentscope","code":"patient-privacy"}]},
              "category": [{"coding":[{"system":"http://loinc.org","code":"59284-0"}]}],
              "patient": {"reference":"Patient/p1"}, "dateTime": "2025-01-10T09:00:00Z",
              "performer": [{"reference":"Patient/p1"}], "organization": [{"reference":"Organization/clinic-1"}],
              "policyRule": {"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-ActCode","code":"OPTIN"}]},
              "provision": { "type": "deny",
                "provision": [{ "type": "permit",
                  "period": {"start":"2025-01-10","end":"2025-04-10"},
                  "actor": [{"role":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-ParticipationType","code":"IRCP"}]},
                             "reference":{"reference":"Organization/insurer-9"}}],
                  "action": [{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/consentaction","code":"access"}]}],
                  "purpose": [{"system":"http://terminology.hl7.org/CodeSystem/v3-ActReason","code":"HPAYMT"}],
                  "securityLabel": [{"system":"http://terminology.hl7.org/CodeSystem/v3-Confidentiality","code":"N"}],
                  "class": [{"system":"http://hl7.org/fhir/resource-types","code":"Claim"}],
                  "dataPeriod": {"start":"2024-12-01","end":"2025-01-10"},
                  "data": [{"meaning":"related","reference":{"reference":"Encounter/e1"}}] }] } }
            """;

        var result = Import(json);

        Assert.False(result.IsSuccess);
        var paths = result.Errors.Select(e => e.Path).ToList();
        Assert.Contains("$.provision.provision[0].dataPeriod", paths);
        Assert.Contains("$.provision.provision[0].data", paths);
        Assert.Contains("$.provision.provision[0].securityLabel", paths);
        Assert.All(result.Errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Message)));
    }

    public static TheoryData<string, string> Unsupported() => new()
    {
        { "$.status", "draft" },
        { "$.resourceType", "Patient" },
        { "$.decision", "r5" },
        { "$.modifierExtension", "modifier" },
        { "$.implicitRules", "implicit" },
        { "$.contained", "contained" },
        { "$.scope", "scope" },
        { "$.patient.reference", "absolute-patient" },
        { "$.provision.provision[0].purpose[0]", "etreat" },
        { "$.provision.provision[0].purpose[0]", "unknown-system" },
        { "$.provision.provision[0].action[0]", "collect" },
        { "$.provision.provision[0].actor", "two-actors" },
        { "$.provision.provision[0].actor[0].role", "author" },
        { "$.provision.provision[0].actor[0].reference", "practitioner" },
        { "$.provision.provision[0].period.end", "fraction" },
        { "$.provision.provision[0].period.start", "year-only" },
        { "$.provision.provision[0].period.end", "before-start" },
        { "$.provision.provision[0].class[0]", "other-class" },
        { "$.provision.provision[0].securityLabel", "class-and-label" },
        { "$.provision.provision[0].code", "code" },
        { "$.provision.provision[0].modifierExtension", "provision-modifier" },
        { "$.provision.provision[0].provision", "deeper" },
        { "$.provision.period", "restricted-deny" },
        { "$.provision.provision", "two-permits" },
        { "$.provision.provision[0].type", "nested-deny" },
        { "$.provision.provision[0].action", "no-action" },
        { "$.provision.provision[0].purpose", "no-purpose" },
    };

    [Theory]
    [MemberData(nameof(Unsupported))]
    public void Import_UnsupportedContent_IsRefusedWithItsPath(string path, string change)
    {
        var consent = Exported();
        var permit = consent["provision"]!["provision"]![0]!.AsObject();
        switch (change)
        {
            case "draft": consent["status"] = "draft"; break;
            case "Patient": consent["resourceType"] = "Patient"; break;
            case "r5": consent["decision"] = "permit"; break;
            case "modifier": consent["modifierExtension"] = new JsonArray(); break;
            case "implicit": consent["implicitRules"] = "http://example.org/rules"; break;
            case "contained": consent["contained"] = new JsonArray(); break;
            case "scope": consent["scope"]!["coding"]![0]!["code"] = "research"; break;
            case "absolute-patient": consent["patient"]!["reference"] = "https://other.example/fhir/Patient/p-1"; break;
            case "etreat": permit["purpose"]![0]!["code"] = "ETREAT"; break;
            case "unknown-system": permit["purpose"]![0]!["system"] = "http://example.org/purposes"; break;
            case "collect": permit["action"]![0]!["coding"]![0]!["code"] = "collect"; break;
            case "two-actors": permit["actor"]!.AsArray().Add(permit["actor"]![0]!.DeepClone()); break;
            case "author": permit["actor"]![0]!["role"]!["coding"]![0]!["code"] = "AUT"; break;
            case "practitioner": permit["actor"]![0]!["reference"]!["reference"] = "Practitioner/dr-bo"; break;
            case "fraction": permit["period"]!["end"] = "2026-04-11T00:00:00.5Z"; break;
            case "year-only": permit["period"]!["start"] = "2026"; break;
            case "before-start": permit["period"]!["end"] = "2025-01-01T00:00:00Z"; break;
            case "other-class": permit["class"]![0]!["system"] = "http://hl7.org/fhir/resource-types"; break;
            case "class-and-label": permit["securityLabel"] = new JsonArray(JsonNode.Parse("""{"system":"http://terminology.hl7.org/CodeSystem/v3-ActCode","code":"MH"}""")); break;
            case "code": permit["code"] = new JsonArray(); break;
            case "provision-modifier": permit["modifierExtension"] = new JsonArray(); break;
            case "deeper": permit["provision"] = new JsonArray(JsonNode.Parse("""{"type":"deny"}""")); break;
            case "restricted-deny": consent["provision"]!["period"] = JsonNode.Parse("""{"start":"2026-01-01","end":"2026-02-01"}"""); break;
            case "two-permits": consent["provision"]!["provision"]!.AsArray().Add(permit.DeepClone()); break;
            case "nested-deny": permit["type"] = "deny"; break;
            case "no-action": permit.Remove("action"); break;
            case "no-purpose": permit.Remove("purpose"); break;
            default: throw new ArgumentOutOfRangeException(nameof(change));
        }

        var result = Import(consent.ToJsonString());

        Assert.False(result.IsSuccess);
        Assert.Contains(path, result.Errors.Select(e => e.Path));
    }

    [Theory]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("{\"resourceType\":\"Consent\",\"resourceType\":\"Consent\"}")]
    [InlineData("{\"resourceType\":\"Consent\"}")]
    public void Import_MalformedDocuments_AreRefused(string json)
    {
        var result = Import(json);

        Assert.False(result.IsSuccess);
        Assert.NotEmpty(result.Errors);
    }
}
