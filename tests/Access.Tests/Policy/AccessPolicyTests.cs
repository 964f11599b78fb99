using MedLedger.Access.Consent;
using MedLedger.Access.Identity;
using MedLedger.Access.Policy;
using MedLedger.Access.Tests.Support;
using MedLedger.Testing.Time;

namespace MedLedger.Access.Tests.Policy;

/// <summary>Targeted cases with the demo users: revocation, expiry boundaries, sensitive categories, break-glass, roles.</summary>
public sealed class AccessPolicyTests
{
    private static readonly DateTimeOffset T0 = Instants.T0;
    private static readonly Caller DrAda = new("dr-ada", [Role.Clinician], "clinic-a");
    private static readonly Caller DrBo = new("dr-bo", [Role.Clinician], "clinic-b");
    private static readonly Caller DrCy = new("dr-cy", [Role.Clinician], "clinic-b");
    private static readonly Caller Pat1 = new("pat-1", [Role.Patient], patientId: "p-1");
    private static readonly Caller Ins1 = new("ins-1", [Role.Insurer], "insurer-x");
    private static readonly Caller Aud1 = new("aud-1", [Role.Auditor]);
    private static readonly Caller Admin1 = new("admin-1", [Role.Admin]);
    private static readonly RecordAttributes GeneralFromA = new("clinic-a", RecordCategory.General);

    private static ConsentGrant Grant(
        string id,
        Grantee grantee,
        DateTimeOffset start,
        DateTimeOffset end,
        RecordCategory[]? categories = null,
        bool nonSensitive = false,
        ConsentAction[]? actions = null,
        PurposeOfUse[]? purposes = null,
        DateTimeOffset? recordedAt = null) =>
        new(id, "p-1", ConsentTerms.Create(
            grantee,
            actions ?? [ConsentAction.Access],
            purposes ?? [PurposeOfUse.Treatment],
            categories ?? [RecordCategory.General],
            nonSensitive,
            new ConsentPeriod(start, end)), recordedAt ?? start.AddDays(-1), "pat-1");

    private static AccessDecision Decide(
        Caller caller,
        ConsentState state,
        DateTimeOffset time,
        RecordAttributes? record = null,
        PurposeOfUse purpose = PurposeOfUse.Treatment,
        ConsentAction action = ConsentAction.Access,
        BreakGlassSession? session = null,
        string patient = "p-1") =>
        AccessPolicy.Decide(new AccessRequest(caller, patient, record ?? GeneralFromA, action, purpose, time, session), state);

    [Fact]
    public void Revocation_AppliesToTheVeryNextRequest()
    {
        var clock = new FakeTimeProvider(T0);
        var pdp = new PolicyDecisionPoint(clock);
        var state = new ConsentState("p-1", [Grant("c-1", Grantee.Organization("clinic-b"), T0.AddDays(-1), T0.AddDays(30))], []);

        var before = pdp.Decide(DrBo, "p-1", GeneralFromA, ConsentAction.Access, PurposeOfUse.Treatment, state);
        state = state.With(new ConsentRevocation("c-1", "p-1", clock.GetUtcNow(), "pat-1"));
        var after = pdp.Decide(DrBo, "p-1", GeneralFromA, ConsentAction.Access, PurposeOfUse.Treatment, state);

        Assert.Equal((DecisionOutcome.Permit, DecisionReason.ConsentGranted, "c-1"), (before.Outcome, before.Reason, before.ConsentId));
        Assert.Equal((DecisionOutcome.Deny, DecisionReason.ConsentRevoked, "c-1"), (after.Outcome, after.Reason, after.ConsentId));
        Assert.Equal(before.Time, after.Time);
    }

    [Fact]
    public void Revocation_DoesNotRewriteThePast()
    {
        var state = new ConsentState("p-1", [Grant("c-1", Grantee.Organization("clinic-b"), T0.AddDays(-1), T0.AddDays(30))], [new ConsentRevocation("c-1", "p-1", T0, "pat-1")]);

        Assert.True(Decide(DrBo, state, T0.AddTicks(-1)).IsPermit);
        Assert.False(Decide(DrBo, state, T0).IsPermit);
    }

