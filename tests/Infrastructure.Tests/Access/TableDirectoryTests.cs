using MedLedger.Access.Identity;
using MedLedger.Access.UserDirectory;
using MedLedger.Clients.Tables;
using MedLedger.Infrastructure.Access;
using MedLedger.Testing.Azurite;

namespace MedLedger.Infrastructure.Tests.Access;

/// <summary>The Table-backed directory on Azurite: seed, lookups, admin changes and the one-user-per-patient rule.</summary>
public sealed class TableDirectoryTests(AzuriteFixture azurite)
{
    private static readonly string SharedTable = UniqueNames.Table("directory");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private TableClient Table() => azurite.CreateAccount().GetTableClient(SharedTable);

    // Each test has its own partition, as each deployment has its own directory.
    private async Task<TableDirectory> SeededAsync(string? partition = null)
    {
        var directory = new TableDirectory(Table(), partition ?? NewPartition());
        await directory.CreateTableIfNotExistsAsync(Token);
        Assert.True(await directory.SeedAsync(DemoDirectory.Load(), Token));
        return directory;
    }

    private static string NewPartition() => "d" + Guid.NewGuid().ToString("N");

    private static DirectoryUser User(string key, Role role, string? organization = null, string? patient = null) =>
        new(key, new HashSet<Role> { role }, organization, patient);

    [Fact]
    public async Task Seed_DemoDirectory_EveryEntryIsFoundAsSeeded()
    {
        var directory = await SeededAsync();
        var seed = DemoDirectory.Load();

        foreach (var user in seed.Users)
        {
            var found = await directory.FindUserAsync(user.UserKey, Token);
            Assert.NotNull(found);
            Assert.Equal((user.UserKey, user.OrganizationId, user.PatientId), (found.UserKey, found.OrganizationId, found.PatientId));
            Assert.True(user.Roles.SetEquals(found.Roles));
        }

        Assert.Equal(new DirectoryPatient("p-2", "clinic-b"), await directory.FindPatientAsync("p-2", Token));
        Assert.Equal(new DirectoryOrganization("insurer-x", OrganizationKind.Insurer), await directory.FindOrganizationAsync("insurer-x", Token));
    }

    [Fact]
    public async Task Seed_SecondTime_ChangesNothingSoAdminChangesSurvive()
    {
        var partition = NewPartition();
        var directory = await SeededAsync(partition);
        Assert.True((await directory.RemoveUserAsync("dr-bo", Token)).Succeeded);

        Assert.False(await new TableDirectory(Table(), partition).SeedAsync(DemoDirectory.Load(), Token));

        Assert.Null(await directory.FindUserAsync("dr-bo", Token));
    }

    [Theory]
    [InlineData("nobody")]
    [InlineData("bad key")]
    [InlineData("a/b")]
    [InlineData("")]
    public async Task Find_UnknownOrMalformedIds_AreNull(string id)
    {
        var directory = await SeededAsync();

        Assert.Null(await directory.FindUserAsync(id, Token));
        Assert.Null(await directory.FindPatientAsync(id, Token));
        Assert.Null(await directory.FindOrganizationAsync(id, Token));
    }

    [Fact]
    public async Task AddUser_ValidClinician_IsFound()
    {
        var directory = await SeededAsync();

        var result = await directory.AddUserAsync(User("dr-cy", Role.Clinician, "clinic-b"), Token);

        Assert.Equal(DirectoryChangeStatus.Applied, result.Status);
        Assert.Equal("clinic-b", (await directory.FindUserAsync("dr-cy", Token))?.OrganizationId);
    }

    [Fact]
    public async Task AddUser_SameUserTwice_IsIdempotent_ButADifferentOneWithTheKeyIsRefused()
    {
        var directory = await SeededAsync();
        await directory.AddUserAsync(User("dr-cy", Role.Clinician, "clinic-b"), Token);

        Assert.Equal(DirectoryChangeStatus.Applied, (await directory.AddUserAsync(User("dr-cy", Role.Clinician, "clinic-b"), Token)).Status);
        Assert.Equal(DirectoryChangeStatus.AlreadyExists, (await directory.AddUserAsync(User("dr-cy", Role.Clinician, "clinic-a"), Token)).Status);
    }

