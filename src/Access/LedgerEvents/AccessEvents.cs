using System.Buffers;
using System.Globalization;
using System.Text.Json;
using MedLedger.Access.Authorization;
using MedLedger.Access.Claims;
using MedLedger.Access.Consent;
using MedLedger.Access.Identifiers;
using MedLedger.Access.Policy;
using MedLedger.Ledger.Entries;
using MedLedger.Ledger.Hashing;

namespace MedLedger.Access.LedgerEvents;

/// <summary>
/// Writes the <c>data</c> of access events (docs/ledger-events.md): decisions, consent grants and revocations,
/// break-glass sessions and claim verifications. <see cref="AccessEventReader"/> reads them back.
/// </summary>
/// <remarks>
/// Nothing written here is personal data: patients appear only as the entry's pseudonymous subject, users by their
/// opaque user key (the entry's actor), and free text — a break-glass reason — only as its SHA-256, which commits to the
/// words without revealing them. Instants are UTC with milliseconds (<see cref="EntryFormat.TimeFormat"/>).
/// </remarks>
public static class AccessEvents
{
    /// <summary>A decision: <c>record.read</c> for a permitted read of record content, <c>access.denied</c> for any denial,
    /// <c>access.permitted</c> for any other permit.</summary>
    /// <param name="decision">The decision.</param>
    /// <param name="actorOrganization">The caller's organization, if any.</param>
    /// <exception cref="ArgumentException"><paramref name="actorOrganization"/> is malformed.</exception>
    public static AccessEventContent Decision(DecisionDetails decision, string? actorOrganization)
    {
        ArgumentNullException.ThrowIfNull(decision);
        CheckOrganization(actorOrganization);
        var type = !decision.IsPermit ? AccessEventTypes.AccessDenied
            : decision.Operation == AccessOperation.ReadRecord ? AccessEventTypes.RecordRead
            : AccessEventTypes.AccessPermitted;
        return new AccessEventContent(type, Build(writer =>
        {
            WriteDecision(writer, decision);
            WriteOptional(writer, "actorOrganization", actorOrganization);
            writer.WriteString("occurredAt", Time(decision.DecidedAt));
        }), decision.RecordId);
    }

    /// <summary>A consent grant: <c>consent.granted</c> with the canonical terms and their SHA-256.</summary>
    /// <exception cref="ArgumentException">An id is malformed.</exception>
    public static AccessEventContent ConsentGranted(string consentId, ConsentTerms terms, string? actorOrganization, DateTimeOffset occurredAt)
    {
        IdentifierSyntax.Require(consentId, nameof(consentId));
        ArgumentNullException.ThrowIfNull(terms);
        CheckOrganization(actorOrganization);
        var canonical = terms.ToCanonicalJson();
        return new AccessEventContent(AccessEventTypes.ConsentGranted, Build(writer =>
        {
            writer.WriteString("consentId", consentId);
            writer.WritePropertyName("terms");
            writer.WriteRawValue(canonical, skipInputValidation: false);
            writer.WriteString("termsSha256", LedgerHash.Sha256(canonical).ToHex());
            WriteOptional(writer, "actorOrganization", actorOrganization);
            writer.WriteString("occurredAt", Time(occurredAt));
        }), null);
    }

    /// <summary>A revocation: <c>consent.revoked</c>, naming the consent and the SHA-256 of the terms it revokes.</summary>
    /// <exception cref="ArgumentException">An id is malformed.</exception>
    public static AccessEventContent ConsentRevoked(string consentId, LedgerHash termsSha256, string? actorOrganization, DateTimeOffset occurredAt)
    {
        IdentifierSyntax.Require(consentId, nameof(consentId));
        CheckOrganization(actorOrganization);
        return new AccessEventContent(AccessEventTypes.ConsentRevoked, Build(writer =>
        {
            writer.WriteString("consentId", consentId);
            writer.WriteString("termsSha256", termsSha256.ToHex());
            WriteOptional(writer, "actorOrganization", actorOrganization);
            writer.WriteString("occurredAt", Time(occurredAt));
        }), null);
    }

    /// <summary>A break-glass session: <c>breakglass.opened</c>, committing to the stated reason by its SHA-256.</summary>
    /// <param name="reasonSha256">SHA-256 of the reason's UTF-8 bytes (<see cref="HashReason"/>); the text stays out of the ledger.</param>
    /// <param name="startedAt">When the session started (recorded by the server).</param>
    /// <param name="actorOrganization">The clinician's organization.</param>
    /// <exception cref="ArgumentException"><paramref name="actorOrganization"/> is malformed.</exception>
    public static AccessEventContent BreakGlassOpened(LedgerHash reasonSha256, DateTimeOffset startedAt, string? actorOrganization)
    {
        CheckOrganization(actorOrganization);
        return new AccessEventContent(AccessEventTypes.BreakGlassOpened, Build(writer =>
        {
            writer.WriteString("reasonSha256", reasonSha256.ToHex());
            WriteOptional(writer, "actorOrganization", actorOrganization);
            writer.WriteString("occurredAt", Time(startedAt));
        }), null);
    }