    [Fact]
    public void Period_BoundaryInstants()
    {
        var start = T0;
        var end = T0.AddHours(8);
        var state = new ConsentState("p-1", [Grant("c-1", Grantee.Organization("clinic-b"), start, end)], []);

        Assert.Equal(DecisionReason.ConsentNotYetActive, Decide(DrBo, state, start.AddTicks(-1)).Reason);
        Assert.Equal(DecisionReason.ConsentGranted, Decide(DrBo, state, start).Reason);
        Assert.Equal(DecisionReason.ConsentGranted, Decide(DrBo, state, end.AddTicks(-1)).Reason);
        Assert.Equal(DecisionReason.ConsentExpired, Decide(DrBo, state, end).Reason);
        Assert.Equal(DecisionReason.ConsentExpired, Decide(DrBo, state, end.AddYears(5)).Reason);
    }

    [Fact]
    public void Grant_DoesNotExistBeforeItWasRecorded()
    {
        // Backdated periods do not make past requests permitted: the grant counts only from when it was recorded.
        var state = new ConsentState("p-1", [Grant("c-1", Grantee.Organization("clinic-b"), T0.AddDays(-10), T0.AddDays(10), recordedAt: T0)], []);

        Assert.Equal(DecisionReason.NoMatchingConsent, Decide(DrBo, state, T0.AddTicks(-1)).Reason);
        Assert.Equal(DecisionReason.ConsentGranted, Decide(DrBo, state, T0).Reason);
    }

    [Theory]
    [InlineData(RecordCategory.MentalHealth)]
    [InlineData(RecordCategory.SubstanceUse)]
    [InlineData(RecordCategory.Genetic)]
    public void SensitiveCategory_NeedsAGrantThatNamesIt(RecordCategory sensitive)
    {
        var record = new RecordAttributes("clinic-a", sensitive);
        var broad = new ConsentState("p-1", [Grant("c-1", Grantee.Organization("clinic-b"), T0.AddDays(-1), T0.AddDays(1), [RecordCategory.General, RecordCategory.Oncology], nonSensitive: true)], []);
        var named = new ConsentState("p-1", [Grant("c-2", Grantee.Organization("clinic-b"), T0.AddDays(-1), T0.AddDays(1), [sensitive])], []);

        var denied = Decide(DrBo, broad, T0, record);
        var permitted = Decide(DrBo, named, T0, record);

        Assert.Equal((DecisionOutcome.Deny, DecisionReason.SensitiveCategoryNotNamed, "c-1"), (denied.Outcome, denied.Reason, denied.ConsentId));
        Assert.Equal((DecisionOutcome.Permit, "consent:c-2"), (permitted.Outcome, permitted.DecidedBy));
    }

    [Fact]
    public void NonSensitiveSelector_CoversGeneralAndOncology_NamedGeneralDoesNotCoverOncology()
    {
        var selector = new ConsentState("p-1", [Grant("c-1", Grantee.Organization("clinic-b"), T0.AddDays(-1), T0.AddDays(1), [], nonSensitive: true)], []);
        var generalOnly = new ConsentState("p-1", [Grant("c-1", Grantee.Organization("clinic-b"), T0.AddDays(-1), T0.AddDays(1), [RecordCategory.General])], []);
        var oncology = new RecordAttributes("clinic-a", RecordCategory.Oncology);

        Assert.True(Decide(DrBo, selector, T0, oncology).IsPermit);
        Assert.Equal(DecisionReason.NoMatchingConsent, Decide(DrBo, generalOnly, T0, oncology).Reason);
    }

