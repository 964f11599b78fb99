using System.Text.Json.Nodes;
using MedLedger.Access.AccessLog;
using MedLedger.Access.Authorization;
using MedLedger.Access.Consent;
using MedLedger.Access.Fhir;
using MedLedger.Access.Policy;
using MedLedger.Access.Tests.Support;
using MedLedger.Ledger.Hashing;

namespace MedLedger.Access.Tests.Fhir;

public sealed class AuditEventExporterTests
{
    private static readonly LedgerHash Leaf = LedgerHash.Sha256("entry"u8);

    private static AccessLogLine Read(DecisionOutcome outcome, bool breakGlass = false) => new(
        42, Leaf, Instants.T0, AccessLogEventKind.RecordRead, "dr-bo", "clinic-b", "p-1", outcome, recordId: "r-9",
        consentId: outcome == DecisionOutcome.Permit ? "c-1" : null,
        purpose: breakGlass ? PurposeOfUse.EmergencyTreatment : PurposeOfUse.Treatment, breakGlass: breakGlass,
        decidedBy: outcome == DecisionOutcome.Permit ? "consent:c-1" : "rule:default-deny",
        reason: outcome == DecisionOutcome.Permit ? DecisionReason.ConsentGranted : DecisionReason.NoMatchingConsent);

    private static JsonObject Export(AccessLogLine line) => JsonNode.Parse(AuditEventExporter.Export(line))!.AsObject();

    private static Dictionary<string, string> LedgerDetails(JsonObject audit) =>
        audit["entity"]!.AsArray()
            .Single(e => (string?)e!["what"]!["identifier"]?["system"] == FhirSystems.LedgerEntry)!["detail"]!.AsArray()
            .ToDictionary(d => (string)d!["type"]!, d => (string)(d!["valueString"] ?? d["valueBase64Binary"])!);

    [Fact]
    public void Export_PermittedRead_IsRestReadWithLedgerLinkage()
    {
        var audit = Export(Read(DecisionOutcome.Permit));

        Assert.Equal("AuditEvent", (string?)audit["resourceType"]);
        Assert.Equal("ledger-42", (string?)audit["id"]);
        Assert.Equal(("rest", FhirSystems.AuditEventType), ((string?)audit["type"]!["code"], (string?)audit["type"]!["system"]));
        Assert.Equal("read", (string?)audit["subtype"]![0]!["code"]);
        Assert.Equal("R", (string?)audit["action"]);
        Assert.Equal("0", (string?)audit["outcome"]);
        Assert.Equal("2026-03-01T12:00:00.000Z", (string?)audit["recorded"]);
        var user = audit["agent"]![0]!;
        Assert.Equal("dr-bo", (string?)user["who"]!["identifier"]!["value"]);
        Assert.True((bool)user["requestor"]!);
        Assert.Equal("TREAT", (string?)user["purposeOfUse"]![0]!["coding"]![0]!["code"]);
        Assert.Equal("Organization/clinic-b", (string?)audit["agent"]![1]!["who"]!["reference"]);
        Assert.False((bool)audit["agent"]![1]!["requestor"]!);
        Assert.Equal("MedLedger", (string?)audit["source"]!["observer"]!["display"]);
        var entities = audit["entity"]!.AsArray();
        Assert.Equal("Patient/p-1", (string?)entities[0]!["what"]!["reference"]);
        Assert.Equal("r-9", (string?)entities[1]!["what"]!["identifier"]!["value"]);
        Assert.Equal("Consent/c-1", (string?)entities[2]!["what"]!["reference"]);
        var details = LedgerDetails(audit);
        Assert.Equal("42", details["ledger-index"]);
        Assert.Equal(Leaf.ToBase64(), details["leaf-hash"]);
        Assert.Equal("consent:c-1", details["decided-by"]);
        Assert.Equal("consent-granted", details["reason"]);
        Assert.Equal("false", details["break-glass"]);
    }

    [Fact]
    public void Export_DeniedRead_IsAFailureWithTheReason()
    {
        var audit = Export(Read(DecisionOutcome.Deny));

        Assert.Equal("8", (string?)audit["outcome"]);
        Assert.Equal("no-matching-consent", (string?)audit["outcomeDesc"]);
        Assert.DoesNotContain(audit["entity"]!.AsArray(), e => (string?)e!["what"]!["reference"] == "Consent/c-1");
    }

