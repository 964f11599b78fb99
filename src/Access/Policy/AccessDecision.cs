using MedLedger.Access.Consent;

namespace MedLedger.Access.Policy;

/// <summary>
/// The policy's answer, with everything a ledger entry needs to make it provable: outcome, the rule that decided,
/// the consent involved (if any), purpose, break-glass flag, reason and instant.
/// </summary>
/// <param name="Outcome">Permit or deny.</param>
/// <param name="Rule">The rule that decided.</param>
/// <param name="ConsentId">The consent that permitted, or the consent whose state explains a denial; null otherwise.</param>
/// <param name="Purpose">The purpose the request stated.</param>
/// <param name="BreakGlass">True when the request invoked break-glass (ETREAT), whatever the outcome: attempts are alert-worthy too.</param>
/// <param name="Reason">Why.</param>
/// <param name="Time">The instant decided at.</param>
public sealed record AccessDecision(
    DecisionOutcome Outcome,
    PolicyRule Rule,
    string? ConsentId,
    PurposeOfUse Purpose,
    bool BreakGlass,
    DecisionReason Reason,
    DateTimeOffset Time)
{
    /// <summary>Gets a value indicating whether the request is permitted.</summary>
    public bool IsPermit => Outcome == DecisionOutcome.Permit;

    /// <summary>Gets what decided, as one token: <c>consent:{id}</c> when a consent was involved, otherwise <c>rule:{rule code}</c>.</summary>
    public string DecidedBy => ConsentId is null ? $"rule:{Rule.ToCode()}" : $"consent:{ConsentId}";
}
