using MedLedger.Access.UserDirectory;
using MedLedger.Clients.Tables;
using MedLedger.Infrastructure.Access;
using MedLedger.Testing.Azurite;

namespace MedLedger.Infrastructure.Tests.Access;

/// <summary>The directory's reverse index from ledger pseudonyms to patients (what <c>GET /api/records/{id}</c> needs).</summary>
public sealed class TableDirectoryPseudonymTests(AzuriteFixture azurite)
{
    private static readonly string SharedTable = UniqueNames.Table("directory");

    // Pseudonyms as the app makes them: 43 base64url characters, '-' and '_' included.
    private static readonly string PseudonymOfP1 = "Ab-_" + new string('1', 39);
    private static readonly string PseudonymOfP3 = "Zz9_" + new string('3', 39);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private TableClient Table() => azurite.CreateAccount().GetTableClient(SharedTable);

    private async Task<TableDirectory> SeededAsync(IReadOnlyDictionary<string, string>? pseudonyms = null)
    {
        var directory = new TableDirectory(Table(), "d" + Guid.NewGuid().ToString("N"));
        await directory.CreateTableIfNotExistsAsync(Token);
        Assert.True(await directory.SeedAsync(DemoDirectory.Load(), pseudonyms ?? new Dictionary<string, string>(), Token));
        return directory;
    }

    [Fact]
    public async Task Seed_WithPseudonyms_IndexesEachPatient()
    {
        var directory = await SeededAsync(new Dictionary<string, string> { ["p-1"] = PseudonymOfP1 });

        Assert.Equal("p-1", await directory.FindPatientIdAsync(PseudonymOfP1, Token));
        Assert.Null(await directory.FindPatientIdAsync(PseudonymOfP3, Token));
    }

    [Fact]
    public async Task Seed_PseudonymOfAPatientNotInTheSeed_OrMalformed_IsRefusedBeforeWriting()
    {
        var directory = new TableDirectory(Table(), "d" + Guid.NewGuid().ToString("N"));
        await directory.CreateTableIfNotExistsAsync(Token);

        await Assert.ThrowsAsync<ArgumentException>(() => directory.SeedAsync(DemoDirectory.Load(), new Dictionary<string, string> { ["p-9"] = PseudonymOfP1 }, Token));
        await Assert.ThrowsAsync<ArgumentException>(() => directory.SeedAsync(DemoDirectory.Load(), new Dictionary<string, string> { ["p-1"] = "not/base64url" }, Token));

        Assert.Null(await directory.FindPatientAsync("p-1", Token));
    }

    [Fact]
    public async Task AddPatientWithPseudonym_AddsBoth_AndARetryOfTheSameIsApplied()
    {
        var directory = await SeededAsync();

        var first = await directory.AddPatientAsync(new DirectoryPatient("p-3", "clinic-a"), PseudonymOfP3, Token);
        var retry = await directory.AddPatientAsync(new DirectoryPatient("p-3", "clinic-a"), PseudonymOfP3, Token);

        Assert.True(first.Succeeded);
        Assert.True(retry.Succeeded);
        Assert.Equal(new DirectoryPatient("p-3", "clinic-a"), await directory.FindPatientAsync("p-3", Token));
        Assert.Equal("p-3", await directory.FindPatientIdAsync(PseudonymOfP3, Token));
    }

    [Fact]
    public async Task AddPatientWithPseudonym_PatientAddedBeforeWithoutOne_GainsTheIndexRow()
    {
        var directory = await SeededAsync();

        var result = await directory.AddPatientAsync(new DirectoryPatient("p-1", "clinic-a"), PseudonymOfP1, Token);

        Assert.True(result.Succeeded);
        Assert.Equal("p-1", await directory.FindPatientIdAsync(PseudonymOfP1, Token));
    }

    [Fact]
    public async Task AddPatientWithPseudonym_OtherClinicOrPseudonymOfAnotherPatient_IsAlreadyExistsAndChangesNothing()
    {
        var directory = await SeededAsync(new Dictionary<string, string> { ["p-1"] = PseudonymOfP1 });

        var otherClinic = await directory.AddPatientAsync(new DirectoryPatient("p-1", "clinic-b"), PseudonymOfP1, Token);
        var takenPseudonym = await directory.AddPatientAsync(new DirectoryPatient("p-2", "clinic-b"), PseudonymOfP1, Token);

        Assert.Equal(DirectoryChangeStatus.AlreadyExists, otherClinic.Status);
        Assert.Equal(DirectoryChangeStatus.AlreadyExists, takenPseudonym.Status);
        Assert.Equal("p-1", await directory.FindPatientIdAsync(PseudonymOfP1, Token));
        Assert.Equal(new DirectoryPatient("p-1", "clinic-a"), await directory.FindPatientAsync("p-1", Token));
    }

    [Fact]
    public async Task AddPatientWithPseudonym_NewPatientWhosePseudonymIsTaken_IsRefusedAtomically()
    {
        var directory = await SeededAsync(new Dictionary<string, string> { ["p-1"] = PseudonymOfP1 });

        var result = await directory.AddPatientAsync(new DirectoryPatient("p-7", "clinic-a"), PseudonymOfP1, Token);

        Assert.Equal(DirectoryChangeStatus.AlreadyExists, result.Status);
        // One transaction: the patient row was not written without its index row.
        Assert.Null(await directory.FindPatientAsync("p-7", Token));
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("slash/in")]
    [InlineData("a.b")]
    public async Task AddPatientWithPseudonym_MalformedPseudonym_IsInvalid(string pseudonym)
    {
        var directory = await SeededAsync();

        var result = await directory.AddPatientAsync(new DirectoryPatient("p-3", "clinic-a"), pseudonym, Token);

        Assert.Equal(DirectoryChangeStatus.Invalid, result.Status);
        Assert.Null(await directory.FindPatientAsync("p-3", Token));
        Assert.Null(await directory.FindPatientIdAsync(pseudonym, Token));
    }

    [Fact]
    public async Task AddPatientWithPseudonym_InvalidPatientOrNoClinic_IsInvalid()
    {
        var directory = await SeededAsync();

        Assert.Equal(DirectoryChangeStatus.Invalid, (await directory.AddPatientAsync(new DirectoryPatient("p 3", "clinic-a"), PseudonymOfP3, Token)).Status);
        Assert.Equal(DirectoryChangeStatus.Invalid, (await directory.AddPatientAsync(new DirectoryPatient("p-3", "insurer-x"), PseudonymOfP3, Token)).Status);
        Assert.Null(await directory.FindPatientIdAsync(PseudonymOfP3, Token));
    }

    [Fact]
    public async Task FindPatientId_MalformedRow_IsInvalidData()
    {
        var directory = await SeededAsync();
        var row = new TableEntity(directory.Partition, "pseudonym|" + PseudonymOfP3) { ["FormatVersion"] = 1, ["Patient"] = "not an id" };
        await Table().AddEntityAsync(row, Token);

        await Assert.ThrowsAsync<InvalidDataException>(() => directory.FindPatientIdAsync(PseudonymOfP3, Token));
    }
}