    /// <summary>A claim verification: <c>claim.verified</c>, with the disclosure decision when one was made.</summary>
    /// <param name="claimId">The insurer's claim id.</param>
    /// <param name="insurerId">The insurer (the entry's actor as well).</param>
    /// <param name="recordId">The record the claim names or was found by hash; null when no record was found.</param>
    /// <param name="verified">Whether the claim was verified.</param>
    /// <param name="reasons">Why not (empty when verified).</param>
    /// <param name="decision">The <c>disclose</c> decision, when a record was found and the policy asked.</param>
    /// <param name="occurredAt">When the verification was made.</param>
    /// <exception cref="ArgumentException">An id is malformed; a verified claim without a permitting decision or with reasons; an unverified claim without reasons.</exception>
    public static AccessEventContent ClaimVerified(
        string claimId, string insurerId, string? recordId, bool verified, IReadOnlyCollection<ClaimVerificationReason> reasons, DecisionDetails? decision, DateTimeOffset occurredAt)
    {
        IdentifierSyntax.Require(claimId, nameof(claimId));
        IdentifierSyntax.Require(insurerId, nameof(insurerId));
        ArgumentNullException.ThrowIfNull(reasons);
        if (recordId is not null)
        {
            IdentifierSyntax.RequireRecordId(recordId, nameof(recordId));
        }

        if (verified && (reasons.Count > 0 || decision is not { IsPermit: true }))
        {
            throw new ArgumentException("A verified claim has no reasons and a permitting decision.", nameof(verified));
        }

        if (!verified && reasons.Count == 0)
        {
            throw new ArgumentException("An unverified claim has at least one reason.", nameof(reasons));
        }

        if (decision is not null && (decision.Operation != AccessOperation.VerifyClaim || decision.RecordId != recordId))
        {
            throw new ArgumentException("The decision must be a verify-claim decision on the same record.", nameof(decision));
        }

        return new AccessEventContent(AccessEventTypes.ClaimVerified, Build(writer =>
        {
            writer.WriteString("claimId", claimId);
            writer.WriteBoolean("verified", verified);
            writer.WriteStartArray("reasons");
            foreach (var reason in reasons.Distinct().Order())
            {
                writer.WriteStringValue(ClaimVerificationAnswer.ToCode(reason));
            }

            writer.WriteEndArray();
            if (decision is not null)
            {
                WriteDecision(writer, decision);
            }
            else
            {
                writer.WriteString("operation", AccessOperation.VerifyClaim.ToCode());
                WriteOptional(writer, "recordId", recordId);
            }

            writer.WriteString("actorOrganization", insurerId);
            writer.WriteString("occurredAt", Time(occurredAt));
        }), recordId);
    }

    /// <summary>Hashes a break-glass reason as <see cref="BreakGlassOpened"/> expects: SHA-256 of its UTF-8 bytes.</summary>
    public static LedgerHash HashReason(string reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        return LedgerHash.Sha256(System.Text.Encoding.UTF8.GetBytes(reason));
    }

    /// <summary>Formats an instant the way access events write them (<see cref="EntryFormat.TimeFormat"/>, UTC, milliseconds truncated).</summary>
    internal static string Time(DateTimeOffset instant) =>
        new DateTimeOffset(instant.UtcTicks - (instant.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero)
            .UtcDateTime.ToString(EntryFormat.TimeFormat, CultureInfo.InvariantCulture);

    private static void WriteDecision(Utf8JsonWriter writer, DecisionDetails decision)
    {
        writer.WriteString("operation", decision.Operation.ToCode());
        writer.WriteString("decision", decision.Outcome.ToCode());
        writer.WriteString("decidedBy", decision.DecidedBy);
        writer.WriteString("reason", decision.ReasonCode);
        writer.WriteBoolean("breakGlass", decision.BreakGlass);
        if (decision.Rule is { } rule)
        {
            writer.WriteString("rule", rule.ToCode());
        }

        if (decision.Purpose is { } purpose)
        {
            writer.WriteString("purpose", purpose.ToCode());
        }

        WriteOptional(writer, "consentId", decision.ConsentId);
        if (decision.BreakGlassStartedAt is { } started)
        {
            writer.WriteString("breakGlassStartedAt", Time(started));
        }

        WriteOptional(writer, "recordId", decision.RecordId);
        if (decision.StateIndex is { } stateIndex)
        {
            writer.WriteNumber("stateIndex", stateIndex);
        }
    }

    private static void WriteOptional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    private static void CheckOrganization(string? organization)
    {
        if (organization is not null)
        {
            IdentifierSyntax.Require(organization, nameof(organization));
        }
    }

    private static JsonElement Build(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }
}
