using System.Text;
using MedLedger.Access.Authorization;
using MedLedger.Access.Claims;
using MedLedger.Access.Consent;
using MedLedger.Access.Policy;
using MedLedger.Access.Tests.Support;
using MedLedger.Ledger.Hashing;
using MedLedger.Testing.Time;

namespace MedLedger.Access.Tests.Claims;

/// <summary>The claim check: consent first, then the record's facts, and never a word about a record without consent.</summary>
public sealed class ClaimVerifierTests
{
    private static readonly LedgerHash Stored = LedgerHash.Sha256("envelope"u8);
    private static readonly ClaimRecord General = new("r-9", Stored, new RecordAttributes("clinic-a", RecordCategory.General), new DateOnly(2026, 3, 2));
    private static readonly ClaimRecord Genetic = new("r-8", Stored, new RecordAttributes("clinic-a", RecordCategory.Genetic), null);
    private static readonly PolicyDecisionPoint Now = new(new FakeTimeProvider(Instants.T0));

    private static ClaimVerificationRequest Request(string extra = "\"recordId\":\"r-9\"", string date = "2026-03-02")
    {
        var result = ClaimVerificationRequest.Parse(Encoding.UTF8.GetBytes($$"""{"claimId":"c-77","patientId":"p-1",{{extra}},"serviceDate":"{{date}}","purpose":"HPAYMT"}"""));
        Assert.True(result.IsSuccess, result.Error?.ToString());
        return result.Request;
    }

    private static ConsentGrant Grant(string id = "c-1", string insurer = "insurer-x", ConsentAction action = ConsentAction.Disclose, PurposeOfUse purpose = PurposeOfUse.Payment, int endDays = 30) =>
        new(id, "p-1", ConsentTerms.Create(Grantee.Organization(insurer), [action], [purpose], [RecordCategory.General], false,
            new ConsentPeriod(Instants.T0.AddDays(-10), Instants.T0.AddDays(endDays))), Instants.T0.AddDays(-1), "pat-1");

    private static ConsentState State(params ConsentGrant[] grants) => new("p-1", grants, []);

    [Fact]
    public void Verify_ConsentedMatchingRecord_IsVerifiedWithAPermittingDecision()
    {
        var outcome = ClaimVerifier.Verify(Request(), "insurer-x", General, State(Grant()), Now);

        Assert.True(outcome.Verified);
        Assert.Empty(outcome.Reasons);
        Assert.Equal((AccessOperation.VerifyClaim, "consent:c-1", PurposeOfUse.Payment, "r-9"), (outcome.Decision.Operation, outcome.Decision.DecidedBy, outcome.Decision.Purpose, outcome.Decision.RecordId));
        Assert.True(outcome.Decision.IsPermit);
    }

    [Theory]
    [InlineData("insurer-y", ConsentAction.Disclose, PurposeOfUse.Payment, 30)]
    [InlineData("insurer-x", ConsentAction.Access, PurposeOfUse.Payment, 30)]
    [InlineData("insurer-x", ConsentAction.Disclose, PurposeOfUse.Treatment, 30)]
    public void Verify_NoMatchingConsent_IsConsentMissing(string insurer, ConsentAction action, PurposeOfUse purpose, int endDays)
    {
        var outcome = ClaimVerifier.Verify(Request(), "insurer-x", General, State(Grant(insurer: insurer, action: action, purpose: purpose, endDays: endDays)), Now);

        Assert.Equal([ClaimVerificationReason.ConsentMissing], outcome.Reasons);
        Assert.False(outcome.Decision.IsPermit);
    }

    [Fact]
    public void Verify_RevokedExpiredOrSensitive_SayWhy()
    {
        var revoked = new ConsentState("p-1", [Grant()], [new ConsentRevocation("c-1", "p-1", Instants.T0.AddHours(-1), "pat-1")]);

        Assert.Equal([ClaimVerificationReason.ConsentRevoked], ClaimVerifier.Verify(Request(), "insurer-x", General, revoked, Now).Reasons);
        Assert.Equal([ClaimVerificationReason.ConsentExpired], ClaimVerifier.Verify(Request(), "insurer-x", General, State(Grant(endDays: -1)), Now).Reasons);
        Assert.Equal(
            [ClaimVerificationReason.SensitiveCategoryNotConsented],
            ClaimVerifier.Verify(Request("\"recordId\":\"r-8\""), "insurer-x", Genetic, State(Grant()), Now).Reasons);
    }

    [Fact]
    public void Verify_DeniedDisclosure_RevealsNothingAboutTheRecord()
    {
        var outcome = ClaimVerifier.Verify(Request($"\"recordId\":\"r-9\",\"recordHash\":\"{new string('0', 64)}\"", "2020-01-01"), "insurer-x", General, State(), Now);

        Assert.Equal([ClaimVerificationReason.ConsentMissing], outcome.Reasons);
    }

    [Fact]
    public void Verify_PermittedButHashOrDateDiffers_SaysSo()
    {
        var outcome = ClaimVerifier.Verify(Request($"\"recordId\":\"r-9\",\"recordHash\":\"{new string('0', 64)}\"", "2026-03-03"), "insurer-x", General, State(Grant()), Now);

        Assert.False(outcome.Verified);
        Assert.Equal([ClaimVerificationReason.RecordHashMismatch, ClaimVerificationReason.ServiceDateMismatch], outcome.Reasons);
        Assert.True(outcome.Decision.IsPermit);
        Assert.True(ClaimVerifier.Verify(Request($"\"recordHash\":\"{Stored.ToHex()}\""), "insurer-x", General, State(Grant()), Now).Verified);
    }

    [Fact]
    public void Verify_NoRecord_IsNotFoundOnlyToAnInsurerWithConsent()
    {
        var consented = ClaimVerifier.Verify(Request(), "insurer-x", null, State(Grant()), Now);
        var stranger = ClaimVerifier.Verify(Request(), "insurer-y", null, State(Grant()), Now);

        Assert.Equal([ClaimVerificationReason.RecordNotFound], consented.Reasons);
        Assert.Equal("rule:record-not-found", consented.Decision.DecidedBy);
        Assert.Equal([ClaimVerificationReason.ConsentMissing], stranger.Reasons);
        Assert.Equal("rule:consent-missing", stranger.Decision.DecidedBy);
        Assert.Null(consented.RecordId);
    }

    [Fact]
    public void Verify_NotBefore_MakesALaterRevocationCount()
    {
        var revokedLater = new ConsentState("p-1", [Grant()], [new ConsentRevocation("c-1", "p-1", Instants.T0.AddSeconds(2), "pat-1")]);

        Assert.True(ClaimVerifier.Verify(Request(), "insurer-x", General, revokedLater, Now).Verified);
        Assert.Equal([ClaimVerificationReason.ConsentRevoked], ClaimVerifier.Verify(Request(), "insurer-x", General, revokedLater, Now, Instants.T0.AddSeconds(2)).Reasons);
    }
}