    [Fact]
    public void BreakGlass_Limits()
    {
        var none = ConsentState.Empty("p-1");
        var opened = T0;
        BreakGlassSession Session(string reason = "cardiac arrest") => new(reason, opened);
        AccessDecision At(DateTimeOffset time, BreakGlassSession? session, ConsentAction action = ConsentAction.Access, Caller? caller = null) =>
            Decide(caller ?? DrBo, none, time, purpose: PurposeOfUse.EmergencyTreatment, action: action, session: session);

        Assert.Equal(DecisionReason.BreakGlassAccess, At(opened, Session()).Reason);
        Assert.Equal(DecisionReason.BreakGlassAccess, At(opened + BreakGlassSession.MaxDuration - TimeSpan.FromTicks(1), Session()).Reason);
        Assert.Equal(DecisionReason.BreakGlassExpired, At(opened + BreakGlassSession.MaxDuration, Session()).Reason);
        Assert.Equal(DecisionReason.BreakGlassNotStarted, At(opened.AddTicks(-1), Session()).Reason);
        Assert.Equal(DecisionReason.BreakGlassReasonMissing, At(opened, Session("")).Reason);
        Assert.Equal(DecisionReason.BreakGlassReasonMissing, At(opened, Session(" \t\n")).Reason);
        Assert.Equal(DecisionReason.BreakGlassSessionMissing, At(opened, null).Reason);
        Assert.Equal(DecisionReason.BreakGlassActionNotPermitted, At(opened, Session(), ConsentAction.Disclose).Reason);
        Assert.Equal(DecisionReason.PurposeNotPermittedForRole, At(opened, Session(), caller: Ins1).Reason);
        Assert.Equal(TimeSpan.FromHours(1), BreakGlassSession.MaxDuration);

        // Every break-glass decision is flagged, permitted or not; it covers sensitive records too.
        Assert.True(At(opened, Session()).BreakGlass);
        Assert.True(At(opened, null).BreakGlass);
        Assert.True(Decide(DrBo, none, opened, new RecordAttributes("clinic-a", RecordCategory.SubstanceUse), PurposeOfUse.EmergencyTreatment, session: Session()).IsPermit);
        Assert.Equal("rule:break-glass", At(opened, Session()).DecidedBy);
    }

    [Fact]
    public void SubmittingClinic_ReadsForTreatment_OnlyForTreatmentAndOnlyItsOwnRecords()
    {
        var none = ConsentState.Empty("p-1");
        var mentalHealth = new RecordAttributes("clinic-a", RecordCategory.MentalHealth);

        Assert.Equal(DecisionReason.SubmittingOrganizationTreatment, Decide(DrAda, none, T0, mentalHealth).Reason);
        Assert.Equal(DecisionReason.NoMatchingConsent, Decide(DrAda, none, T0, purpose: PurposeOfUse.Operations).Reason);
        Assert.Equal(DecisionReason.NoMatchingConsent, Decide(DrAda, none, T0, action: ConsentAction.Disclose).Reason);
        Assert.Equal(DecisionReason.NoMatchingConsent, Decide(DrBo, none, T0).Reason);
        Assert.Equal("rule:default-deny", Decide(DrBo, none, T0).DecidedBy);
    }

    [Fact]
    public void Patient_ReadsOwnRecordsOnly()
    {
        var none = ConsentState.Empty("p-1");
        var genetic = new RecordAttributes("clinic-b", RecordCategory.Genetic);

        Assert.Equal(DecisionReason.PatientSelfAccess, Decide(Pat1, none, T0, genetic, PurposeOfUse.PatientRequest).Reason);
        Assert.Equal(DecisionReason.NotOwnRecord, Decide(Pat1, ConsentState.Empty("p-2"), T0, purpose: PurposeOfUse.PatientRequest, patient: "p-2").Reason);
        Assert.Equal(DecisionReason.NotOwnRecord, Decide(Pat1, none, T0, purpose: PurposeOfUse.PatientRequest, action: ConsentAction.Disclose).Reason);
        Assert.Equal(DecisionReason.PurposeNotPermittedForRole, Decide(Pat1, none, T0, purpose: PurposeOfUse.Treatment).Reason);
        Assert.Equal(DecisionReason.PurposeNotPermittedForRole, Decide(DrAda, none, T0, purpose: PurposeOfUse.PatientRequest).Reason);
    }

    [Theory]
    [InlineData(PurposeOfUse.Treatment)]
    [InlineData(PurposeOfUse.EmergencyTreatment)]
    [InlineData(PurposeOfUse.Payment)]
    [InlineData(PurposeOfUse.Operations)]
    [InlineData(PurposeOfUse.Research)]
    [InlineData(PurposeOfUse.PatientRequest)]
    public void AuditorsAndAdmins_NeverReadRecordContent_EvenWithAConsent(PurposeOfUse purpose)
    {
        var state = new ConsentState("p-1", [
            Grant("c-1", Grantee.User("aud-1"), T0.AddDays(-1), T0.AddDays(1), nonSensitive: true, purposes: [.. ConsentCodes.GrantablePurposes]),
            Grant("c-2", Grantee.User("admin-1"), T0.AddDays(-1), T0.AddDays(1), nonSensitive: true, purposes: [.. ConsentCodes.GrantablePurposes]),
        ], []);

        Assert.Equal(DecisionReason.PurposeNotPermittedForRole, Decide(Aud1, state, T0, purpose: purpose).Reason);
        Assert.Equal(DecisionReason.PurposeNotPermittedForRole, Decide(Admin1, state, T0, purpose: purpose).Reason);
    }

