using System.Text.Json.Nodes;
using MedLedger.Access.Consent;
using MedLedger.Access.Fhir;
using MedLedger.Access.Tests.Support;

namespace MedLedger.Access.Tests.Consent;

public sealed class ConsentListJsonTests
{
    private static ConsentGrant Grant(string id, int startDays, int endDays, int recordedDays = -1) =>
        new(id, "p-1", ConsentTerms.Create(Grantee.Organization("clinic-b"), [ConsentAction.Access], [PurposeOfUse.Treatment], [RecordCategory.General], true,
            new ConsentPeriod(Instants.T0.AddDays(startDays), Instants.T0.AddDays(endDays))), Instants.T0.AddDays(recordedDays), "pat-1");

    private static readonly ConsentState State = new(
        "p-1",
        [Grant("c-1", -10, 10), Grant("c-2", -10, 10), Grant("c-3", -10, -1), Grant("c-4", 1, 10), Grant("c-5", -10, 10, recordedDays: 1)],
        [new ConsentRevocation("c-2", "p-1", Instants.T0.AddHours(-1), "dr-ada")]);

    [Fact]
    public void Write_EachGrantWithItsStatusAsOf_LaterGrantsLeftOut()
    {
        var json = JsonNode.Parse(ConsentListJson.Write(State, Instants.T0))!;

        var consents = json["consents"]!.AsArray();
        Assert.Equal(["c-1", "c-2", "c-3", "c-4"], consents.Select(c => (string)c!["consentId"]!));
        Assert.Equal(["active", "revoked", "expired", "not-yet-active"], consents.Select(c => (string)c!["status"]!));
        Assert.Equal("2026-03-01T11:00:00.000Z", (string?)consents[1]!["revokedAt"]);
        Assert.Null(consents[0]!["revokedAt"]);
        Assert.Equal(["general", "non-sensitive"], consents[0]!["categories"]!.AsArray().Select(c => (string)c!));
        Assert.Equal(State.Grants[0].Terms.ComputeHash().ToHex(), (string?)consents[0]!["termsSha256"]);
        Assert.Equal(("p-1", "2026-03-01T12:00:00.000Z"), ((string)json["patientId"]!, (string)json["asOf"]!));
    }

    [Fact]
    public void FhirBundle_HoldsTheSameGrants_RevokedOnesInactive()
    {
        var bundle = JsonNode.Parse(FhirConsentExporter.ExportBundle(State, Instants.T0))!;

        var resources = bundle["entry"]!.AsArray().Select(e => e!["resource"]!).ToList();
        Assert.Equal(["c-1", "c-2", "c-3", "c-4"], resources.Select(r => (string)r["id"]!));
        Assert.Equal(["active", "inactive", "active", "active"], resources.Select(r => (string)r["status"]!));
        Assert.All(resources, r => Assert.True(FhirConsentImporter.Import(System.Text.Encoding.UTF8.GetBytes(r.ToJsonString())).IsSuccess || (string)r["status"]! == "inactive"));
    }
}
