using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using MedLedger.Access.AccessLog;
using MedLedger.Access.Authorization;
using MedLedger.Access.Claims;
using MedLedger.Access.Consent;
using MedLedger.Access.Identity;
using MedLedger.Access.LedgerEvents;
using MedLedger.Access.Policy;
using MedLedger.Access.Tests.Support;
using MedLedger.Ledger.Entries;
using MedLedger.Ledger.Hashing;

namespace MedLedger.Access.Tests.LedgerEvents;

/// <summary>Access events written into ledger entries and read back: known answers, round trips, and strict reading.</summary>
public sealed class AccessEventsTests
{
    private static readonly DateTimeOffset T0 = Instants.T0;
    private static readonly Caller DrBo = new("dr-bo", [Role.Clinician], "clinic-b");

    private static LedgerEntry Entry(AccessEventContent content, string actor = "dr-bo", long sequence = 7, string type = "") =>
        LedgerEntry.Create("medledger.test/access", sequence, T0.AddSeconds(1), new EntryDraft(type.Length > 0 ? type : content.Type, actor, "pt-1", "evt-1", content.Data), LedgerHash.Zero);

    private static LedgerEntry Entry(string type, string dataJson, string actor = "dr-bo") =>
        LedgerEntry.Create("medledger.test/access", 7, T0, new EntryDraft(type, actor, "pt-1", "evt-1", JsonDocument.Parse(dataJson).RootElement), LedgerHash.Zero);

    private static string Data(AccessEventContent content) => Encoding.UTF8.GetString(CanonicalJson.Serialize(content.Data));

    private static ConsentTerms Terms() => ConsentTerms.Create(
        Grantee.Organization("clinic-b"), [ConsentAction.Access], [PurposeOfUse.Treatment], [RecordCategory.General], false,
        new ConsentPeriod(Instants.At("2026-01-01T00:00:00Z"), Instants.At("2026-07-01T00:00:00Z")));

    private static AccessDecision Permit() =>
        new(DecisionOutcome.Permit, PolicyRule.Consent, "c-1", PurposeOfUse.Treatment, false, DecisionReason.ConsentGranted, T0.AddTicks(12_345));

    [Fact]
    public void ConsentGranted_KnownAnswer_MatchesDocsLedgerEvents()
    {
        var content = AccessEvents.ConsentGranted("c-1", Terms(), null, T0);

        Assert.Equal(AccessEventTypes.ConsentGranted, content.Type);
        Assert.Equal(
            """{"consentId":"c-1","occurredAt":"2026-03-01T12:00:00.000Z","terms":{"actions":["access"],"categories":["general"],"format":"medledger-consent-terms/v1","grantee":{"id":"clinic-b","kind":"organization"},"period":{"end":"2026-07-01T00:00:00Z","start":"2026-01-01T00:00:00Z"},"purposes":["TREAT"]},"termsSha256":"""
            + $"\"{Terms().ComputeHash().ToHex()}\"}}",
            Data(content));
        Assert.Null(content.RecordId);
    }

    [Fact]
    public void Decision_PermittedRead_KnownAnswer_IsRecordRead()
    {
        var content = AccessEvents.Decision(DecisionDetails.FromPolicy(AccessOperation.ReadRecord, Permit(), "r0-abc_DEF"), "clinic-b");

        Assert.Equal((AccessEventTypes.RecordRead, "r0-abc_DEF"), (content.Type, content.RecordId));
        Assert.Equal(
            """{"actorOrganization":"clinic-b","breakGlass":false,"consentId":"c-1","decidedBy":"consent:c-1","decision":"permit","occurredAt":"2026-03-01T12:00:00.001Z","operation":"read-record","purpose":"TREAT","reason":"consent-granted","recordId":"r0-abc_DEF","rule":"consent"}""",
            Data(content));
    }

    [Theory]
    [InlineData(OperationVerdict.Denied, null, AccessEventTypes.AccessDenied, "rights:none", "operation-not-permitted")]
    [InlineData(OperationVerdict.Allowed, Role.Auditor, AccessEventTypes.AccessPermitted, "rights:auditor:any-patient", "operation-permitted")]
    public void Decision_ByTheRightsTable_IsDeniedOrPermitted(OperationVerdict verdict, Role? role, string type, string decidedBy, string reason)
    {
        var decision = DecisionDetails.FromRights(AccessOperation.ReadAccessLog, new OperationDecision(verdict, role, role is null ? RightScope.None : RightScope.AnyPatient), T0);

        var content = AccessEvents.Decision(decision, null);
        var read = AccessEventReader.ReadDecision(Entry(content))!;

        Assert.Equal(type, content.Type);
        Assert.Equal((decidedBy, reason, AccessOperation.ReadAccessLog), (read.DecidedBy, read.ReasonCode, read.Operation));
        Assert.Null(read.Rule);
        Assert.Throws<ArgumentException>(() => DecisionDetails.FromRights(
            AccessOperation.ReadRecord, new OperationDecision(OperationVerdict.RequiresPolicyDecision, Role.Clinician, RightScope.ConsentPolicy), T0));
    }

