using MedLedger.Access.Consent;
using MedLedger.Access.Tests.Support;

namespace MedLedger.Access.Tests.Consent;

public sealed class ConsentStateTests
{
    private static readonly DateTimeOffset T0 = Instants.T0;

    private static ConsentGrant Grant(string id, DateTimeOffset recordedAt, DateTimeOffset start, DateTimeOffset end, string patient = "p-1") =>
        new(id, patient, ConsentTerms.Create(Grantee.Organization("clinic-b"), [ConsentAction.Access], [PurposeOfUse.Treatment], [RecordCategory.General], false, new ConsentPeriod(start, end)), recordedAt, "pat-1");

    [Fact]
    public void StatusAt_WalksThroughTheLifecycle()
    {
        var grant = Grant("c-1", T0, T0.AddHours(1), T0.AddHours(3));
        var state = new ConsentState("p-1", [grant], [new ConsentRevocation("c-1", "p-1", T0.AddHours(2), "pat-1")]);

        Assert.Equal(GrantStatus.NotYetRecorded, state.StatusAt(grant, T0.AddTicks(-1)));
        Assert.Equal(GrantStatus.NotYetActive, state.StatusAt(grant, T0));
        Assert.Equal(GrantStatus.Active, state.StatusAt(grant, T0.AddHours(1)));
        Assert.Equal(GrantStatus.Active, state.StatusAt(grant, T0.AddHours(2).AddTicks(-1)));
        Assert.Equal(GrantStatus.Revoked, state.StatusAt(grant, T0.AddHours(2)));
        Assert.Equal(GrantStatus.Revoked, state.StatusAt(grant, T0.AddHours(5)));
    }

    [Fact]
    public void StatusAt_PeriodEnd_IsExpired()
    {
        var grant = Grant("c-1", T0, T0, T0.AddHours(1));
        var state = new ConsentState("p-1", [grant], []);

        Assert.Equal(GrantStatus.Active, state.StatusAt(grant, T0.AddHours(1).AddTicks(-1)));
        Assert.Equal(GrantStatus.Expired, state.StatusAt(grant, T0.AddHours(1)));
    }

    [Fact]
    public void RevokedAt_SeveralRevocations_TheEarliestCounts()
    {
        var grant = Grant("c-1", T0, T0, T0.AddDays(1));
        var state = new ConsentState("p-1", [grant], [
            new ConsentRevocation("c-1", "p-1", T0.AddHours(5), "pat-1"),
            new ConsentRevocation("c-1", "p-1", T0.AddHours(2), "dr-ada"),
        ]);

        Assert.Equal(T0.AddHours(2), state.RevokedAt("c-1"));
        Assert.Null(state.RevokedAt("c-2"));
    }

    [Fact]
    public void With_AddsEventsWithoutChangingTheOriginal()
    {
        var grant = Grant("c-1", T0, T0, T0.AddDays(1));
        var before = new ConsentState("p-1", [grant], []);

        var after = before.With(new ConsentRevocation("c-1", "p-1", T0.AddHours(1), "pat-1"));

        Assert.Null(before.RevokedAt("c-1"));
        Assert.Equal(T0.AddHours(1), after.RevokedAt("c-1"));
        Assert.Equal(GrantStatus.Revoked, after.StatusAt(after.Find("c-1")!, T0.AddHours(1)));
    }

    [Fact]
    public void Grants_AreOrderedByConsentIdOrdinally()
    {
        var state = new ConsentState("p-1", [Grant("c-2", T0, T0, T0.AddDays(1)), Grant("c-10", T0, T0, T0.AddDays(1)), Grant("C-3", T0, T0, T0.AddDays(1))], []);

        Assert.Equal(["C-3", "c-10", "c-2"], state.Grants.Select(g => g.ConsentId));
    }

    [Fact]
    public void Constructor_InconsistentHistory_Throws()
    {
        var grant = Grant("c-1", T0, T0, T0.AddDays(1));

        Assert.Throws<ArgumentException>(() => new ConsentState("p-2", [grant], []));
        Assert.Throws<ArgumentException>(() => new ConsentState("p-1", [grant, grant], []));
        Assert.Throws<ArgumentException>(() => new ConsentState("p-1", [grant], [new ConsentRevocation("c-9", "p-1", T0, "pat-1")]));
        Assert.Throws<ArgumentException>(() => new ConsentState("p-1", [grant], [new ConsentRevocation("c-1", "p-2", T0, "pat-1")]));
        Assert.Throws<ArgumentException>(() => new ConsentState("p-1", [grant], [new ConsentRevocation("c-1", "p-1", T0.AddTicks(-1), "pat-1")]));
    }

    [Fact]
    public void StatusAt_GrantOfAnotherState_Throws()
    {
        var state = ConsentState.Empty("p-1");

        Assert.Throws<ArgumentException>(() => state.StatusAt(Grant("c-1", T0, T0, T0.AddDays(1)), T0));
    }
}
