using MedLedger.Access.Identity;
using MedLedger.Access.UserDirectory;
using MedLedger.Access.Webhooks;
using MedLedger.Clients.Tables;
using MedLedger.Infrastructure.Access;
using MedLedger.Testing.Azurite;
using MedLedger.Testing.Faults;
using MedLedger.Testing.Time;

namespace MedLedger.Infrastructure.Tests.Access;

/// <summary>Lost answers: the service did the work, the pipeline retried, and the retry meets the first attempt's write.</summary>
public sealed class AccessTableFaultTests(AzuriteFixture azurite)
{
    private static readonly string SharedTable = UniqueNames.Table("accessfaults");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private (TableClient Table, FaultInjectionTransport Faults) Table()
    {
        var options = azurite.Instance.CreateOptions();
        var faults = new FaultInjectionTransport(azurite.Instance.CreateTransport());
        options.Transport = faults;
        options.Retry.MaxRetries = 3;
        options.Retry.Delay = TimeSpan.FromMilliseconds(10);
        return (azurite.CreateAccount(options).GetTableClient(SharedTable), faults);
    }

    private static bool IsTransaction(Azure.Core.Request request) => request.Uri.Path.EndsWith("/$batch", StringComparison.Ordinal);

    private static bool IsInsert(Azure.Core.Request request) => request.Method == Azure.Core.RequestMethod.Post && !IsTransaction(request);

    private async Task<(TableDirectory Directory, FaultInjectionTransport Faults)> DirectoryAsync()
    {
        var (table, faults) = Table();
        var directory = new TableDirectory(table, "d" + Guid.NewGuid().ToString("N"));
        await directory.CreateTableIfNotExistsAsync(Token);
        await directory.SeedAsync(DemoDirectory.Load(), Token);
        return (directory, faults);
    }

    [Fact]
    public async Task AddUser_AnswerLost_TheRetryMeetsItsOwnRowAndSucceeds()
    {
        var (directory, faults) = await DirectoryAsync();
        var before = faults.Attempts.Count(a => a.Uri.AbsolutePath.EndsWith("/$batch", StringComparison.Ordinal));
        faults.LoseResponse(match: IsTransaction);

        var result = await directory.AddUserAsync(new DirectoryUser("pat-2", new HashSet<Role> { Role.Patient }, null, "p-2"), Token);

        Assert.Equal(0, faults.PendingFaults);
        Assert.Equal(before + 2, faults.Attempts.Count(a => a.Uri.AbsolutePath.EndsWith("/$batch", StringComparison.Ordinal)));
        Assert.Equal(DirectoryChangeStatus.Applied, result.Status);
        Assert.Equal("p-2", (await directory.FindUserAsync("pat-2", Token))?.PatientId);
    }

    [Fact]
    public async Task UpdateAndRemove_AnswerLost_Succeed()
    {
        var (directory, faults) = await DirectoryAsync();

        faults.LoseResponse(match: IsTransaction);
        var updated = await directory.UpdateUserAsync(new DirectoryUser("pat-1", new HashSet<Role> { Role.Patient }, null, "p-2"), Token);
        faults.LoseResponse(match: IsTransaction);
        var removed = await directory.RemoveUserAsync("pat-1", Token);

        Assert.Equal((DirectoryChangeStatus.Applied, DirectoryChangeStatus.Applied), (updated.Status, removed.Status));
        Assert.Null(await directory.FindUserAsync("pat-1", Token));
        Assert.Equal(0, faults.PendingFaults);
    }

    [Fact]
    public async Task ReplayGuard_InsertAnswerLost_IsStillTheFirstDelivery_AndTheNextOneAReplay()
    {
        var (table, faults) = Table();
        var guard = new TableReplayGuard(table, new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero)));
        await guard.CreateTableIfNotExistsAsync(Token);
        var insurer = "ins-" + Guid.NewGuid().ToString("N")[..12];
        faults.LoseResponse(match: IsInsert);

        var first = await guard.TryRegisterAsync(insurer, "msg_lost", new DateTimeOffset(2026, 3, 1, 12, 5, 0, TimeSpan.Zero), Token);
        var second = await guard.TryRegisterAsync(insurer, "msg_lost", new DateTimeOffset(2026, 3, 1, 12, 5, 0, TimeSpan.Zero), Token);

        Assert.Equal(0, faults.PendingFaults);
        Assert.Equal((ReplayGuardResult.FirstDelivery, ReplayGuardResult.Replay), (first, second));
    }
}
