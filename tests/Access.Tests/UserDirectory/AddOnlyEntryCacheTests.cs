using MedLedger.Access.Identity;
using MedLedger.Access.UserDirectory;

namespace MedLedger.Access.Tests.UserDirectory;

public sealed class AddOnlyEntryCacheTests
{
    private static readonly DirectoryPatient Patient = new("p-1", "clinic-a");
    private static readonly DirectoryOrganization Clinic = new("clinic-a", OrganizationKind.Clinic);
    private static readonly DirectoryUser Clinician = new("dr-ada", new HashSet<Role> { Role.Clinician }, "clinic-a", null);

    [Fact]
    public async Task FindPatientAsync_FoundOnce_AnswersLaterLookupsWithoutAsking()
    {
        var directory = new ChangingDirectory();
        directory.Patients[Patient.PatientId] = Patient;
        var cache = new AddOnlyEntryCache(directory);

        Assert.Equal(Patient, await cache.FindPatientAsync("p-1", TestContext.Current.CancellationToken));
        Assert.Equal(Patient, await cache.FindPatientAsync("p-1", TestContext.Current.CancellationToken));
        Assert.Equal(Patient, await cache.FindPatientAsync("p-1", TestContext.Current.CancellationToken));

        Assert.Equal(1, directory.PatientLookups);
    }

    [Fact]
    public async Task FindPatientAsync_NotFound_IsAskedAgainAndFoundOnceAdded()
    {
        var directory = new ChangingDirectory();
        var cache = new AddOnlyEntryCache(directory);

        Assert.Null(await cache.FindPatientAsync("p-1", TestContext.Current.CancellationToken));
        directory.Patients[Patient.PatientId] = Patient;

        Assert.Equal(Patient, await cache.FindPatientAsync("p-1", TestContext.Current.CancellationToken));
        Assert.Equal(2, directory.PatientLookups);
    }

    [Fact]
    public async Task FindOrganizationAsync_FoundOnce_AnswersLaterLookupsWithoutAsking_NotFoundIsAskedAgain()
    {
        var directory = new ChangingDirectory();
        var cache = new AddOnlyEntryCache(directory);

        Assert.Null(await cache.FindOrganizationAsync("clinic-a", TestContext.Current.CancellationToken));
        directory.Organizations[Clinic.Id] = Clinic;
        Assert.Equal(Clinic, await cache.FindOrganizationAsync("clinic-a", TestContext.Current.CancellationToken));
        Assert.Equal(Clinic, await cache.FindOrganizationAsync("clinic-a", TestContext.Current.CancellationToken));

        Assert.Equal(2, directory.OrganizationLookups);
    }

    [Fact]
    public async Task FindUserAsync_RemovedOrChangedUser_IsSeenOnTheVeryNextLookup()
    {
        var directory = new ChangingDirectory();
        directory.Users[Clinician.UserKey] = Clinician;
        var cache = new AddOnlyEntryCache(directory);

        Assert.Equal(Clinician, await cache.FindUserAsync("dr-ada", TestContext.Current.CancellationToken));
        var moved = Clinician with { OrganizationId = "clinic-b" };
        directory.Users[Clinician.UserKey] = moved;
        Assert.Equal(moved, await cache.FindUserAsync("dr-ada", TestContext.Current.CancellationToken));
        directory.Users.Remove(Clinician.UserKey);
        Assert.Null(await cache.FindUserAsync("dr-ada", TestContext.Current.CancellationToken));

        Assert.Equal(3, directory.UserLookups);
    }

    [Fact]
    public async Task FindPatientAsync_AnswerForAnotherId_IsReturnedButNotKept()
    {
        var directory = new ChangingDirectory();
        directory.Patients["p-1"] = new DirectoryPatient("p-2", "clinic-a");
        var cache = new AddOnlyEntryCache(directory);

        await cache.FindPatientAsync("p-1", TestContext.Current.CancellationToken);
        await cache.FindPatientAsync("p-1", TestContext.Current.CancellationToken);

        Assert.Equal(2, directory.PatientLookups);
    }

    [Fact]
    public async Task FindPatientAsync_BeyondCapacity_StartsOverAndStillAnswersFromTheDirectory()
    {
        var directory = new ChangingDirectory();
        for (var i = 0; i < 5; i++)
        {
            directory.Patients[$"p-{i}"] = new DirectoryPatient($"p-{i}", "clinic-a");
        }

        var cache = new AddOnlyEntryCache(directory, capacity: 2);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal($"p-{i}", (await cache.FindPatientAsync($"p-{i}", TestContext.Current.CancellationToken))!.PatientId);
        }

        // p-4 is kept (the cache started over before it); p-0 was dropped and is asked for again.
        Assert.Equal("p-4", (await cache.FindPatientAsync("p-4", TestContext.Current.CancellationToken))!.PatientId);
        Assert.Equal("p-0", (await cache.FindPatientAsync("p-0", TestContext.Current.CancellationToken))!.PatientId);
        Assert.Equal(6, directory.PatientLookups);
    }

    [Fact]
    public void Constructor_CapacityNotPositive_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new AddOnlyEntryCache(new ChangingDirectory(), capacity: 0));
        Assert.Throws<ArgumentNullException>(() => new AddOnlyEntryCache(null!));
    }

    /// <summary>A directory whose entries the test changes, counting the lookups that reach it.</summary>
    private sealed class ChangingDirectory : IDirectory
    {
        public Dictionary<string, DirectoryUser> Users { get; } = [];

        public Dictionary<string, DirectoryPatient> Patients { get; } = [];

        public Dictionary<string, DirectoryOrganization> Organizations { get; } = [];

        public int UserLookups { get; private set; }

        public int PatientLookups { get; private set; }

        public int OrganizationLookups { get; private set; }

        public Task<DirectoryUser?> FindUserAsync(string userKey, CancellationToken cancellationToken = default)
        {
            UserLookups++;
            return Task.FromResult(Users.GetValueOrDefault(userKey));
        }

        public Task<DirectoryPatient?> FindPatientAsync(string patientId, CancellationToken cancellationToken = default)
        {
            PatientLookups++;
            return Task.FromResult(Patients.GetValueOrDefault(patientId));
        }

        public Task<DirectoryOrganization?> FindOrganizationAsync(string organizationId, CancellationToken cancellationToken = default)
        {
            OrganizationLookups++;
            return Task.FromResult(Organizations.GetValueOrDefault(organizationId));
        }
    }
}
