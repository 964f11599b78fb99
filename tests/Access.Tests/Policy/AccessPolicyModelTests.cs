using MedLedger.Access.Policy;
using MedLedger.Access.Tests.Policy.Reference;

namespace MedLedger.Access.Tests.Policy;

/// <summary>
/// D3: the policy decision point against the independent decision-table model on generated questions — grants ×
/// revocations × time × purpose × category × caller — with zero mismatches allowed.
/// </summary>
public sealed class AccessPolicyModelTests
{
    private const int Cases = 20_000;

    [Fact]
    public void Decide_GeneratedCases_MatchTheReferenceModelExactly()
    {
        var scenarios = new PolicyScenarios(seed: 20260301);
        var reasons = new Dictionary<DecisionReason, int>();
        var rules = new Dictionary<PolicyRule, int>();
        var mismatches = new List<string>();
        var permits = 0;
        var withRevocations = 0;

        for (var i = 0; i < Cases; i++)
        {
            var (request, state) = scenarios.Next();

            var decision = AccessPolicy.Decide(request, state);
            var expected = PolicyReferenceModel.Decide(request, state);

            var actual = PolicyReferenceModel.Describe(decision);
            if (actual != expected && mismatches.Count < 5)
            {
                mismatches.Add($"case {i}: expected {expected}, got {actual}");
            }

            reasons[decision.Reason] = reasons.GetValueOrDefault(decision.Reason) + 1;
            rules[decision.Rule] = rules.GetValueOrDefault(decision.Rule) + 1;
            permits += decision.IsPermit ? 1 : 0;
            withRevocations += state.Revocations.Count > 0 ? 1 : 0;
            Assert.Equal(request.Time, decision.Time);
            Assert.Equal(request.Purpose, decision.Purpose);
        }

        Assert.Empty(mismatches);

        // The generator must actually reach every rule and every reason, or zero mismatches would prove little.
        Assert.All(Enum.GetValues<DecisionReason>(), reason => Assert.True(reasons.GetValueOrDefault(reason) >= 25, $"{reason}: {reasons.GetValueOrDefault(reason)} cases"));
        Assert.All(Enum.GetValues<PolicyRule>(), rule => Assert.True(rules.GetValueOrDefault(rule) >= 25, $"{rule}: {rules.GetValueOrDefault(rule)} cases"));
        Assert.InRange(permits, Cases / 20, Cases * 9 / 10);
        Assert.True(withRevocations > Cases / 5);
        TestContext.Current.SendDiagnosticMessage(
            $"{Cases} cases, {permits} permits; " + string.Join(", ", reasons.OrderBy(r => r.Key).Select(r => $"{r.Key.ToCode()}={r.Value}")));
    }

    [Fact]
    public void ReferenceModel_DisagreesWithABrokenPolicy()
    {
        // Guards the comparison itself: a policy that ignores revocations must be caught by the model.
        var scenarios = new PolicyScenarios(seed: 7);
        var caught = false;
        for (var i = 0; i < 5000 && !caught; i++)
        {
            var (request, state) = scenarios.Next();
            var forgetful = new Access.Consent.ConsentState(state.PatientId, state.Grants, []);

            caught = PolicyReferenceModel.Describe(AccessPolicy.Decide(request, forgetful)) != PolicyReferenceModel.Decide(request, state);
        }

        Assert.True(caught);
    }
}