    [Fact]
    public void Insurer_DisclosureForPayment_NeedsAGrantForExactlyThat()
    {
        var disclose = new ConsentState("p-1", [Grant("c-1", Grantee.Organization("insurer-x"), T0.AddDays(-1), T0.AddDays(1), actions: [ConsentAction.Disclose], purposes: [PurposeOfUse.Payment])], []);
        var treatment = new ConsentState("p-1", [Grant("c-1", Grantee.Organization("insurer-x"), T0.AddDays(-1), T0.AddDays(1), actions: [ConsentAction.Access, ConsentAction.Disclose], purposes: [PurposeOfUse.Treatment])], []);

        Assert.True(Decide(Ins1, disclose, T0, purpose: PurposeOfUse.Payment, action: ConsentAction.Disclose).IsPermit);
        Assert.Equal(DecisionReason.NoMatchingConsent, Decide(Ins1, disclose, T0, purpose: PurposeOfUse.Payment, action: ConsentAction.Access).Reason);
        Assert.Equal(DecisionReason.PurposeNotPermittedForRole, Decide(Ins1, treatment, T0, purpose: PurposeOfUse.Treatment).Reason);
    }

    [Fact]
    public void UserGrant_CoversThatUserOnly()
    {
        var state = new ConsentState("p-1", [Grant("c-1", Grantee.User("dr-bo"), T0.AddDays(-1), T0.AddDays(1))], []);

        Assert.True(Decide(DrBo, state, T0).IsPermit);
        Assert.False(Decide(DrCy, state, T0).IsPermit);
    }

    [Fact]
    public void SeveralConsents_SmallestPermittingIdDecides_AndTheMostSpecificMissExplainsADenial()
    {
        var window = (T0.AddDays(-1), T0.AddDays(1));
        var permitting = new ConsentState("p-1", [
            Grant("c-2", Grantee.Organization("clinic-b"), window.Item1, window.Item2),
            Grant("c-10", Grantee.User("dr-bo"), window.Item1, window.Item2),
        ], []);
        var missing = new ConsentState("p-1", [
            Grant("c-1", Grantee.Organization("clinic-b"), T0.AddDays(-9), T0.AddDays(-8)),
            Grant("c-2", Grantee.Organization("clinic-b"), window.Item1, window.Item2),
            Grant("c-3", Grantee.Organization("clinic-b"), T0.AddDays(5), T0.AddDays(6)),
        ], [new ConsentRevocation("c-2", "p-1", T0.AddHours(-1), "pat-1")]);

        Assert.Equal("c-10", Decide(DrBo, permitting, T0).ConsentId);
        Assert.Equal((DecisionReason.ConsentRevoked, "c-2"), (Decide(DrBo, missing, T0).Reason, Decide(DrBo, missing, T0).ConsentId));
    }

    [Fact]
    public void Decide_ConsentStateOfAnotherPatient_Throws()
    {
        Assert.Throws<ArgumentException>(() => Decide(DrBo, ConsentState.Empty("p-2"), T0));
    }

    [Fact]
    public void PolicyDecisionPoint_CutsTheClockToMilliseconds_SoLoggedDecisionsReplay()
    {
        var end = T0.AddHours(1);
        var state = new ConsentState("p-1", [Grant("c-1", Grantee.Organization("clinic-b"), T0.AddDays(-1), end)], []);
        var clock = new FakeTimeProvider(end - TimeSpan.FromTicks(5_000)); // half a millisecond before the end
        var pdp = new PolicyDecisionPoint(clock);

        var decision = pdp.Decide(DrBo, "p-1", GeneralFromA, ConsentAction.Access, PurposeOfUse.Treatment, state);

        Assert.Equal(0, decision.Time.UtcTicks % TimeSpan.TicksPerMillisecond);
        Assert.Equal(TimeSpan.Zero, decision.Time.Offset);
        Assert.Equal(decision, Decide(DrBo, state, decision.Time));
    }
}