    [Fact]
    public void Decision_Refusal_IsDeniedByARequestRule()
    {
        var content = AccessEvents.Decision(DecisionDetails.Refusal(AccessOperation.ListConsents, "unknown-patient", T0), null);

        var line = AccessEventReader.ReadLine(Entry(content, "aud-1"), "p-9")!;

        Assert.Equal((AccessLogEventKind.OperationDecision, DecisionOutcome.Deny, "rule:unknown-patient"), (line.Kind, line.Outcome, line.DecidedBy));
        Assert.Throws<ArgumentException>(() => DecisionDetails.Refusal(AccessOperation.ListConsents, "Not A Code", T0));
    }

    [Fact]
    public void Decision_EveryPolicyOutcome_RoundTripsThroughAnEntry()
    {
        var session = new BreakGlassSession("reason", T0.AddMinutes(-3));
        var records = new[] { new RecordAttributes("clinic-a", RecordCategory.General), new RecordAttributes("clinic-b", RecordCategory.MentalHealth) };
        var callers = new[] { DrBo, new Caller("pat-1", [Role.Patient], patientId: "p-1"), new Caller("ins-1", [Role.Insurer], "insurer-x"), new Caller("aud-1", [Role.Auditor]) };
        var consents = new ConsentState("p-1", [new ConsentGrant("c-1", "p-1", Terms(), T0.AddDays(-1), "pat-1")], []);
        var reasons = new HashSet<DecisionReason>();
        foreach (var caller in callers)
        {
            foreach (var purpose in ConsentCodes.Purposes)
            {
                foreach (var record in records)
                {
                    foreach (var action in ConsentCodes.Actions)
                    {
                        var decision = AccessPolicy.Decide(new AccessRequest(caller, "p-1", record, action, purpose, T0, session), consents);
                        var details = DecisionDetails.FromPolicy(AccessOperation.ReadRecord, decision, "r-1", session);
                        var read = AccessEventReader.ReadDecision(Entry(AccessEvents.Decision(details, caller.OrganizationId)))!;
                        Assert.Equal(
                            (details.Outcome, details.DecidedBy, details.ReasonCode, details.Rule, details.Reason, details.Purpose, details.ConsentId, details.BreakGlass, details.BreakGlassStartedAt, details.RecordId, details.DecidedAt),
                            (read.Outcome, read.DecidedBy, read.ReasonCode, read.Rule, read.Reason, read.Purpose, read.ConsentId, read.BreakGlass, read.BreakGlassStartedAt, read.RecordId, read.DecidedAt));
                        reasons.Add(decision.Reason);
                    }
                }
            }
        }

        Assert.True(reasons.Count >= 8, $"only {reasons.Count} reasons reached");
    }

    [Fact]
    public void ConsentGranted_AnyTerms_ReadBackIdentically()
    {
        var property = Prop.ForAll(Arb.From(TermsGen.Terms), terms =>
        {
            var grant = AccessEventReader.ReadGrant(Entry(AccessEvents.ConsentGranted("c-7", terms, "clinic-a", T0), "dr-ada"), "p-1");
            return grant.Terms.ToCanonicalJson().AsSpan().SequenceEqual(terms.ToCanonicalJson())
                && grant.ConsentId == "c-7" && grant.GrantedBy == "dr-ada" && grant.RecordedAt == T0.AddSeconds(1);
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), property);
    }

    [Fact]
    public void ConsentRevoked_ReadBack_NamesTheConsentAndTermsHash()
    {
        var (revocation, hash) = AccessEventReader.ReadRevocation(Entry(AccessEvents.ConsentRevoked("c-1", Terms().ComputeHash(), null, T0), "pat-1"), "p-1");

        Assert.Equal(("c-1", "p-1", "pat-1", T0.AddSeconds(1)), (revocation.ConsentId, revocation.PatientId, revocation.RevokedBy, revocation.RecordedAt));
        Assert.Equal(Terms().ComputeHash(), hash);
    }

