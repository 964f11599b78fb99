using System.Globalization;
using System.Text.Json;
using MedLedger.Access.Authorization;
using MedLedger.Access.Claims;
using MedLedger.Access.Consent;
using MedLedger.Access.Identity;
using MedLedger.Access.LedgerEvents;
using MedLedger.Access.Policy;
using MedLedger.Infrastructure.Access;
using MedLedger.Ledger.Appending;
using MedLedger.Ledger.Entries;
using MedLedger.Ledger.Storage;
using MedLedger.Testing.Time;

namespace MedLedger.Infrastructure.Tests.Access;

/// <summary>Appends a patient's access events to a log the way the app does: the writers of src/Access, through a LogAppender.</summary>
internal sealed class PatientLogWriter(ILogStore store, FakeTimeProvider time, string patientId = "p-1")
{
    private readonly LogAppender _appender = new(store, time);
    private readonly string _writer = Guid.NewGuid().ToString("N")[..8];
    private int _events;

    public static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public ILogStore Store { get; } = store;

    public FakeTimeProvider Time { get; } = time;

    public string PatientId { get; } = patientId;

    /// <summary>The pseudonym stands in for the app's HMAC: any stable identifier that is not the patient id.</summary>
    public string Subject => "pt-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(PatientId)))[..16];

    public static ConsentTerms Terms(string grantee = "clinic-b", PurposeOfUse purpose = PurposeOfUse.Treatment, ConsentAction action = ConsentAction.Access, params RecordCategory[] categories) =>
        ConsentTerms.Create(
            Grantee.Organization(grantee), [action], [purpose], categories.Length == 0 ? [RecordCategory.General] : categories, false,
            new ConsentPeriod(Start.AddDays(-1), Start.AddDays(30)));

    public Task<AppendResult> RecordCreatedAsync(string recordId, string organization = "clinic-a", string actor = "dr-ada", string category = "general")
    {
        var data = JsonSerializer.SerializeToElement(new Dictionary<string, string>
        {
            ["recordId"] = recordId,
            ["blobName"] = "records/" + recordId,
            ["ciphertextSha256"] = new string('a', 64),
            ["keyId"] = "https://vault.example/keys/kek/1",
            ["category"] = category,
            ["contentType"] = "application/json",
            ["organization"] = organization,
            ["occurredAt"] = Time.GetUtcNow().UtcDateTime.ToString(EntryFormat.TimeFormat, CultureInfo.InvariantCulture),
        });
        return AppendAsync(new AccessEventContent(AccessEventTypes.RecordCreated, data, recordId), actor);
    }

    public Task<AppendResult> GrantAsync(string consentId, ConsentTerms terms, string actor = "pat-1", string? organization = null) =>
        AppendAsync(AccessEvents.ConsentGranted(consentId, terms, organization, Time.GetUtcNow()), actor);

    public Task<AppendResult> RevokeAsync(string consentId, ConsentTerms terms, string actor = "pat-1", string? organization = null) =>
        AppendAsync(AccessEvents.ConsentRevoked(consentId, terms.ComputeHash(), organization, Time.GetUtcNow()), actor);

    public Task<AppendResult> DecisionAsync(DecisionDetails decision, string actor, string? organization) =>
        AppendAsync(AccessEvents.Decision(decision, organization), actor);

    public Task<AppendResult> BreakGlassAsync(string actor = "dr-bo", string reason = "unconscious on arrival", string organization = "clinic-b") =>
        AppendAsync(AccessEvents.BreakGlassOpened(AccessEvents.HashReason(reason), Time.GetUtcNow(), organization), actor);

    public Task<AppendResult> ClaimAsync(string claimId, string recordId, DecisionDetails decision) =>
        AppendAsync(
            AccessEvents.ClaimVerified(
                claimId, "insurer-x", recordId, decision.IsPermit, decision.IsPermit ? [] : [ClaimVerificationReason.ConsentMissing], decision, Time.GetUtcNow()),
            "insurer-x");

    /// <summary>Decides a read with the real policy and logs the decision.</summary>
    public async Task<(AccessDecision Decision, AppendResult Entry)> ReadAsync(
        Caller caller, string recordId, ConsentState consents, PurposeOfUse purpose = PurposeOfUse.Treatment, RecordCategory category = RecordCategory.General,
        DateTimeOffset? at = null)
    {
        var request = new AccessRequest(caller, PatientId, new RecordAttributes("clinic-a", category), ConsentAction.Access, purpose, at ?? Time.GetUtcNow());
        var decision = AccessPolicy.Decide(request, consents);
        var entry = await DecisionAsync(DecisionDetails.FromPolicy(AccessOperation.ReadRecord, decision, recordId), caller.UserKey, caller.OrganizationId);
        return (decision, entry);
    }

    /// <summary>Decides as the app does — state from the cache, decided no earlier than the newest consent event — and logs the decision with its state index.</summary>
    public async Task<(DecisionDetails Decision, AppendResult Entry)> DecideAsync(
        SubjectHistoryCache cache, Caller caller, string recordId, RecordAttributes record, ConsentAction action, PurposeOfUse purpose)
    {
        var state = await cache.ReadAsync(Store, PatientId, Subject);
        var decision = new PolicyDecisionPoint(Time).Decide(
            caller, PatientId, record, action, purpose, state.Consents.State, state.BreakGlassOf(caller.UserKey), state.Consents.LatestChange);
        var details = DecisionDetails.FromPolicy(AccessOperation.ReadRecord, decision, recordId, state.BreakGlassOf(caller.UserKey)).WithStateIndex(state.NextIndex);
        return (details, await DecisionAsync(details, caller.UserKey, caller.OrganizationId));
    }

    /// <summary>An unrelated event for the same subject (a type the access log does not know).</summary>
    public Task<AppendResult> OtherAsync() =>
        AppendAsync(new AccessEventContent("subject.noted", JsonSerializer.SerializeToElement(new { note = "x" }), null), "system");

    public async Task<AppendResult> AppendAsync(AccessEventContent content, string actor, string? subject = null, string? eventId = null)
    {
        var draft = new EntryDraft(content.Type, actor, subject ?? Subject, eventId ?? $"evt-{PatientId}-{_writer}-{Interlocked.Increment(ref _events)}", content.Data)
        {
            IndexKeys = content.RecordId is { } recordId ? [new LogIndexKey(LogIndexKind.Record, recordId)] : [],
        };
        var result = await _appender.AppendAsync(draft);
        Time.Advance(TimeSpan.FromSeconds(1));
        return result;
    }
}
