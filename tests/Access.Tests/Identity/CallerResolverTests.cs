using MedLedger.Access.Identity;
using MedLedger.Access.UserDirectory;

namespace MedLedger.Access.Tests.Identity;

public sealed class CallerResolverTests
{
    [Fact]
    public void Resolve_KnownUser_TakesOrganizationAndPatientFromTheDirectory()
    {
        var principal = new ClientPrincipal("aad", "dr-ada", new HashSet<Role> { Role.Clinician });
        var user = new DirectoryUser("dr-ada", new HashSet<Role> { Role.Clinician }, "clinic-a", null);

        var resolution = CallerResolver.Resolve(principal, user);

        Assert.True(resolution.IsResolved);
        Assert.Equal("clinic-a", resolution.Caller.OrganizationId);
        Assert.Equal([Role.Clinician], resolution.Caller.Roles);
    }

    [Fact]
    public void Resolve_RolesAreTheIntersection_NeitherSideGrantsAlone()
    {
        // The token claims admin too; the directory says clinician and auditor: only clinician survives.
        var principal = new ClientPrincipal("aad", "u", new HashSet<Role> { Role.Clinician, Role.Admin });
        var user = new DirectoryUser("u", new HashSet<Role> { Role.Clinician, Role.Auditor }, "clinic-a", null);

        Assert.Equal([Role.Clinician], CallerResolver.Resolve(principal, user).Caller!.Roles);
    }

    [Fact]
    public void Resolve_PatientRoleNotInToken_DropsThePatientId()
    {
        var principal = new ClientPrincipal("aad", "u", new HashSet<Role> { Role.Auditor });
        var user = new DirectoryUser("u", new HashSet<Role> { Role.Auditor, Role.Patient }, null, "p-1");

        var caller = CallerResolver.Resolve(principal, user).Caller!;

        Assert.Null(caller.PatientId);
        Assert.Null(caller.OrganizationId);
    }

    [Fact]
    public void Resolve_UnknownUser_IsRefused()
    {
        var principal = new ClientPrincipal("aad", "ghost", new HashSet<Role> { Role.Admin });

        Assert.Equal(CallerResolutionFailure.UnknownUser, CallerResolver.Resolve(principal, null).Failure);
    }

    [Fact]
    public void Resolve_NoCommonRole_IsRefused()
    {
        var principal = new ClientPrincipal("aad", "u", new HashSet<Role> { Role.Admin });
        var user = new DirectoryUser("u", new HashSet<Role> { Role.Auditor }, null, null);

        Assert.Equal(CallerResolutionFailure.NoRoleInCommon, CallerResolver.Resolve(principal, user).Failure);
    }

    [Fact]
    public void Resolve_EntryOfAnotherUser_Throws()
    {
        var principal = new ClientPrincipal("aad", "a", new HashSet<Role> { Role.Admin });
        var user = new DirectoryUser("b", new HashSet<Role> { Role.Admin }, null, null);

        Assert.Throws<ArgumentException>(() => CallerResolver.Resolve(principal, user));
    }
}
