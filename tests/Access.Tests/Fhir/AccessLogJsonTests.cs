using System.Text.Json.Nodes;
using MedLedger.Access.AccessLog;
using MedLedger.Access.Authorization;
using MedLedger.Access.Consent;
using MedLedger.Access.Policy;
using MedLedger.Access.Tests.Support;
using MedLedger.Ledger.Hashing;

namespace MedLedger.Access.Tests.Fhir;

public sealed class AccessLogJsonTests
{
    [Fact]
    public void Write_LinesWithReceiptLinksAndNext()
    {
        var leaf = LedgerHash.Sha256("x"u8);
        var lines = new[]
        {
            new AccessLogLine(4, leaf, Instants.T0, AccessLogEventKind.RecordRead, "dr-bo", "clinic-b", "p-1", DecisionOutcome.Deny, recordId: "r-1",
                purpose: PurposeOfUse.Treatment, decidedBy: "rule:default-deny", reason: DecisionReason.NoMatchingConsent, operation: AccessOperation.ReadRecord, eventId: "e0-x"),
            new AccessLogLine(9, leaf, Instants.T0, AccessLogEventKind.BreakGlassOpened, "dr-bo", "clinic-b", "p-1", DecisionOutcome.Permit, breakGlass: true),
        };

        var json = JsonNode.Parse(AccessLogJson.Write("p-1", lines, id => "/api/ledger/events/" + id, "/api/patients/p-1/access-log?from=10"))!;

        var first = json["lines"]![0]!;
        Assert.Equal((4L, "e0-x", "/api/ledger/events/e0-x"), ((long)first["ledgerIndex"]!, (string)first["eventId"]!, (string)first["receipt"]!));
        Assert.Equal(("record-read", "read-record", "deny", "rule:default-deny", "no-matching-consent"),
            ((string)first["event"]!, (string)first["operation"]!, (string)first["decision"]!, (string)first["decidedBy"]!, (string)first["reason"]!));
        Assert.Equal(("dr-bo", "clinic-b"), ((string)first["actor"]!["userKey"]!, (string)first["actor"]!["organization"]!));
        Assert.Equal(leaf.ToBase64(), (string?)first["leafHash"]);
        Assert.Null(json["lines"]![1]!["receipt"]);
        Assert.True((bool)json["lines"]![1]!["breakGlass"]!);
        Assert.Equal("/api/patients/p-1/access-log?from=10", (string?)json["next"]);
        Assert.All(Enum.GetValues<AccessLogEventKind>(), kind => Assert.Matches("^[a-z-]+$", AccessLogJson.ToCode(kind)));
    }
}
