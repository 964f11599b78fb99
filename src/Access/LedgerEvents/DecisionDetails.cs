using MedLedger.Access.Authorization;
using MedLedger.Access.Consent;
using MedLedger.Access.Identifiers;
using MedLedger.Access.Identity;
using MedLedger.Access.Policy;

namespace MedLedger.Access.LedgerEvents;

/// <summary>
/// One authorization decision as the ledger records it: the operation, permit or deny, what decided (a consent, a
/// policy rule, the rights table, or a request-level rule), why, the purpose and the break-glass flag.
/// </summary>
/// <remarks>
/// <see cref="DecidedBy"/> is one token: <c>consent:{id}</c> or <c>rule:{policy rule}</c> for the policy decision point
/// (<see cref="AccessDecision.DecidedBy"/>), <c>rights:{role}:{scope}</c> when the rights table allowed the operation,
/// <c>rights:none</c> when no role of the caller reaches the target, and <c>rule:{reason}</c> for a refusal before any
/// of those could decide (for example <c>rule:unknown-patient</c>).
/// </remarks>
public sealed record DecisionDetails
{
    /// <summary>The reason code of a rights-table permit.</summary>
    public const string OperationPermittedReason = "operation-permitted";

    /// <summary>The reason code of a rights-table denial.</summary>
    public const string OperationNotPermittedReason = "operation-not-permitted";

    private DecisionDetails(AccessOperation operation, DecisionOutcome outcome, string decidedBy, string reasonCode, DateTimeOffset decidedAt)
    {
        Operation = operation;
        Outcome = outcome;
        DecidedBy = decidedBy;
        ReasonCode = reasonCode;
        DecidedAt = decidedAt;
    }

    /// <summary>Gets the operation decided on.</summary>
    public AccessOperation Operation { get; }

    /// <summary>Gets permit or deny.</summary>
    public DecisionOutcome Outcome { get; }

    /// <summary>Gets what decided, as one token (see the remarks).</summary>
    public string DecidedBy { get; }

    /// <summary>Gets the reason code: a <see cref="DecisionReason"/> code, <see cref="OperationPermittedReason"/>, <see cref="OperationNotPermittedReason"/>, or a request-level refusal.</summary>
    public string ReasonCode { get; }

    /// <summary>Gets the instant decided at (whole milliseconds, UTC).</summary>
    public DateTimeOffset DecidedAt { get; }

    /// <summary>Gets the policy rule that decided, when the policy decision point did.</summary>
    public PolicyRule? Rule { get; private init; }

    /// <summary>Gets the policy's reason, when the policy decision point decided.</summary>
    public DecisionReason? Reason { get; private init; }

    /// <summary>Gets the stated purpose, when one was stated.</summary>
    public PurposeOfUse? Purpose { get; private init; }

    /// <summary>Gets the consent that permitted, or whose state explains a denial.</summary>
    public string? ConsentId { get; private init; }

    /// <summary>Gets a value indicating whether the request invoked break-glass.</summary>
    public bool BreakGlass { get; private init; }

    /// <summary>Gets when the break-glass session the decision used was opened.</summary>
    public DateTimeOffset? BreakGlassStartedAt { get; private init; }

    /// <summary>Gets the record concerned, if any.</summary>
    public string? RecordId { get; private init; }

    /// <summary>
    /// Gets the log position the consent state was read up to (every entry of the subject before this index, none after):
    /// with it, a decision can be re-checked against exactly the consents it saw, even if a consent event was appended
    /// between the read and the decision's own entry.
    /// </summary>
    public long? StateIndex { get; private init; }

    /// <summary>Returns these details with the log position the consent state was read up to.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="stateIndex"/> is negative.</exception>
    public DecisionDetails WithStateIndex(long stateIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(stateIndex);
        return this with { StateIndex = stateIndex };
    }

    /// <summary>Gets a value indicating whether the decision permits.</summary>
    public bool IsPermit => Outcome == DecisionOutcome.Permit;

