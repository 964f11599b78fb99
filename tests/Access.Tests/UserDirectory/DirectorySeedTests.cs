using System.Text;
using MedLedger.Access.Identity;
using MedLedger.Access.UserDirectory;

namespace MedLedger.Access.Tests.UserDirectory;

public sealed class DirectorySeedTests
{
    private const string Organizations = """[{"id":"clinic-a","kind":"clinic"},{"id":"insurer-x","kind":"insurer"}]""";
    private const string Patients = """[{"id":"p-1","organization":"clinic-a"}]""";

    private static DirectorySeedParseResult Parse(string json) => DirectorySeed.Parse(Encoding.UTF8.GetBytes(json));

    private static string Seed(string users, string organizations = Organizations, string patients = Patients) =>
        $$"""{"format":"medledger-directory/v1","organizations":{{organizations}},"patients":{{patients}},"users":{{users}}}""";

    [Fact]
    public void Parse_ValidSeed_ReadsEverything()
    {
        var result = Parse(Seed("""
            [{"userKey":"dr-ada","roles":["clinician"],"organization":"clinic-a"},
             {"userKey":"pat-1","roles":["patient","auditor"],"patient":"p-1"},
             {"userKey":"ins-1","roles":["insurer"],"organization":"insurer-x"}]
            """));

        Assert.True(result.IsSuccess, result.Error?.ToString());
        Assert.Equal(3, result.Seed.Users.Count);
        var patient = result.Seed.Users.Single(u => u.UserKey == "pat-1");
        Assert.Equal("p-1", patient.PatientId);
        Assert.Null(patient.OrganizationId);
        Assert.Equal([Role.Patient, Role.Auditor], patient.Roles.Order());
        Assert.Equal(OrganizationKind.Insurer, result.Seed.Organizations.Single(o => o.Id == "insurer-x").Kind);
        Assert.Equal("clinic-a", result.Seed.Patients.Single().OrganizationId);
    }

    [Theory]
    [InlineData("""{"organizations":[],"patients":[],"users":[],"format":"medledger-directory/v1"}""", "$")]
    [InlineData("""{"format":"medledger-directory/v2","organizations":[],"patients":[],"users":[]}""", "$.format")]
    [InlineData("""{"format":"medledger-directory/v1","organizations":[],"patients":[]}""", "$.users")]
    [InlineData("""{"format":"medledger-directory/v1","organizations":[],"patients":[],"users":[],"extra":1}""", "$.extra")]
    [InlineData("""{"format":"medledger-directory/v1","organizations":[{"id":"a","kind":"hospital"}],"patients":[],"users":[]}""", "$.organizations[0].kind")]
    [InlineData("""{"format":"medledger-directory/v1","organizations":[{"id":"a","kind":"clinic"},{"id":"a","kind":"clinic"}],"patients":[],"users":[]}""", "$.organizations[1].id")]
    [InlineData("""{"format":"medledger-directory/v1","organizations":[{"id":"x","kind":"insurer"}],"patients":[{"id":"p","organization":"x"}],"users":[]}""", "$.patients[0].organization")]
    public void Parse_BadDocument_NamesThePath(string json, string path)
    {
        var result = Parse(json);

        Assert.False(result.IsSuccess);
        Assert.Equal(path, result.Error.Path);
    }

