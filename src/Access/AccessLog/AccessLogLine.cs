using MedLedger.Access.Authorization;
using MedLedger.Access.Consent;
using MedLedger.Access.Identifiers;
using MedLedger.Access.Policy;
using MedLedger.Ledger.Entries;
using MedLedger.Ledger.Hashing;

namespace MedLedger.Access.AccessLog;

/// <summary>
/// One line of a patient's access log: who, what, when, why, the decision, the break-glass flag — and where in the
/// ledger the line comes from (index and leaf hash), so each line can be checked against a receipt.
/// </summary>
public sealed record AccessLogLine
{
    /// <summary>Creates a line.</summary>
    /// <exception cref="ArgumentException">An id is malformed, the event id is not a ledger identifier, or the index is negative.</exception>
    public AccessLogLine(
        long ledgerIndex,
        LedgerHash leafHash,
        DateTimeOffset recordedAt,
        AccessLogEventKind kind,
        string actorUserKey,
        string? actorOrganizationId,
        string patientId,
        DecisionOutcome outcome,
        string? recordId = null,
        string? consentId = null,
        PurposeOfUse? purpose = null,
        bool breakGlass = false,
        string? decidedBy = null,
        DecisionReason? reason = null,
        AccessOperation? operation = null,
        string? eventId = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(ledgerIndex);
        LedgerIndex = ledgerIndex;
        LeafHash = leafHash;
        RecordedAt = recordedAt;
        Kind = kind;
        ActorUserKey = IdentifierSyntax.Require(actorUserKey, nameof(actorUserKey));
        ActorOrganizationId = actorOrganizationId is null ? null : IdentifierSyntax.Require(actorOrganizationId, nameof(actorOrganizationId));
        PatientId = IdentifierSyntax.Require(patientId, nameof(patientId));
        Outcome = outcome;
        RecordId = recordId is null ? null : IdentifierSyntax.RequireRecordId(recordId, nameof(recordId));
        ConsentId = consentId is null ? null : IdentifierSyntax.Require(consentId, nameof(consentId));
        Purpose = purpose;
        BreakGlass = breakGlass;
        DecidedBy = decidedBy;
        Reason = reason;
        Operation = operation;
        EventId = eventId is null || EntryFormat.IsValidIdentifier(eventId)
            ? eventId
            : throw new ArgumentException("The event id is not a ledger identifier.", nameof(eventId));
    }

    /// <summary>Gets the ledger index of the entry this line comes from.</summary>
    public long LedgerIndex { get; }

    /// <summary>Gets the entry's RFC 9162 leaf hash.</summary>
    public LedgerHash LeafHash { get; }

    /// <summary>Gets when the event was recorded.</summary>
    public DateTimeOffset RecordedAt { get; }

    /// <summary>Gets what happened.</summary>
    public AccessLogEventKind Kind { get; }

    /// <summary>Gets who acted.</summary>
    public string ActorUserKey { get; }

    /// <summary>Gets the actor's organization, if any.</summary>
    public string? ActorOrganizationId { get; }

    /// <summary>Gets the patient concerned.</summary>
    public string PatientId { get; }

    /// <summary>Gets whether the action was permitted (for creations and consent changes: performed).</summary>
    public DecisionOutcome Outcome { get; }

    /// <summary>Gets the record concerned, if any.</summary>
    public string? RecordId { get; }

    /// <summary>Gets the consent concerned (granted, revoked, or deciding), if any.</summary>
    public string? ConsentId { get; }

    /// <summary>Gets the stated purpose, if any.</summary>
    public PurposeOfUse? Purpose { get; }

    /// <summary>Gets a value indicating whether break-glass was invoked.</summary>
    public bool BreakGlass { get; }

    /// <summary>Gets what decided (<see cref="AccessDecision.DecidedBy"/>), if a decision was made.</summary>
    public string? DecidedBy { get; }

    /// <summary>Gets why, if the policy decided (null for decisions by the rights table alone).</summary>
    public DecisionReason? Reason { get; }

    /// <summary>Gets the operation decided on, for decisions (<see cref="AccessLogEventKind.RecordRead"/>, <see cref="AccessLogEventKind.OperationDecision"/>, <see cref="AccessLogEventKind.ConsentDecision"/>).</summary>
    public AccessOperation? Operation { get; }

    /// <summary>Gets the entry's event id, which names its receipt (<c>/api/ledger/events/{eventId}</c>).</summary>
    public string? EventId { get; }
}