    [Fact]
    public void Export_BreakGlass_IsFlaggedWithTheEmergencyPurpose()
    {
        var audit = Export(Read(DecisionOutcome.Permit, breakGlass: true));

        Assert.Equal("true", LedgerDetails(audit)["break-glass"]);
        Assert.Equal("ETREAT", (string?)audit["purposeOfEvent"]![0]!["coding"]![0]!["code"]);
    }

    [Theory]
    [InlineData(AccessLogEventKind.RecordCreated, "rest", "create", "C")]
    [InlineData(AccessLogEventKind.ConsentGranted, "rest", "create", "C")]
    [InlineData(AccessLogEventKind.ConsentRevoked, "rest", "update", "U")]
    [InlineData(AccessLogEventKind.ConsentDecision, "110113", "AuthZ-Consent", "E")]
    public void Export_EventKinds_MapToBalpTypes(AccessLogEventKind kind, string type, string subtype, string action)
    {
        var line = new AccessLogLine(7, Leaf, Instants.T0, kind, "pat-1", null, "p-1", DecisionOutcome.Permit, consentId: "c-1");

        var audit = Export(line);

        Assert.Equal((type, subtype, action), ((string)audit["type"]!["code"]!, (string)audit["subtype"]![0]!["code"]!, (string)audit["action"]!));
        Assert.Single(audit["agent"]!.AsArray());
    }

    [Theory]
    [InlineData(AccessOperation.ReadAccessLog, "rest", "search-type", "E")]
    [InlineData(AccessOperation.ListConsents, "rest", "search-type", "E")]
    [InlineData(AccessOperation.GrantConsent, "rest", "create", "C")]
    [InlineData(AccessOperation.SubmitRecord, "rest", "create", "C")]
    [InlineData(AccessOperation.RevokeConsent, "rest", "update", "U")]
    [InlineData(AccessOperation.ReadRecord, "rest", "read", "R")]
    [InlineData(AccessOperation.VerifyClaim, "110113", "AuthZ-Consent", "E")]
    [InlineData(AccessOperation.ManageDirectory, "rest", "operation", "E")]
    public void Export_OperationDecisions_MapByOperation_AndNameTheOperationAndEvent(AccessOperation operation, string type, string subtype, string action)
    {
        var line = new AccessLogLine(
            9, Leaf, Instants.T0, AccessLogEventKind.OperationDecision, "aud-1", null, "p-1", DecisionOutcome.Deny,
            decidedBy: "rights:none", operation: operation, eventId: "e0-abc_DEF");

        var audit = Export(line);

        Assert.Equal((type, subtype, action), ((string)audit["type"]!["code"]!, (string)audit["subtype"]![0]!["code"]!, (string)audit["action"]!));
        Assert.Equal("8", (string?)audit["outcome"]);
        var details = LedgerDetails(audit);
        Assert.Equal((operation.ToCode(), "e0-abc_DEF", "rights:none", "false"), (details["operation"], details["event-id"], details["decided-by"], details["break-glass"]));
    }

    [Fact]
    public void Export_BreakGlassOpened_IsASecurityAlertForEmergencyTreatment()
    {
        var line = new AccessLogLine(
            3, Leaf, Instants.T0, AccessLogEventKind.BreakGlassOpened, "dr-bo", "clinic-b", "p-1", DecisionOutcome.Permit,
            purpose: PurposeOfUse.EmergencyTreatment, breakGlass: true);

        var audit = Export(line);

        Assert.Equal(("110113", "ETREAT", "E"), ((string)audit["type"]!["code"]!, (string)audit["subtype"]![0]!["code"]!, (string)audit["action"]!));
        Assert.Equal("true", LedgerDetails(audit)["break-glass"]);
    }

    [Fact]
    public void Line_MalformedEventId_Throws()
    {
        Assert.Throws<ArgumentException>(() => new AccessLogLine(1, Leaf, Instants.T0, AccessLogEventKind.RecordCreated, "dr-ada", null, "p-1", DecisionOutcome.Permit, eventId: "bad id"));
    }

    [Fact]
    public void ExportBundle_IsACollectionInTheGivenOrder()
    {
        var bundle = JsonNode.Parse(AuditEventExporter.ExportBundle([Read(DecisionOutcome.Deny), Read(DecisionOutcome.Permit) with { }]))!;

        Assert.Equal(("Bundle", "collection"), ((string)bundle["resourceType"]!, (string)bundle["type"]!));
        Assert.Equal(["8", "0"], bundle["entry"]!.AsArray().Select(e => (string?)e!["resource"]!["outcome"]));
    }
}
