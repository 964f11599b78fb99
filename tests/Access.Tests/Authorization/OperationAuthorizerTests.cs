using MedLedger.Access.Authorization;
using MedLedger.Access.Identity;

namespace MedLedger.Access.Tests.Authorization;

public sealed class OperationAuthorizerTests
{
    private static readonly Caller DrAda = new("dr-ada", [Role.Clinician], "clinic-a");
    private static readonly Caller DrBo = new("dr-bo", [Role.Clinician], "clinic-b");
    private static readonly Caller Pat1 = new("pat-1", [Role.Patient], patientId: "p-1");
    private static readonly Caller Ins1 = new("ins-1", [Role.Insurer], "insurer-x");
    private static readonly Caller Aud1 = new("aud-1", [Role.Auditor]);
    private static readonly Caller Admin1 = new("admin-1", [Role.Admin]);
    private static readonly OperationTarget P1 = new("p-1", "clinic-a");
    private static readonly OperationTarget P2 = new("p-2", "clinic-b");

    public static TheoryData<string, AccessOperation, string, OperationVerdict> Matrix()
    {
        var data = new TheoryData<string, AccessOperation, string, OperationVerdict>();
        void Row(AccessOperation operation, string caller, OperationVerdict p1, OperationVerdict p2)
        {
            data.Add(caller, operation, "p-1", p1);
            data.Add(caller, operation, "p-2", p2);
        }

        const OperationVerdict Allowed = OperationVerdict.Allowed;
        const OperationVerdict Denied = OperationVerdict.Denied;
        const OperationVerdict Policy = OperationVerdict.RequiresPolicyDecision;

        Row(AccessOperation.SubmitRecord, "dr-ada", Allowed, Allowed);
        Row(AccessOperation.SubmitRecord, "pat-1", Denied, Denied);
        Row(AccessOperation.SubmitRecord, "ins-1", Denied, Denied);
        Row(AccessOperation.ReadRecord, "dr-ada", Policy, Policy);
        Row(AccessOperation.ReadRecord, "pat-1", Policy, Policy);
        Row(AccessOperation.ReadRecord, "ins-1", Policy, Policy);
        Row(AccessOperation.ReadRecord, "aud-1", Denied, Denied);
        Row(AccessOperation.ReadRecord, "admin-1", Denied, Denied);
        Row(AccessOperation.ReadAccessLog, "pat-1", Allowed, Denied);
        Row(AccessOperation.ReadAccessLog, "aud-1", Allowed, Allowed);
        Row(AccessOperation.ReadAccessLog, "dr-ada", Denied, Denied);
        Row(AccessOperation.ReadAccessLog, "admin-1", Denied, Denied);
        Row(AccessOperation.ListConsents, "dr-ada", Allowed, Denied);
        Row(AccessOperation.ListConsents, "dr-bo", Denied, Allowed);
        Row(AccessOperation.ListConsents, "pat-1", Allowed, Denied);
        Row(AccessOperation.ListConsents, "aud-1", Allowed, Allowed);
        Row(AccessOperation.ListConsents, "ins-1", Denied, Denied);
        Row(AccessOperation.GrantConsent, "dr-ada", Allowed, Denied);
        Row(AccessOperation.GrantConsent, "pat-1", Allowed, Denied);
        Row(AccessOperation.GrantConsent, "aud-1", Denied, Denied);
        Row(AccessOperation.RevokeConsent, "dr-bo", Denied, Allowed);
        Row(AccessOperation.RevokeConsent, "pat-1", Allowed, Denied);
        Row(AccessOperation.RevokeConsent, "admin-1", Denied, Denied);
        Row(AccessOperation.VerifyClaim, "ins-1", Denied, Denied);
        Row(AccessOperation.ManageDirectory, "admin-1", Allowed, Allowed);
        Row(AccessOperation.ManageDirectory, "aud-1", Denied, Denied);
        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public void Authorize_DemoUsers_OwnAndOtherPatient(string caller, AccessOperation operation, string patient, OperationVerdict expected)
    {
        var callers = new[] { DrAda, DrBo, Pat1, Ins1, Aud1, Admin1 }.ToDictionary(c => c.UserKey);

        var decision = OperationAuthorizer.Authorize(callers[caller], operation, patient == "p-1" ? P1 : P2);

        Assert.Equal(expected, decision.Verdict);
        Assert.Equal(expected == OperationVerdict.Denied, decision.Role is null);
    }

    [Fact]
    public void Authorize_UnknownPatient_IsDeniedForCareOrganizationScopes()
    {
        // The directory does not know the patient: no clinic to compare with.
        Assert.Equal(OperationVerdict.Denied, OperationAuthorizer.Authorize(DrAda, AccessOperation.GrantConsent, new OperationTarget("p-9", null)).Verdict);
        Assert.Equal(OperationVerdict.Denied, OperationAuthorizer.Authorize(DrAda, AccessOperation.GrantConsent, OperationTarget.None).Verdict);
    }

    [Fact]
    public void Authorize_SeveralRoles_AnAllowingRoleWinsOverAPolicyDecision()
    {
        var both = new Caller("pat-doc", [Role.Clinician, Role.Patient], "clinic-a", "p-2");

        var consents = OperationAuthorizer.Authorize(both, AccessOperation.ListConsents, P2);
        var read = OperationAuthorizer.Authorize(both, AccessOperation.ReadRecord, P2);

        Assert.Equal((OperationVerdict.Allowed, Role.Patient, RightScope.OwnPatient), (consents.Verdict, consents.Role, consents.Scope));
        Assert.Equal((OperationVerdict.RequiresPolicyDecision, Role.Clinician), (read.Verdict, read.Role));
    }

    [Fact]
    public void Authorize_ClinicianWithoutOrganization_CannotSubmit()
    {
        var orphan = new Caller("dr-x", [Role.Clinician]);

        Assert.Equal(OperationVerdict.Denied, OperationAuthorizer.Authorize(orphan, AccessOperation.SubmitRecord, P1).Verdict);
    }
}
