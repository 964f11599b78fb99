using System.Text.Json;
using MedLedger.Access.AccessLog;
using MedLedger.Access.Authorization;
using MedLedger.Access.Consent;
using MedLedger.Access.Identity;
using MedLedger.Access.LedgerEvents;
using MedLedger.Access.Policy;
using MedLedger.Infrastructure.Access;
using MedLedger.Ledger.Storage;
using MedLedger.Testing.Time;

namespace MedLedger.Infrastructure.Tests.Access;

/// <summary>The consent state, access log and break-glass sessions read from a log: the same tests on every store.</summary>
public abstract class LogReaderTests
{
    private static readonly Caller DrBo = new("dr-bo", [Role.Clinician], "clinic-b");
    private static readonly Caller DrAda = new("dr-ada", [Role.Clinician], "clinic-a");
    private static readonly Caller Patient = new("pat-1", [Role.Patient], patientId: "p-1");

    protected static CancellationToken Token => TestContext.Current.CancellationToken;

    protected abstract Task<ILogStore> CreateStoreAsync();

    private async Task<PatientLogWriter> WriterAsync(string patientId = "p-1") =>
        new(await CreateStoreAsync(), new FakeTimeProvider(PatientLogWriter.Start), patientId);

    private static Task<ConsentSnapshot> StateAsync(PatientLogWriter log, DateTimeOffset? asOf = null) =>
        ConsentStateReader.ReadAsync(log.Store, log.PatientId, log.Subject, asOf, cancellationToken: Token);

    [Fact]
    public async Task ConsentState_EmptyLog_HasNoGrants()
    {
        var log = await WriterAsync();

        var snapshot = await StateAsync(log);

        Assert.Empty(snapshot.State.Grants);
        Assert.Null(snapshot.LatestChange);
    }

    [Fact]
    public async Task ConsentState_GrantThenRevoke_ReadBackWithLogTimesActorsAndTerms()
    {
        var log = await WriterAsync();
        var terms = PatientLogWriter.Terms();
        await log.RecordCreatedAsync("r-1");
        var granted = await log.GrantAsync("c-1", terms, actor: "pat-1");
        await log.OtherAsync();
        var revoked = await log.RevokeAsync("c-1", terms, actor: "dr-ada", organization: "clinic-a");

        var snapshot = await StateAsync(log);

        var grant = Assert.Single(snapshot.State.Grants);
        Assert.Equal(("c-1", "p-1", "pat-1"), (grant.ConsentId, grant.PatientId, grant.GrantedBy));
        Assert.Equal(terms.ToCanonicalJson(), grant.Terms.ToCanonicalJson());
        Assert.Equal(PatientLogWriter.Start.AddSeconds(1), grant.RecordedAt);
        var revocation = Assert.Single(snapshot.State.Revocations);
        Assert.Equal("dr-ada", revocation.RevokedBy);
        Assert.Equal(PatientLogWriter.Start.AddSeconds(3), snapshot.State.RevokedAt("c-1"));
        Assert.Equal(PatientLogWriter.Start.AddSeconds(3), snapshot.LatestChange);
        Assert.True(granted.Index < revoked.Index);
    }

    [Fact]
    public async Task ConsentState_AsOf_SeesOnlyWhatWasLoggedByThen()
    {
        var log = await WriterAsync();
        var terms = PatientLogWriter.Terms();
        await log.GrantAsync("c-1", terms);
        await log.RevokeAsync("c-1", terms);

        var beforeGrant = await StateAsync(log, PatientLogWriter.Start.AddMilliseconds(-1));
        var afterGrant = await StateAsync(log, PatientLogWriter.Start.AddMilliseconds(500));
        var afterRevocation = await StateAsync(log, PatientLogWriter.Start.AddSeconds(1));

        Assert.Empty(beforeGrant.State.Grants);
        Assert.Null(afterGrant.State.RevokedAt("c-1"));
        Assert.Single(afterGrant.State.Grants);
        Assert.NotNull(afterRevocation.State.RevokedAt("c-1"));
    }

    [Fact]
    public async Task ConsentState_OtherPatientsEvents_AreNotIncluded()
    {
        var store = await CreateStoreAsync();
        var time = new FakeTimeProvider(PatientLogWriter.Start);
        var mine = new PatientLogWriter(store, time, "p-1");
        var theirs = new PatientLogWriter(store, time, "p-2");
        await theirs.GrantAsync("c-9", PatientLogWriter.Terms());
        await mine.GrantAsync("c-1", PatientLogWriter.Terms());

        var snapshot = await StateAsync(mine);

        Assert.Equal(["c-1"], snapshot.State.Grants.Select(g => g.ConsentId));
    }

