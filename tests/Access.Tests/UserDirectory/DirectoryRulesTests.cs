using MedLedger.Access.Identity;
using MedLedger.Access.UserDirectory;

namespace MedLedger.Access.Tests.UserDirectory;

/// <summary>The rules for one user, against the same cases the seed parser refuses.</summary>
public sealed class DirectoryRulesTests
{
    private static readonly DirectoryOrganization ClinicA = new("clinic-a", OrganizationKind.Clinic);
    private static readonly DirectoryOrganization InsurerX = new("insurer-x", OrganizationKind.Insurer);
    private static readonly DirectoryPatient P1 = new("p-1", "clinic-a");

    private static DirectoryUser User(string? organization, string? patient, params Role[] roles) => new("u-1", roles.ToHashSet(), organization, patient);

    public static TheoryData<DirectoryUser, DirectoryOrganization?, DirectoryPatient?, string?> Cases => new()
    {
        { User("clinic-a", null, Role.Clinician), ClinicA, null, null },
        { User("insurer-x", null, Role.Insurer), InsurerX, null, null },
        { User(null, "p-1", Role.Patient), null, P1, null },
        { User("clinic-a", "p-1", Role.Clinician, Role.Patient), ClinicA, P1, null },
        { User(null, null, Role.Auditor, Role.Admin), null, null, null },
        { User(null, null), null, null, "at least one role" },
        { User("clinic-a", null, Role.Clinician, Role.Insurer), ClinicA, null, "both a clinician and an insurer" },
        { User("insurer-x", null, Role.Clinician), InsurerX, null, "must be a clinic" },
        { User("clinic-a", null, Role.Clinician), null, null, "must be a clinic" },
        { User("clinic-a", null, Role.Insurer), ClinicA, null, "must be an insurer" },
        { User(null, null, Role.Clinician), null, null, "must name their organization" },
        { User("clinic-a", null, Role.Auditor), ClinicA, null, "Only clinicians and insurers" },
        { User(null, "p-1", Role.Auditor), null, P1, "Only users with the patient role" },
        { User(null, null, Role.Patient), null, null, "must name their patient id" },
        { User(null, "p-1", Role.Patient), null, null, "must be in the directory" },
        { User(null, "p-1", Role.Patient), null, new DirectoryPatient("p-2", "clinic-a"), "must be in the directory" },
        { new DirectoryUser("bad key", new HashSet<Role> { Role.Admin }, null, null), null, null, "user key" },
        { new DirectoryUser("u-1", new HashSet<Role> { (Role)42 }, null, null), null, null, "defined roles" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Check_GivesTheFirstBrokenRule(DirectoryUser user, DirectoryOrganization? organization, DirectoryPatient? patient, string? problem)
    {
        var result = DirectoryRules.Check(user, organization, patient);

        if (problem is null)
        {
            Assert.Null(result);
        }
        else
        {
            Assert.Contains(problem, result, StringComparison.Ordinal);
        }
    }
}