    [Theory]
    [InlineData("""[{"userKey":"u","roles":[]}]""", "$.users[0].roles")]
    [InlineData("""[{"userKey":"u","roles":["superuser"]}]""", "$.users[0].roles[0]")]
    [InlineData("""[{"userKey":"u","roles":["admin","admin"]}]""", "$.users[0].roles[1]")]
    [InlineData("""[{"userKey":"u","roles":["clinician"]}]""", "$.users[0].organization")]
    [InlineData("""[{"userKey":"u","roles":["clinician"],"organization":"insurer-x"}]""", "$.users[0].organization")]
    [InlineData("""[{"userKey":"u","roles":["insurer"],"organization":"clinic-a"}]""", "$.users[0].organization")]
    [InlineData("""[{"userKey":"u","roles":["clinician"],"organization":"nowhere"}]""", "$.users[0].organization")]
    [InlineData("""[{"userKey":"u","roles":["clinician","insurer"],"organization":"clinic-a"}]""", "$.users[0].roles")]
    [InlineData("""[{"userKey":"u","roles":["auditor"],"organization":"clinic-a"}]""", "$.users[0].organization")]
    [InlineData("""[{"userKey":"u","roles":["patient"]}]""", "$.users[0].patient")]
    [InlineData("""[{"userKey":"u","roles":["patient"],"patient":"p-9"}]""", "$.users[0].patient")]
    [InlineData("""[{"userKey":"u","roles":["admin"],"patient":"p-1"}]""", "$.users[0].patient")]
    [InlineData("""[{"userKey":"u","roles":["patient"],"patient":"p-1"},{"userKey":"v","roles":["patient"],"patient":"p-1"}]""", "$.users[1].patient")]
    [InlineData("""[{"userKey":"u","roles":["admin"]},{"userKey":"u","roles":["admin"]}]""", "$.users[1].userKey")]
    [InlineData("""[{"userKey":"u v","roles":["admin"]}]""", "$.users[0].userKey")]
    [InlineData("""[{"userKey":"u","roles":["admin"],"isAdmin":true}]""", "$.users[0].isAdmin")]
    public void Parse_BadUser_NamesThePath(string users, string path)
    {
        var result = Parse(Seed(users));

        Assert.False(result.IsSuccess);
        Assert.Equal(path, result.Error.Path);
        Assert.False(string.IsNullOrWhiteSpace(result.Error.Message));
    }

    [Fact]
    public void Parse_DuplicateMemberName_IsRefused()
    {
        var result = Parse("""{"format":"medledger-directory/v1","format":"medledger-directory/v1","organizations":[],"patients":[],"users":[]}""");

        Assert.False(result.IsSuccess);
    }

    [Fact]
    public void DemoDirectory_HasTheUsersTheIssueLists()
    {
        var seed = DemoDirectory.Load();

        static (string? Organization, string? Patient, string Roles) Describe(DirectoryUser u) => (u.OrganizationId, u.PatientId, string.Join(",", u.Roles.Order().Select(r => r.ToName())));
        var users = seed.Users.ToDictionary(u => u.UserKey, Describe);
        Assert.Equal(6, users.Count);
        Assert.Equal(("clinic-a", null, "clinician"), users["dr-ada"]);
        Assert.Equal(("clinic-b", null, "clinician"), users["dr-bo"]);
        Assert.Equal((null, "p-1", "patient"), users["pat-1"]);
        Assert.Equal(("insurer-x", null, "insurer"), users["ins-1"]);
        Assert.Equal((null, null, "auditor"), users["aud-1"]);
        Assert.Equal((null, null, "admin"), users["admin-1"]);
        Assert.Contains(seed.Patients, p => p is { PatientId: "p-2", OrganizationId: "clinic-b" });
    }

    [Fact]
    public async Task InMemoryDirectory_AnswersLookupsAndNullForUnknownIds()
    {
        var directory = new InMemoryDirectory(DemoDirectory.Load());
        var cancellationToken = TestContext.Current.CancellationToken;

        Assert.Equal("clinic-a", (await directory.FindUserAsync("dr-ada", cancellationToken))!.OrganizationId);
        Assert.Equal("clinic-a", (await directory.FindPatientAsync("p-1", cancellationToken))!.OrganizationId);
        Assert.Equal(OrganizationKind.Insurer, (await directory.FindOrganizationAsync("insurer-x", cancellationToken))!.Kind);
        Assert.Null(await directory.FindUserAsync("DR-ADA", cancellationToken));
        Assert.Null(await directory.FindPatientAsync("p-9", cancellationToken));
        Assert.Null(await directory.FindOrganizationAsync("clinic-z", cancellationToken));
    }

    [Fact]
    public async Task InMemoryDirectory_CancelledToken_Throws()
    {
        var directory = new InMemoryDirectory(DemoDirectory.Load());

        await Assert.ThrowsAsync<OperationCanceledException>(() => directory.FindUserAsync("dr-ada", new CancellationToken(canceled: true)));
    }
}