    [Fact]
    public void BreakGlassOpened_HoldsOnlyTheReasonsHash()
    {
        var content = AccessEvents.BreakGlassOpened(AccessEvents.HashReason("unconscious on arrival"), T0, "clinic-b");

        Assert.DoesNotContain("unconscious", Data(content), StringComparison.Ordinal);
        var (user, started, hash) = AccessEventReader.ReadBreakGlass(Entry(content));
        Assert.Equal(("dr-bo", T0, AccessEvents.HashReason("unconscious on arrival")), (user, started, hash));
        var line = AccessEventReader.ReadLine(Entry(content), "p-1")!;
        Assert.Equal((AccessLogEventKind.BreakGlassOpened, true, PurposeOfUse.EmergencyTreatment), (line.Kind, line.BreakGlass, line.Purpose));
    }

    [Fact]
    public void ClaimVerified_VerifiedAndRefuted_ReadAsConsentDecisions()
    {
        var permit = DecisionDetails.FromPolicy(
            AccessOperation.VerifyClaim, Permit() with { Purpose = PurposeOfUse.Payment }, "r-1");
        var verified = AccessEvents.ClaimVerified("c-77", "insurer-x", "r-1", true, [], permit, T0);
        var notFound = AccessEvents.ClaimVerified("c-78", "insurer-x", null, false, [ClaimVerificationReason.RecordNotFound], null, T0);

        var verifiedLine = AccessEventReader.ReadLine(Entry(verified, "insurer-x"), "p-1")!;
        var notFoundLine = AccessEventReader.ReadLine(Entry(notFound, "insurer-x"), "p-1")!;

        Assert.Equal((AccessLogEventKind.ConsentDecision, DecisionOutcome.Permit, "r-1", "c-1", "insurer-x"), (verifiedLine.Kind, verifiedLine.Outcome, verifiedLine.RecordId, verifiedLine.ConsentId, verifiedLine.ActorOrganizationId));
        Assert.Equal((DecisionOutcome.Deny, (string?)null), (notFoundLine.Outcome, notFoundLine.RecordId));
        Assert.Null(AccessEventReader.ReadDecision(Entry(notFound, "insurer-x")));
        Assert.Equal("r-1", verified.RecordId);
    }

    [Fact]
    public void ClaimVerified_Inconsistent_Throws()
    {
        var permit = DecisionDetails.FromPolicy(AccessOperation.VerifyClaim, Permit(), "r-1");
        var deny = DecisionDetails.FromPolicy(AccessOperation.VerifyClaim, Permit() with { Outcome = DecisionOutcome.Deny }, "r-1");

        Assert.Throws<ArgumentException>(() => AccessEvents.ClaimVerified("c", "insurer-x", "r-1", true, [ClaimVerificationReason.ConsentMissing], permit, T0));
        Assert.Throws<ArgumentException>(() => AccessEvents.ClaimVerified("c", "insurer-x", "r-1", true, [], deny, T0));
        Assert.Throws<ArgumentException>(() => AccessEvents.ClaimVerified("c", "insurer-x", "r-1", false, [], deny, T0));
        Assert.Throws<ArgumentException>(() => AccessEvents.ClaimVerified("c", "insurer-x", "r-2", false, [ClaimVerificationReason.ConsentMissing], deny, T0));
        Assert.Throws<ArgumentException>(() => AccessEvents.ClaimVerified("c", "insurer-x", "r-1", false, [ClaimVerificationReason.ConsentMissing],
            DecisionDetails.FromPolicy(AccessOperation.ReadRecord, Permit(), "r-1"), T0));
    }

    [Fact]
    public void ReadLine_TypeOutsideTheAccessLog_IsNull()
    {
        Assert.Null(AccessEventReader.ReadLine(Entry("subject.noted", """{"x":1}"""), "p-1"));
    }

