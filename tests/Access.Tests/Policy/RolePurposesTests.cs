using MedLedger.Access.Consent;
using MedLedger.Access.Identity;
using MedLedger.Access.Policy;
using MedLedger.Access.Tests.Support;
using MedLedger.Testing.Time;

namespace MedLedger.Access.Tests.Policy;

public sealed class RolePurposesTests
{
    [Theory]
    [InlineData(PurposeOfUse.Treatment, Role.Clinician)]
    [InlineData(PurposeOfUse.PatientRequest, Role.Patient)]
    [InlineData(PurposeOfUse.Payment, Role.Insurer)]
    [InlineData(PurposeOfUse.Treatment, Role.Patient, Role.Clinician)]
    [InlineData(null, Role.Auditor)]
    [InlineData(null, Role.Admin, Role.Auditor)]
    [InlineData(null)]
    public void DefaultFor_FirstRoleWithPurposes_NeverBreakGlass(PurposeOfUse? expected, params Role[] roles)
    {
        Assert.Equal(expected, RolePurposes.DefaultFor(roles));
    }

    [Fact]
    public void DecisionPoint_Now_IsWholeMillisecondsAndNoEarlierThanTheFloor()
    {
        var point = new PolicyDecisionPoint(new FakeTimeProvider(Instants.T0.AddTicks(12_345)));

        Assert.Equal(Instants.T0.AddMilliseconds(1), point.Now());
        Assert.Equal(Instants.T0.AddSeconds(5), point.Now(Instants.T0.AddSeconds(5)));
        Assert.Equal(Instants.T0.AddMilliseconds(1), point.Now(Instants.T0));
    }
}