    [Fact]
    public async Task ConsentState_RevocationStampedBeforeItsGrant_TakesEffectAtTheGrant()
    {
        var log = await WriterAsync();
        var terms = PatientLogWriter.Terms();
        await log.GrantAsync("c-1", terms);
        var behind = new PatientLogWriter(log.Store, new FakeTimeProvider(PatientLogWriter.Start.AddMinutes(-5))); // its clock runs behind
        await behind.RevokeAsync("c-1", terms);

        var snapshot = await StateAsync(log);

        Assert.Equal(snapshot.State.Grants[0].RecordedAt, snapshot.State.RevokedAt("c-1"));
    }

    [Fact]
    public async Task ConsentState_GrantedTwice_IsInvalidData()
    {
        var log = await WriterAsync();
        await log.GrantAsync("c-1", PatientLogWriter.Terms());
        await log.GrantAsync("c-1", PatientLogWriter.Terms("clinic-a"));

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => StateAsync(log));
        Assert.Contains("granted before", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConsentState_RevocationOfUnknownConsent_IsInvalidData()
    {
        var log = await WriterAsync();
        await log.RevokeAsync("c-1", PatientLogWriter.Terms());

        await Assert.ThrowsAsync<InvalidDataException>(() => StateAsync(log));
    }

    [Fact]
    public async Task ConsentState_RevocationOfOtherTerms_IsInvalidData()
    {
        var log = await WriterAsync();
        await log.GrantAsync("c-1", PatientLogWriter.Terms());
        await log.RevokeAsync("c-1", PatientLogWriter.Terms("clinic-a"));

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => StateAsync(log));
        Assert.Contains("other terms", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConsentState_TermsNotMatchingTheirHash_IsInvalidData()
    {
        var log = await WriterAsync();
        var data = JsonSerializer.SerializeToElement(new
        {
            consentId = "c-1",
            terms = JsonDocument.Parse(PatientLogWriter.Terms().ToCanonicalJson()).RootElement,
            termsSha256 = PatientLogWriter.Terms("clinic-a").ComputeHash().ToHex(),
            occurredAt = "2026-03-01T12:00:00.000Z",
        });
        await log.AppendAsync(new AccessEventContent(AccessEventTypes.ConsentGranted, data, null), "pat-1");

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => StateAsync(log));
        Assert.Contains("termsSha256", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConsentState_DecidesLikeThePolicy_GrantPermitsAndRevocationDeniesTheVeryNextRead()
    {
        var log = await WriterAsync();
        var terms = PatientLogWriter.Terms();
        await log.RecordCreatedAsync("r-1");
        var before = await log.ReadAsync(DrBo, "r-1", (await StateAsync(log)).State);
        await log.GrantAsync("c-1", terms);
        var granted = await log.ReadAsync(DrBo, "r-1", (await StateAsync(log)).State);
        var revokedAt = log.Time.GetUtcNow();
        await log.RevokeAsync("c-1", terms);
        var revoked = await log.ReadAsync(DrBo, "r-1", (await StateAsync(log)).State, at: revokedAt); // the very next instant

        Assert.Equal(DecisionReason.NoMatchingConsent, before.Decision.Reason);
        Assert.Equal((DecisionOutcome.Permit, "consent:c-1"), (granted.Decision.Outcome, granted.Decision.DecidedBy));
        Assert.Equal((DecisionOutcome.Deny, DecisionReason.ConsentRevoked), (revoked.Decision.Outcome, revoked.Decision.Reason));
    }

    [Fact]
    public async Task AccessLog_ListsExactlyTheEventsThatHappened_InLogOrderWithIndexesAndEventIds()
    {
        var log = await WriterAsync();
        var terms = PatientLogWriter.Terms();
        var created = await log.RecordCreatedAsync("r-1");
        var denied = await log.ReadAsync(DrBo, "r-1", (await StateAsync(log)).State);
        var granted = await log.GrantAsync("c-1", terms);
        await log.OtherAsync();
        var permitted = await log.ReadAsync(DrBo, "r-1", (await StateAsync(log)).State);
        var own = await log.ReadAsync(Patient, "r-1", (await StateAsync(log)).State, PurposeOfUse.PatientRequest);
        var listed = await log.DecisionAsync(
            DecisionDetails.FromRights(AccessOperation.ListConsents, OperationAuthorizer.Authorize(DrAda, AccessOperation.ListConsents, new("p-1", "clinic-a")), log.Time.GetUtcNow()),
            "dr-ada", "clinic-a");
        var breakGlass = await log.BreakGlassAsync();
        var revoked = await log.RevokeAsync("c-1", terms);

        var page = await AccessLogReader.ReadPageAsync(log.Store, "p-1", log.Subject, 0, 100, Token);

        Assert.Null(page.NextIndex);
        Assert.Equal(
            [created.Index, denied.Entry.Index, granted.Index, permitted.Entry.Index, own.Entry.Index, listed.Index, breakGlass.Index, revoked.Index],
            page.Lines.Select(l => l.LedgerIndex));
        Assert.Equal(
            [
                AccessLogEventKind.RecordCreated, AccessLogEventKind.RecordRead, AccessLogEventKind.ConsentGranted, AccessLogEventKind.RecordRead,
                AccessLogEventKind.RecordRead, AccessLogEventKind.OperationDecision, AccessLogEventKind.BreakGlassOpened, AccessLogEventKind.ConsentRevoked,
            ],
            page.Lines.Select(l => l.Kind));
        Assert.All(page.Lines, l => Assert.Equal("p-1", l.PatientId));
        Assert.All(page.Lines, l => Assert.StartsWith("evt-p-1-", l.EventId, StringComparison.Ordinal));

        var deniedLine = page.Lines[1];
        Assert.Equal(("dr-bo", "clinic-b", "r-1", DecisionOutcome.Deny), (deniedLine.ActorUserKey, deniedLine.ActorOrganizationId, deniedLine.RecordId, deniedLine.Outcome));
        Assert.Equal((PurposeOfUse.Treatment, "rule:default-deny", DecisionReason.NoMatchingConsent), (deniedLine.Purpose, deniedLine.DecidedBy, deniedLine.Reason));
        Assert.Equal(denied.Entry.LeafHash, deniedLine.LeafHash);
        Assert.Equal(("consent:c-1", "c-1", DecisionOutcome.Permit), (page.Lines[3].DecidedBy, page.Lines[3].ConsentId, page.Lines[3].Outcome));
        Assert.Equal(("pat-1", DecisionReason.PatientSelfAccess), (page.Lines[4].ActorUserKey, page.Lines[4].Reason));
        Assert.Equal((AccessOperation.ListConsents, "rights:clinician:care-organization"), (page.Lines[5].Operation, page.Lines[5].DecidedBy));
        Assert.True(page.Lines[6].BreakGlass);
        Assert.Equal(("clinic-a", "dr-ada"), (page.Lines[0].ActorOrganizationId, page.Lines[0].ActorUserKey));
    }

    [Fact]
    public async Task AccessLog_Pages_CoverEveryLineOnceInOrder()
    {
        var log = await WriterAsync();
        var expected = new List<long>();
        for (var i = 0; i < 23; i++)
        {
            expected.Add((await log.RecordCreatedAsync($"r-{i}")).Index);
            if (i % 4 == 0)
            {
                await log.OtherAsync();
            }
        }

        foreach (var size in new[] { 1, 2, 5, 7, 23, 24 })
        {
            var seen = new List<long>();
            long? next = 0;
            var pages = 0;
            while (next is { } from)
            {
                var page = await AccessLogReader.ReadPageAsync(log.Store, "p-1", log.Subject, from, size, Token);
                Assert.True(page.Lines.Count <= size);
                seen.AddRange(page.Lines.Select(l => l.LedgerIndex));
                next = page.NextIndex;
                Assert.True(++pages <= 30);
            }

            Assert.Equal(expected, seen);
        }
    }

    [Fact]
    public async Task AccessLog_FromAnIndex_StartsThere()
    {
        var log = await WriterAsync();
        await log.RecordCreatedAsync("r-1");
        var second = await log.RecordCreatedAsync("r-2");

        var page = await AccessLogReader.ReadPageAsync(log.Store, "p-1", log.Subject, second.Index, 10, Token);

        Assert.Equal([second.Index], page.Lines.Select(l => l.LedgerIndex));
    }

    [Fact]
    public async Task AccessLog_MalformedAccessEvent_IsInvalidDataNotSkipped()
    {
        var log = await WriterAsync();
        await log.RecordCreatedAsync("r-1");
        await log.AppendAsync(new AccessEventContent(AccessEventTypes.RecordRead, JsonSerializer.SerializeToElement(new { recordId = "r-1" }), "r-1"), "dr-bo");

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => AccessLogReader.ReadPageAsync(log.Store, "p-1", log.Subject, 0, 10, Token));
        Assert.Contains("record.read", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BreakGlass_LatestSessionOfThatUser_IsFound()
    {
        var log = await WriterAsync();
        Assert.Null(await BreakGlassSessions.FindLatestAsync(log.Store, log.Subject, "dr-bo", Token));
        await log.BreakGlassAsync("dr-bo", "first");
        var second = log.Time.GetUtcNow();
        await log.BreakGlassAsync("dr-bo", "second");
        await log.BreakGlassAsync("dr-cy", "someone else");

        var session = await BreakGlassSessions.FindLatestAsync(log.Store, log.Subject, "dr-bo", Token);

        Assert.NotNull(session);
        Assert.Equal(second, session.StartedAt);
        Assert.Equal(AccessEvents.HashReason("second").ToHex(), session.Reason);
    }
}