    [Theory]
    [InlineData("clinician", "insurer-x", null, "must be a clinic")]
    [InlineData("clinician", "clinic-z", null, "must be a clinic")]
    [InlineData("clinician", null, null, "must name their organization")]
    [InlineData("insurer", "clinic-a", null, "must be an insurer")]
    [InlineData("patient", null, "p-9", "patient must be in the directory")]
    [InlineData("patient", null, null, "must name their patient id")]
    [InlineData("auditor", "clinic-a", null, "Only clinicians and insurers")]
    [InlineData("admin", null, "p-2", "Only users with the patient role")]
    public async Task AddUser_BrokenRule_IsInvalidAndNothingIsWritten(string role, string? organization, string? patient, string problem)
    {
        var directory = await SeededAsync();

        var result = await directory.AddUserAsync(User("new-user", RoleNames.Parse(role)!.Value, organization, patient), Token);

        Assert.Equal(DirectoryChangeStatus.Invalid, result.Status);
        Assert.Contains(problem, result.Problem, StringComparison.Ordinal);
        Assert.Null(await directory.FindUserAsync("new-user", Token));
    }

    [Fact]
    public async Task AddUser_ClinicianAndInsurer_IsInvalid()
    {
        var directory = await SeededAsync();

        var result = await directory.AddUserAsync(new DirectoryUser("both", new HashSet<Role> { Role.Clinician, Role.Insurer }, "clinic-a", null), Token);

        Assert.Equal(DirectoryChangeStatus.Invalid, result.Status);
    }

    [Fact]
    public async Task AddUser_PatientWhoAlreadyHasAUser_IsTaken()
    {
        var directory = await SeededAsync();

        var result = await directory.AddUserAsync(User("pat-1b", Role.Patient, patient: "p-1"), Token);

        Assert.Equal(DirectoryChangeStatus.PatientTaken, result.Status);
        Assert.Null(await directory.FindUserAsync("pat-1b", Token));
    }

