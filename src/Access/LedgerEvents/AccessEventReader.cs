using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using MedLedger.Access.AccessLog;
using MedLedger.Access.Authorization;
using MedLedger.Access.Consent;
using MedLedger.Access.Identifiers;
using MedLedger.Access.Policy;
using MedLedger.Ledger.Entries;
using MedLedger.Ledger.Hashing;

namespace MedLedger.Access.LedgerEvents;

/// <summary>
/// Reads access events back from ledger entries (the shapes <see cref="AccessEvents"/> writes and docs/ledger-events.md
/// describes): access-log lines, consent grants and revocations, decisions and break-glass sessions.
/// </summary>
/// <remarks>
/// Entries come from the log, whose bytes are canonical and hash-chained; an entry of a known type whose data does not
/// have its documented shape is therefore not bad input but a defect or tampering, and is reported as
/// <see cref="InvalidDataException"/> naming the entry — never skipped, because a skipped line is an access the patient
/// would not see. Members added by later versions are ignored; members documented here are checked strictly.
/// </remarks>
public static class AccessEventReader
{
    /// <summary>Reads the access-log line of <paramref name="entry"/>, or null when its type is not an access event.</summary>
    /// <param name="entry">An entry whose subject is <paramref name="patientId"/>'s pseudonym.</param>
    /// <param name="patientId">The patient the caller looked the entry up for (the entry itself only holds a pseudonym).</param>
    /// <exception cref="InvalidDataException">The entry is of an access event type but its fields are not as documented.</exception>
    public static AccessLogLine? ReadLine(LedgerEntry entry, string patientId)
    {
        ArgumentNullException.ThrowIfNull(entry);
        IdentifierSyntax.Require(patientId, nameof(patientId));
        if (!AccessEventTypes.All.Contains(entry.Type))
        {
            return null;
        }

        var data = Data(entry);
        var actor = Actor(entry);
        var organization = OptionalId(entry, data, "actorOrganization");
        switch (entry.Type)
        {
            case AccessEventTypes.RecordCreated:
                return new AccessLogLine(
                    entry.Sequence, entry.LeafHash, entry.Time, AccessLogEventKind.RecordCreated, actor,
                    OptionalId(entry, data, "organization") ?? organization, patientId, DecisionOutcome.Permit,
                    recordId: RecordId(entry, data, required: true), operation: AccessOperation.SubmitRecord, eventId: entry.EventId);
            case AccessEventTypes.ConsentGranted:
                return new AccessLogLine(
                    entry.Sequence, entry.LeafHash, entry.Time, AccessLogEventKind.ConsentGranted, actor, organization, patientId,
                    DecisionOutcome.Permit, consentId: ReadGrant(entry, patientId).ConsentId, operation: AccessOperation.GrantConsent, eventId: entry.EventId);
            case AccessEventTypes.ConsentRevoked:
                return new AccessLogLine(
                    entry.Sequence, entry.LeafHash, entry.Time, AccessLogEventKind.ConsentRevoked, actor, organization, patientId,
                    DecisionOutcome.Permit, consentId: ReadRevocation(entry, patientId).Revocation.ConsentId, operation: AccessOperation.RevokeConsent,
                    eventId: entry.EventId);
            case AccessEventTypes.BreakGlassOpened:
                Hash(entry, data, "reasonSha256");
                return new AccessLogLine(
                    entry.Sequence, entry.LeafHash, entry.Time, AccessLogEventKind.BreakGlassOpened, actor, organization, patientId,
                    DecisionOutcome.Permit, purpose: PurposeOfUse.EmergencyTreatment, breakGlass: true, eventId: entry.EventId);
            case AccessEventTypes.ClaimVerified:
                return ClaimLine(entry, data, actor, organization, patientId);
            default:
                var decision = ReadDecisionData(entry, data);
                var kind = decision.Operation switch
                {
                    AccessOperation.ReadRecord => AccessLogEventKind.RecordRead,
                    AccessOperation.VerifyClaim => AccessLogEventKind.ConsentDecision,
                    _ => AccessLogEventKind.OperationDecision,
                };
                return new AccessLogLine(
                    entry.Sequence, entry.LeafHash, entry.Time, kind, actor, organization, patientId, decision.Outcome,
                    recordId: decision.RecordId, consentId: decision.ConsentId, purpose: decision.Purpose, breakGlass: decision.BreakGlass,
                    decidedBy: decision.DecidedBy, reason: decision.Reason, operation: decision.Operation, eventId: entry.EventId);
        }
    }