    /// <summary>Records a decision of the policy decision point.</summary>
    /// <exception cref="ArgumentException"><paramref name="recordId"/> is malformed.</exception>
    public static DecisionDetails FromPolicy(AccessOperation operation, AccessDecision decision, string? recordId, BreakGlassSession? session = null)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return new DecisionDetails(operation, decision.Outcome, decision.DecidedBy, decision.Reason.ToCode(), Milliseconds(decision.Time))
        {
            Rule = decision.Rule,
            Reason = decision.Reason,
            Purpose = decision.Purpose,
            ConsentId = decision.ConsentId,
            BreakGlass = decision.BreakGlass,
            BreakGlassStartedAt = decision.BreakGlass && session is not null ? Milliseconds(session.StartedAt) : null,
            RecordId = recordId is null ? null : IdentifierSyntax.RequireRecordId(recordId, nameof(recordId)),
        };
    }

    /// <summary>Records a decision of the rights table (<see cref="OperationAuthorizer"/>).</summary>
    /// <exception cref="ArgumentException">The verdict is <see cref="OperationVerdict.RequiresPolicyDecision"/> (the policy decides those), or <paramref name="recordId"/> is malformed.</exception>
    public static DecisionDetails FromRights(
        AccessOperation operation, OperationDecision decision, DateTimeOffset decidedAt, PurposeOfUse? purpose = null, string? recordId = null)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var (outcome, decidedBy, reason) = decision.Verdict switch
        {
            OperationVerdict.Allowed when decision.Role is { } role =>
                (DecisionOutcome.Permit, $"rights:{role.ToName()}:{decision.Scope.ToCode()}", OperationPermittedReason),
            OperationVerdict.Denied => (DecisionOutcome.Deny, "rights:none", OperationNotPermittedReason),
            _ => throw new ArgumentException("Only allowed (with a role) or denied verdicts are decisions of the rights table.", nameof(decision)),
        };
        return new DecisionDetails(operation, outcome, decidedBy, reason, Milliseconds(decidedAt))
        {
            Purpose = purpose,
            RecordId = recordId is null ? null : IdentifierSyntax.RequireRecordId(recordId, nameof(recordId)),
        };
    }

    /// <summary>Records a refusal made before the rights table or the policy could decide (for example an unknown patient).</summary>
    /// <param name="operation">The operation refused.</param>
    /// <param name="reasonCode">Why: lowercase letters, digits and hyphens (<c>unknown-patient</c>); also the rule name in <see cref="DecidedBy"/>.</param>
    /// <param name="decidedAt">The instant.</param>
    /// <param name="purpose">The stated purpose, if any.</param>
    /// <param name="recordId">The record concerned, if any.</param>
    /// <exception cref="ArgumentException"><paramref name="reasonCode"/> or <paramref name="recordId"/> is malformed.</exception>
    public static DecisionDetails Refusal(AccessOperation operation, string reasonCode, DateTimeOffset decidedAt, PurposeOfUse? purpose = null, string? recordId = null)
    {
        if (!IsReasonCode(reasonCode))
        {
            throw new ArgumentException("A reason code is 1 to 64 lowercase letters, digits and hyphens.", nameof(reasonCode));
        }

        return new DecisionDetails(operation, DecisionOutcome.Deny, "rule:" + reasonCode, reasonCode, Milliseconds(decidedAt))
        {
            Purpose = purpose,
            RecordId = recordId is null ? null : IdentifierSyntax.RequireRecordId(recordId, nameof(recordId)),
        };
    }

    /// <summary>Restores details read back from a ledger entry (<see cref="AccessEventReader"/>); the values were validated there.</summary>
    internal static DecisionDetails Restore(
        AccessOperation operation, DecisionOutcome outcome, string decidedBy, string reasonCode, DateTimeOffset decidedAt,
        PolicyRule? rule, DecisionReason? reason, PurposeOfUse? purpose, string? consentId, bool breakGlass, DateTimeOffset? breakGlassStartedAt, string? recordId,
        long? stateIndex) =>
        new(operation, outcome, decidedBy, reasonCode, decidedAt)
        {
            StateIndex = stateIndex,
            Rule = rule,
            Reason = reason,
            Purpose = purpose,
            ConsentId = consentId,
            BreakGlass = breakGlass,
            BreakGlassStartedAt = breakGlassStartedAt,
            RecordId = recordId,
        };

    /// <summary>Tells whether <paramref name="code"/> is a reason code: 1 to 64 of <c>a-z 0-9 -</c>.</summary>
    internal static bool IsReasonCode(string? code) =>
        code is { Length: > 0 and <= 64 } && code.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');

    // Ledger entries keep milliseconds; a decision written and read back must compare equal.
    private static DateTimeOffset Milliseconds(DateTimeOffset instant) =>
        new(instant.UtcTicks - (instant.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
}