    [Fact]
    public async Task AddUser_ConcurrentUsersForOnePatient_ExactlyOneWins()
    {
        var directory = await SeededAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            new TableDirectory(Table(), directory.Partition).AddUserAsync(User($"pat-2-{i}", Role.Patient, patient: "p-2"), Token)));

        Assert.Single(results, r => r.Succeeded);
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Equal(DirectoryChangeStatus.PatientTaken, r.Status));
    }

    [Fact]
    public async Task UpdateUser_MovingThePatient_FreesTheOldOneAndTakesTheNewOne()
    {
        var directory = await SeededAsync();

        Assert.True((await directory.UpdateUserAsync(User("pat-1", Role.Patient, patient: "p-2"), Token)).Succeeded);

        Assert.Equal("p-2", (await directory.FindUserAsync("pat-1", Token))?.PatientId);
        Assert.True((await directory.AddUserAsync(User("pat-1b", Role.Patient, patient: "p-1"), Token)).Succeeded);
        Assert.Equal(DirectoryChangeStatus.PatientTaken, (await directory.AddUserAsync(User("pat-2b", Role.Patient, patient: "p-2"), Token)).Status);
    }

    [Fact]
    public async Task UpdateUser_ToATakenPatient_IsRefusedAndNothingChanges()
    {
        var directory = await SeededAsync();
        await directory.AddUserAsync(User("pat-2", Role.Patient, patient: "p-2"), Token);

        var result = await directory.UpdateUserAsync(User("pat-1", Role.Patient, patient: "p-2"), Token);

        Assert.Equal(DirectoryChangeStatus.PatientTaken, result.Status);
        Assert.Equal("p-1", (await directory.FindUserAsync("pat-1", Token))?.PatientId);
    }

    [Fact]
    public async Task UpdateUser_RolesAndOrganization_AreReplaced_UnknownUserIsNotFound()
    {
        var directory = await SeededAsync();

        Assert.True((await directory.UpdateUserAsync(User("dr-ada", Role.Clinician, "clinic-b"), Token)).Succeeded);
        Assert.True((await directory.UpdateUserAsync(User("dr-ada", Role.Auditor), Token)).Succeeded);
        Assert.Equal(DirectoryChangeStatus.NotFound, (await directory.UpdateUserAsync(User("nobody", Role.Auditor), Token)).Status);

        var ada = await directory.FindUserAsync("dr-ada", Token);
        Assert.Equal([Role.Auditor], ada!.Roles);
        Assert.Null(ada.OrganizationId);
    }

    [Fact]
    public async Task UpdateUser_ConcurrentChanges_EndInOneOfThemWithConsistentReservations()
    {
        var directory = await SeededAsync();
        await directory.AddUserAsync(User("pat-x", Role.Admin), Token);
        var wanted = new[] { User("pat-x", Role.Patient, patient: "p-2"), User("pat-x", Role.Auditor), User("pat-x", Role.Clinician, "clinic-a") };

        var results = await Task.WhenAll(wanted.Select(u => new TableDirectory(Table(), directory.Partition).UpdateUserAsync(u, Token)));

        Assert.All(results, r => Assert.Contains(r.Status, new[] { DirectoryChangeStatus.Applied, DirectoryChangeStatus.Conflict }));
        var final = await directory.FindUserAsync("pat-x", Token);
        Assert.Contains(wanted, w => w.Roles.SetEquals(final!.Roles) && w.PatientId == final.PatientId);
        var p2Free = (await directory.AddUserAsync(User("probe", Role.Patient, patient: "p-2"), Token)).Succeeded;
        Assert.Equal(final!.PatientId != "p-2", p2Free);
    }

    [Fact]
    public async Task RemoveUser_FreesThePatient_AndASecondRemovalIsNotFound()
    {
        var directory = await SeededAsync();

        Assert.True((await directory.RemoveUserAsync("pat-1", Token)).Succeeded);

        Assert.Null(await directory.FindUserAsync("pat-1", Token));
        Assert.Equal(DirectoryChangeStatus.NotFound, (await directory.RemoveUserAsync("pat-1", Token)).Status);
        Assert.True((await directory.AddUserAsync(User("pat-1-new", Role.Patient, patient: "p-1"), Token)).Succeeded);
    }

    [Fact]
    public async Task AddOrganizationAndPatient_AreAddOnce_AndAPatientNeedsAClinic()
    {
        var directory = await SeededAsync();

        Assert.True((await directory.AddOrganizationAsync(new("clinic-c", OrganizationKind.Clinic), Token)).Succeeded);
        Assert.True((await directory.AddOrganizationAsync(new("clinic-c", OrganizationKind.Clinic), Token)).Succeeded);
        Assert.Equal(DirectoryChangeStatus.AlreadyExists, (await directory.AddOrganizationAsync(new("clinic-c", OrganizationKind.Insurer), Token)).Status);
        Assert.True((await directory.AddPatientAsync(new("p-3", "clinic-c"), Token)).Succeeded);
        Assert.Equal(DirectoryChangeStatus.AlreadyExists, (await directory.AddPatientAsync(new("p-3", "clinic-a"), Token)).Status);
        Assert.Equal(DirectoryChangeStatus.Invalid, (await directory.AddPatientAsync(new("p-4", "insurer-x"), Token)).Status);
        Assert.Equal(DirectoryChangeStatus.Invalid, (await directory.AddPatientAsync(new("p 5", "clinic-a"), Token)).Status);
        Assert.Equal(new DirectoryPatient("p-3", "clinic-c"), await directory.FindPatientAsync("p-3", Token));
    }

    [Fact]
    public async Task ListUsers_PagesInUserKeyOrder()
    {
        var directory = await SeededAsync();

        var first = await directory.ListUsersAsync(null, 4, Token);
        var second = await directory.ListUsersAsync(first[^1].UserKey, 4, Token);

        Assert.Equal(["admin-1", "aud-1", "dr-ada", "dr-bo"], first.Select(u => u.UserKey));
        Assert.Equal(["ins-1", "pat-1"], second.Select(u => u.UserKey));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => directory.ListUsersAsync(null, 0, Token));
        await Assert.ThrowsAsync<ArgumentException>(() => directory.ListUsersAsync("a/b", 5, Token));
    }

    [Fact]
    public async Task FindUser_MalformedRow_IsInvalidData()
    {
        var directory = await SeededAsync();
        var partition = directory.Partition;
        var row = new TableEntity(partition, "user|broken") { ["FormatVersion"] = 1, ["Roles"] = "clinician,wizard" };
        await Table().UpsertEntityAsync(row, cancellationToken: Token);
        var versionless = new TableEntity(partition, "user|old") { ["Roles"] = "auditor" };
        await Table().UpsertEntityAsync(versionless, cancellationToken: Token);

        await Assert.ThrowsAsync<InvalidDataException>(() => directory.FindUserAsync("broken", Token));
        await Assert.ThrowsAsync<InvalidDataException>(() => directory.FindUserAsync("old", Token));
    }
}