    /// <summary>Reads the decision of a <c>record.read</c>, <c>access.denied</c>, <c>access.permitted</c> or <c>claim.verified</c> entry (null for a claim whose record was not found).</summary>
    /// <exception cref="ArgumentException">The entry is of another type.</exception>
    /// <exception cref="InvalidDataException">The fields are not as documented.</exception>
    public static DecisionDetails? ReadDecision(LedgerEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.Type is not (AccessEventTypes.RecordRead or AccessEventTypes.AccessDenied or AccessEventTypes.AccessPermitted or AccessEventTypes.ClaimVerified))
        {
            throw new ArgumentException($"A {entry.Type} entry records no decision.", nameof(entry));
        }

        var data = Data(entry);
        return entry.Type == AccessEventTypes.ClaimVerified && !data.TryGetProperty("decision", out _) ? null : ReadDecisionData(entry, data);
    }

    /// <summary>Reads a <c>consent.granted</c> entry as a grant recorded at the entry's time by its actor, checking the terms against their hash.</summary>
    /// <exception cref="ArgumentException">The entry is of another type.</exception>
    /// <exception cref="InvalidDataException">The fields are not as documented, the terms are not canonical, or their hash differs.</exception>
    public static ConsentGrant ReadGrant(LedgerEntry entry, string patientId)
    {
        Require(entry, AccessEventTypes.ConsentGranted);
        IdentifierSyntax.Require(patientId, nameof(patientId));
        var data = Data(entry);
        var consentId = RequiredId(entry, data, "consentId");
        if (!data.TryGetProperty("terms", out var termsElement) || termsElement.ValueKind != JsonValueKind.Object)
        {
            throw Invalid(entry, "terms", "is missing or not an object");
        }

        // The data is canonical JSON, so the raw text of the nested object is exactly the canonical terms.
        var termsBytes = System.Text.Encoding.UTF8.GetBytes(termsElement.GetRawText());
        if (!ConsentTerms.TryParseCanonical(termsBytes, out var terms, out var error))
        {
            throw Invalid(entry, "terms", $"are not canonical consent terms ({error})");
        }

        if (terms.ComputeHash() != Hash(entry, data, "termsSha256"))
        {
            throw Invalid(entry, "termsSha256", "does not match the terms");
        }

        return new ConsentGrant(consentId, patientId, terms, entry.Time, Actor(entry));
    }

    /// <summary>Reads a <c>consent.revoked</c> entry: the revocation (at the entry's time, by its actor) and the hash of the terms it revokes.</summary>
    /// <exception cref="ArgumentException">The entry is of another type.</exception>
    /// <exception cref="InvalidDataException">The fields are not as documented.</exception>
    public static (ConsentRevocation Revocation, LedgerHash TermsSha256) ReadRevocation(LedgerEntry entry, string patientId)
    {
        Require(entry, AccessEventTypes.ConsentRevoked);
        IdentifierSyntax.Require(patientId, nameof(patientId));
        var data = Data(entry);
        var revocation = new ConsentRevocation(RequiredId(entry, data, "consentId"), patientId, entry.Time, Actor(entry));
        return (revocation, Hash(entry, data, "termsSha256"));
    }

    /// <summary>Reads a <c>breakglass.opened</c> entry: who opened it, when, and the hash of the stated reason.</summary>
    /// <exception cref="ArgumentException">The entry is of another type.</exception>
    /// <exception cref="InvalidDataException">The fields are not as documented.</exception>
    public static (string UserKey, DateTimeOffset StartedAt, LedgerHash ReasonSha256) ReadBreakGlass(LedgerEntry entry)
    {
        Require(entry, AccessEventTypes.BreakGlassOpened);
        var data = Data(entry);
        return (Actor(entry), Instant(entry, data, "occurredAt"), Hash(entry, data, "reasonSha256"));
    }

    private static AccessLogLine ClaimLine(LedgerEntry entry, JsonElement data, string actor, string? organization, string patientId)
    {
        RequiredId(entry, data, "claimId");
        if (!data.TryGetProperty("verified", out var verified) || verified.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            throw Invalid(entry, "verified", "is missing or not a boolean");
        }

        var decision = data.TryGetProperty("decision", out _) ? ReadDecisionData(entry, data) : null;
        var recordId = decision?.RecordId ?? RecordId(entry, data, required: false);
        var outcome = verified.GetBoolean() ? DecisionOutcome.Permit : DecisionOutcome.Deny;
        return new AccessLogLine(
            entry.Sequence, entry.LeafHash, entry.Time, AccessLogEventKind.ConsentDecision, actor, organization, patientId, outcome,
            recordId: recordId, consentId: decision?.ConsentId, purpose: PurposeOfUse.Payment, breakGlass: false,
            decidedBy: decision?.DecidedBy, reason: decision?.Reason, operation: AccessOperation.VerifyClaim, eventId: entry.EventId);
    }

    private static DecisionDetails ReadDecisionData(LedgerEntry entry, JsonElement data)
    {
        var operation = Code(entry, data, "operation", RoleRights.Operations, o => o.ToCode(), required: true)!.Value;
        var outcome = Code(entry, data, "decision", [DecisionOutcome.Permit, DecisionOutcome.Deny], o => o.ToCode(), required: true)!.Value;
        var decidedBy = RequiredString(entry, data, "decidedBy");
        var reasonCode = RequiredString(entry, data, "reason");
        if (!DecisionDetails.IsReasonCode(reasonCode))
        {
            throw Invalid(entry, "reason", "is not a reason code");
        }

        var rule = Code(entry, data, "rule", Enum.GetValues<PolicyRule>(), r => r.ToCode(), required: false);
        var reason = rule is null ? null : Code(entry, data, "reason", Enum.GetValues<DecisionReason>(), r => r.ToCode(), required: true);
        var purpose = Code(entry, data, "purpose", ConsentCodes.Purposes, p => p.ToCode(), required: false);
        var consentId = OptionalId(entry, data, "consentId");
        if (!data.TryGetProperty("breakGlass", out var breakGlassElement) || breakGlassElement.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            throw Invalid(entry, "breakGlass", "is missing or not a boolean");
        }

        DateTimeOffset? started = data.TryGetProperty("breakGlassStartedAt", out _) ? Instant(entry, data, "breakGlassStartedAt") : null;
        var expected = rule is null ? null : consentId is null ? $"rule:{rule.Value.ToCode()}" : $"consent:{consentId}";
        if (expected is not null && decidedBy != expected)
        {
            throw Invalid(entry, "decidedBy", "does not name the rule or consent that decided");
        }

        if ((entry.Type == AccessEventTypes.RecordRead && (outcome != DecisionOutcome.Permit || operation != AccessOperation.ReadRecord))
            || (entry.Type == AccessEventTypes.AccessDenied && outcome != DecisionOutcome.Deny)
            || (entry.Type == AccessEventTypes.AccessPermitted && (outcome != DecisionOutcome.Permit || operation == AccessOperation.ReadRecord))
            || (entry.Type == AccessEventTypes.ClaimVerified && operation != AccessOperation.VerifyClaim))
        {
            throw Invalid(entry, "decision", "does not fit the event type");
        }

        long? stateIndex = null;
        if (data.TryGetProperty("stateIndex", out var stateElement))
        {
            stateIndex = stateElement.ValueKind == JsonValueKind.Number && stateElement.TryGetInt64(out var value) && value >= 0 && value <= entry.Sequence
                ? value
                : throw Invalid(entry, "stateIndex", "is not a log position before the entry");
        }

        return DecisionDetails.Restore(
            operation, outcome, decidedBy, reasonCode, Instant(entry, data, "occurredAt"), rule, reason, purpose, consentId,
            breakGlassElement.GetBoolean(), started, RecordId(entry, data, required: false), stateIndex);
    }

    private static void Require(LedgerEntry entry, string type)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.Type != type)
        {
            throw new ArgumentException($"Expected a {type} entry, not {entry.Type}.", nameof(entry));
        }
    }

    private static JsonElement Data(LedgerEntry entry)
    {
        var data = entry.Data;
        return data.ValueKind == JsonValueKind.Object ? data : throw Invalid(entry, "data", "is not an object");
    }

    private static string Actor(LedgerEntry entry) =>
        IdentifierSyntax.IsValid(entry.Actor) ? entry.Actor : throw Invalid(entry, "actor", "is not a user key");

    private static string RequiredString(LedgerEntry entry, JsonElement data, string name) =>
        TryString(data, name, out var value) ? value : throw Invalid(entry, name, "is missing or not a string");

    private static string RequiredId(LedgerEntry entry, JsonElement data, string name)
    {
        var value = RequiredString(entry, data, name);
        return IdentifierSyntax.IsValid(value) ? value : throw Invalid(entry, name, "is not an id");
    }

    private static string? OptionalId(LedgerEntry entry, JsonElement data, string name) =>
        data.TryGetProperty(name, out _) ? RequiredId(entry, data, name) : null;

    private static string? RecordId(LedgerEntry entry, JsonElement data, bool required)
    {
        if (!required && !data.TryGetProperty("recordId", out _))
        {
            return null;
        }

        var value = RequiredString(entry, data, "recordId");
        return IdentifierSyntax.IsValidRecordId(value) ? value : throw Invalid(entry, "recordId", "is not a record id");
    }

    private static LedgerHash Hash(LedgerEntry entry, JsonElement data, string name)
    {
        var text = RequiredString(entry, data, name);
        return text.Length == LedgerHash.Size * 2 && text.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'))
            ? new LedgerHash(Convert.FromHexString(text))
            : throw Invalid(entry, name, "is not 64 lowercase hexadecimal digits");
    }

    private static DateTimeOffset Instant(LedgerEntry entry, JsonElement data, string name)
    {
        var text = RequiredString(entry, data, name);
        if (!DateTime.TryParseExact(text, EntryFormat.TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed))
        {
            throw Invalid(entry, name, "is not a UTC instant with milliseconds");
        }

        var instant = new DateTimeOffset(parsed, TimeSpan.Zero);
        return AccessEvents.Time(instant) == text ? instant : throw Invalid(entry, name, "is not in canonical form");
    }

    private static T? Code<T>(LedgerEntry entry, JsonElement data, string name, IEnumerable<T> values, Func<T, string> toCode, bool required)
        where T : struct
    {
        if (!data.TryGetProperty(name, out _))
        {
            return required ? throw Invalid(entry, name, "is missing") : null;
        }

        var code = RequiredString(entry, data, name);
        foreach (var value in values)
        {
            if (toCode(value) == code)
            {
                return value;
            }
        }

        throw Invalid(entry, name, "is not a known code");
    }

    private static bool TryString(JsonElement data, string name, [NotNullWhen(true)] out string? value)
    {
        value = data.TryGetProperty(name, out var element) && element.ValueKind == JsonValueKind.String ? element.GetString() : null;
        return value is not null;
    }

    private static InvalidDataException Invalid(LedgerEntry entry, string member, string problem) =>
        new(string.Create(CultureInfo.InvariantCulture, $"Entry {entry.Sequence} of log {entry.Log} ({entry.Type}): {member} {problem}."));
}
