using MedLedger.Access.Authorization;
using MedLedger.Access.Consent;
using MedLedger.Access.LedgerEvents;
using MedLedger.Access.Policy;
using MedLedger.Access.Tests.Support;

namespace MedLedger.Access.Tests.LedgerEvents;

public sealed class DecisionDetailsTests
{
    [Fact]
    public void FromPolicy_BreakGlass_CarriesTheSessionStart_WholeMilliseconds()
    {
        var session = new BreakGlassSession("r", Instants.T0.AddTicks(9_999));
        var decision = new AccessDecision(DecisionOutcome.Permit, PolicyRule.BreakGlass, null, PurposeOfUse.EmergencyTreatment, true, DecisionReason.BreakGlassAccess, Instants.T0.AddMinutes(1));

        var details = DecisionDetails.FromPolicy(AccessOperation.ReadRecord, decision, "r-1", session);

        Assert.Equal(Instants.T0, details.BreakGlassStartedAt);
        Assert.Equal(("rule:break-glass", "break-glass-access"), (details.DecidedBy, details.ReasonCode));
    }

    [Fact]
    public void FromPolicy_WithoutBreakGlass_IgnoresASession()
    {
        var decision = new AccessDecision(DecisionOutcome.Deny, PolicyRule.DefaultDeny, null, PurposeOfUse.Treatment, false, DecisionReason.NoMatchingConsent, Instants.T0);

        var details = DecisionDetails.FromPolicy(AccessOperation.ReadRecord, decision, null, new BreakGlassSession("r", Instants.T0));

        Assert.Null(details.BreakGlassStartedAt);
        Assert.False(details.IsPermit);
    }
}