    [Theory]
    [InlineData(AccessEventTypes.RecordRead, """{"recordId":"r-1"}""", "operation")]
    [InlineData(AccessEventTypes.RecordRead, """{"breakGlass":false,"decidedBy":"rule:default-deny","decision":"deny","occurredAt":"2026-03-01T12:00:00.000Z","operation":"read-record","reason":"no-matching-consent","rule":"default-deny"}""", "decision")]
    [InlineData(AccessEventTypes.AccessDenied, """{"breakGlass":false,"decidedBy":"consent:c-2","decision":"deny","occurredAt":"2026-03-01T12:00:00.000Z","operation":"read-record","reason":"consent-revoked","rule":"consent","consentId":"c-1"}""", "decidedBy")]
    [InlineData(AccessEventTypes.AccessDenied, """{"breakGlass":"no","decidedBy":"rights:none","decision":"deny","occurredAt":"2026-03-01T12:00:00.000Z","operation":"list-consents","reason":"operation-not-permitted"}""", "breakGlass")]
    [InlineData(AccessEventTypes.AccessDenied, """{"breakGlass":false,"decidedBy":"rights:none","decision":"deny","occurredAt":"2026-03-01T12:00:00Z","operation":"list-consents","reason":"operation-not-permitted"}""", "occurredAt")]
    [InlineData(AccessEventTypes.AccessDenied, """{"breakGlass":false,"decidedBy":"rights:none","decision":"deny","occurredAt":"2026-03-01T12:00:00.000Z","operation":"fly","reason":"operation-not-permitted"}""", "operation")]
    [InlineData(AccessEventTypes.AccessDenied, """{"breakGlass":false,"decidedBy":"rule:x","decision":"deny","occurredAt":"2026-03-01T12:00:00.000Z","operation":"read-record","reason":"no-such-reason","rule":"consent"}""", "reason")]
    [InlineData(AccessEventTypes.AccessPermitted, """{"breakGlass":false,"decidedBy":"rights:patient:own-patient","decision":"permit","occurredAt":"2026-03-01T12:00:00.000Z","operation":"read-record","reason":"operation-permitted"}""", "decision")]
    [InlineData(AccessEventTypes.RecordCreated, """{"category":"general"}""", "recordId")]
    [InlineData(AccessEventTypes.RecordCreated, """{"recordId":"r/1"}""", "recordId")]
    [InlineData(AccessEventTypes.ConsentGranted, """{"consentId":"c-1"}""", "terms")]
    [InlineData(AccessEventTypes.ConsentRevoked, """{"consentId":"c 1","termsSha256":"00"}""", "consentId")]
    [InlineData(AccessEventTypes.BreakGlassOpened, """{"occurredAt":"2026-03-01T12:00:00.000Z","reasonSha256":"ABCD"}""", "reasonSha256")]
    [InlineData(AccessEventTypes.ClaimVerified, """{"claimId":"c-1","verified":"yes"}""", "verified")]
    public void ReadLine_MalformedAccessEvent_IsInvalidDataNamingTheMember(string type, string data, string member)
    {
        var error = Assert.Throws<InvalidDataException>(() => AccessEventReader.ReadLine(Entry(type, data), "p-1"));

        Assert.Contains($"({type}): {member} ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadLine_ActorThatIsNotAUserKey_IsInvalidData()
    {
        var content = AccessEvents.ConsentRevoked("c-1", Terms().ComputeHash(), null, T0);

        Assert.Throws<InvalidDataException>(() => AccessEventReader.ReadLine(Entry(content, "dev:developer"), "p-1"));
    }

    [Fact]
    public void ReadLine_UnknownExtraMembers_AreIgnored()
    {
        var node = JsonNode.Parse(AccessEvents.ConsentRevoked("c-1", Terms().ComputeHash(), null, T0).Data.GetRawText())!.AsObject();
        node["laterAddition"] = 1;

        var line = AccessEventReader.ReadLine(Entry(AccessEventTypes.ConsentRevoked, node.ToJsonString()), "p-1");

        Assert.Equal("c-1", line!.ConsentId);
    }

    [Fact]
    public void Readers_WrongEntryType_Throw()
    {
        var entry = Entry("subject.noted", """{"x":1}""");

        Assert.Throws<ArgumentException>(() => AccessEventReader.ReadGrant(entry, "p-1"));
        Assert.Throws<ArgumentException>(() => AccessEventReader.ReadRevocation(entry, "p-1"));
        Assert.Throws<ArgumentException>(() => AccessEventReader.ReadBreakGlass(entry));
        Assert.Throws<ArgumentException>(() => AccessEventReader.ReadDecision(entry));
    }

    [Fact]
    public void Writers_MalformedIds_Throw()
    {
        Assert.Throws<ArgumentException>(() => AccessEvents.ConsentGranted("c 1", Terms(), null, T0));
        Assert.Throws<ArgumentException>(() => AccessEvents.ConsentRevoked("c-1", LedgerHash.Zero, "clinic/a", T0));
        Assert.Throws<ArgumentException>(() => AccessEvents.Decision(DecisionDetails.FromPolicy(AccessOperation.ReadRecord, Permit(), null), "bad org"));
        Assert.Throws<ArgumentException>(() => DecisionDetails.FromPolicy(AccessOperation.ReadRecord, Permit(), "r/1"));
    }
}
