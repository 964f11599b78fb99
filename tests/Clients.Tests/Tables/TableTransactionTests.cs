using Azure;
using Azure.Core;
using MedLedger.Clients.Tables;
using MedLedger.Testing.Azurite;
using MedLedger.Testing.Faults;

namespace MedLedger.Clients.Tests.Tables;

public sealed class TableTransactionTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<TableClient> NewTableAsync(TableClient? client = null)
    {
        var table = client ?? azurite.CreateAccount().GetTableClient(UniqueNames.Table());
        Assert.True(await table.CreateIfNotExistsAsync(Ct));
        return table;
    }

    [Fact]
    public async Task SubmitTransaction_HundredAdds_AllAppliedWithETags()
    {
        var table = await NewTableAsync();
        var actions = Enumerable.Range(0, TableLimits.MaxTransactionActions)
            .Select(i => TableTransactionAction.Add(new TableEntity("log", $"e{i:D4}") { ["Index"] = (long)i, ["Hash"] = new byte[32] }))
            .ToList();

        var result = await table.SubmitTransactionAsync(actions, Ct);

        Assert.True(result.Succeeded);
        Assert.Null(result.Failure);
        Assert.Equal(100, result.ETags.Count);
        Assert.All(result.ETags, e => Assert.NotNull(e));
        var stored = await table.QueryAsync(new TableQuery { Filter = "PartitionKey eq 'log'" }, Ct).ToListAsync(Ct);
        Assert.Equal(100, stored.Count);
        Assert.Equal(result.ETags[7], stored.Single(e => e.RowKey == "e0007").ETag);
    }

    [Fact]
    public async Task SubmitTransaction_MixedActions_AllApplied()
    {
        var table = await NewTableAsync();
        var headETag = await table.AddEntityAsync(new TableEntity("log", "head") { ["Size"] = 1L, ["Keep"] = "k" }, Ct);
        var doomedETag = await table.AddEntityAsync(new TableEntity("log", "doomed"), Ct);
        await table.AddEntityAsync(new TableEntity("log", "merged") { ["A"] = 1 }, Ct);

        var result = await table.SubmitTransactionAsync(
        [
            TableTransactionAction.Add(new TableEntity("log", "e1") { ["V"] = "one" }),
            TableTransactionAction.UpdateMerge(new TableEntity("log", "head") { ["Size"] = 2L }, headETag),
            TableTransactionAction.UpsertReplace(new TableEntity("log", "fresh") { ["V"] = 1 }),
            TableTransactionAction.UpsertMerge(new TableEntity("log", "merged") { ["B"] = 2 }),
            TableTransactionAction.Delete("log", "doomed", doomedETag),
        ], Ct);

        Assert.True(result.Succeeded);
        Assert.Null(result.ETags[4]);
        var head = await table.GetEntityAsync("log", "head", Ct);
        Assert.Equal(2L, head.GetInt64("Size"));
        Assert.Equal("k", head.GetString("Keep"));
        Assert.Equal(result.ETags[1], head.ETag);
        var merged = await table.GetEntityAsync("log", "merged", Ct);
        Assert.Equal(1, merged.GetInt32("A"));
        Assert.Equal(2, merged.GetInt32("B"));
        Assert.Null(await table.GetEntityIfExistsAsync("log", "doomed", Ct));
        Assert.NotNull(await table.GetEntityIfExistsAsync("log", "fresh", Ct));
    }

    [Fact]
    public async Task SubmitTransaction_DuplicateInsert_ReportsIndexAndAppliesNothing()
    {
        var table = await NewTableAsync();
        await table.AddEntityAsync(new TableEntity("log", "taken"), Ct);

        var result = await table.SubmitTransactionAsync(
        [
            TableTransactionAction.Add(new TableEntity("log", "a")),
            TableTransactionAction.Add(new TableEntity("log", "b")),
            TableTransactionAction.Add(new TableEntity("log", "taken")),
            TableTransactionAction.Add(new TableEntity("log", "c")),
        ], Ct);

        Assert.False(result.Succeeded);
        var failure = Assert.IsType<TableTransactionFailure>(result.Failure);
        Assert.Equal(2, failure.ActionIndex);
        Assert.Equal(409, failure.Status);
        Assert.Equal("EntityAlreadyExists", failure.ErrorCode);
        Assert.Empty(result.ETags);
        Assert.Null(await table.GetEntityIfExistsAsync("log", "a", Ct));
        Assert.Null(await table.GetEntityIfExistsAsync("log", "b", Ct));
    }

    [Fact]
    public async Task SubmitTransaction_StaleETagOnHead_Reports412AtItsIndexAndAppliesNothing()
    {
        var table = await NewTableAsync();
        var stale = await table.AddEntityAsync(new TableEntity("log", "head") { ["Size"] = 1L }, Ct);
        await table.UpdateEntityAsync(new TableEntity("log", "head") { ["Size"] = 5L }, stale, cancellationToken: Ct);

        var result = await table.SubmitTransactionAsync(
        [
            TableTransactionAction.Add(new TableEntity("log", "e1")),
            TableTransactionAction.Add(new TableEntity("log", "e2")),
            TableTransactionAction.UpdateReplace(new TableEntity("log", "head") { ["Size"] = 3L }, stale),
        ], Ct);

        var failure = Assert.IsType<TableTransactionFailure>(result.Failure);
        Assert.Equal(2, failure.ActionIndex);
        Assert.Equal(412, failure.Status);
        Assert.Equal("UpdateConditionNotSatisfied", failure.ErrorCode);
        Assert.Equal(5L, (await table.GetEntityAsync("log", "head", Ct)).GetInt64("Size"));
        Assert.Null(await table.GetEntityIfExistsAsync("log", "e1", Ct));
    }

    [Fact]
    public async Task SubmitTransaction_DeleteMissing_Reports404()
    {
        var table = await NewTableAsync();

        var result = await table.SubmitTransactionAsync(
        [
            TableTransactionAction.Add(new TableEntity("log", "a")),
            TableTransactionAction.Delete("log", "missing", ETag.All),
        ], Ct);

        var failure = Assert.IsType<TableTransactionFailure>(result.Failure);
        Assert.Equal(1, failure.ActionIndex);
        Assert.Equal(404, failure.Status);
        Assert.Null(await table.GetEntityIfExistsAsync("log", "a", Ct));
    }

    [Fact]
    public async Task EnsureSuccess_Failure_ThrowsRequestFailedExceptionNamingTheAction()
    {
        var table = await NewTableAsync();
        await table.AddEntityAsync(new TableEntity("log", "taken"), Ct);
        var result = await table.SubmitTransactionAsync([TableTransactionAction.Add(new TableEntity("log", "taken"))], Ct);

        var error = Assert.Throws<RequestFailedException>(() => result.EnsureSuccess(table.Name));

        Assert.Equal(409, error.Status);
        Assert.Equal("EntityAlreadyExists", error.ErrorCode);
        Assert.Contains("action 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmitTransaction_TableMissing_ReportsFailure()
    {
        var table = azurite.CreateAccount().GetTableClient(UniqueNames.Table());

        var result = await table.SubmitTransactionAsync([TableTransactionAction.Add(new TableEntity("log", "a"))], Ct);

        Assert.False(result.Succeeded);
        Assert.Equal(404, result.Failure!.Status);
    }

    [Fact]
    public async Task SubmitTransaction_TooManyActions_ThrowsBeforeSending()
    {
        var table = await NewTableAsync();
        var actions = Enumerable.Range(0, 101).Select(i => TableTransactionAction.Add(new TableEntity("log", $"e{i}"))).ToList();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync(actions, Ct));

        Assert.Contains("1-100 actions", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmitTransaction_Empty_ThrowsBeforeSending()
    {
        var table = await NewTableAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync([], Ct));
    }

    [Fact]
    public async Task SubmitTransaction_TwoPartitions_ThrowsBeforeSending()
    {
        var table = await NewTableAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync(
            [TableTransactionAction.Add(new TableEntity("a", "1")), TableTransactionAction.Add(new TableEntity("b", "2"))], Ct));

        Assert.Contains("Action 1 is in partition 'b'", error.Message, StringComparison.Ordinal);
        Assert.Null(await table.GetEntityIfExistsAsync("a", "1", Ct));
    }

    [Fact]
    public async Task SubmitTransaction_SameRowTwice_ThrowsBeforeSending()
    {
        var table = await NewTableAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync(
            [TableTransactionAction.Add(new TableEntity("a", "1")), TableTransactionAction.UpsertMerge(new TableEntity("a", "1"))], Ct));

        Assert.Contains("a second time", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmitTransaction_BodyOver4MiB_ThrowsBeforeSending()
    {
        var table = await NewTableAsync();
        var actions = Enumerable.Range(0, 60)
            .Select(i => TableTransactionAction.Add(new TableEntity("log", $"e{i}") { ["Tile"] = new byte[TableLimits.MaxBinaryBytes] }))
            .ToList();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync(actions, Ct));

        Assert.Contains("4 MiB", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmitTransaction_InvalidEntity_ThrowsBeforeSending()
    {
        var table = await NewTableAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync(
            [TableTransactionAction.Add(new TableEntity("log", "a") { ["S"] = new string('x', TableLimits.MaxStringLength + 1) })], Ct));
    }

    [Fact]
    public void TransactionAction_ConditionalWithoutETag_Throws()
    {
        Assert.Throws<ArgumentException>(() => TableTransactionAction.UpdateReplace(new TableEntity("p", "r"), default));
        Assert.Throws<ArgumentException>(() => TableTransactionAction.UpdateMerge(new TableEntity("p", "r"), default));
        Assert.Throws<ArgumentException>(() => TableTransactionAction.Delete("p", "r", default));
    }

    [Fact]
    public async Task SubmitTransaction_ResponseLost_RetryReportsConflictSoCallerMustReadBack()
    {
        var faults = new FaultInjectionTransport(azurite.Instance.CreateTransport()).LoseResponse(1, r => r.Uri.Path.EndsWith("/$batch", StringComparison.Ordinal));
        var options = azurite.Instance.CreateOptions();
        options.Retry.Delay = TimeSpan.FromMilliseconds(1);
        options.Transport = faults;
        var table = await NewTableAsync(azurite.CreateAccount(options).GetTableClient(UniqueNames.Table()));

        var result = await table.SubmitTransactionAsync([TableTransactionAction.Add(new TableEntity("log", "e0"))], Ct);

        // The first attempt committed; the retry collides with it. Ambiguity is visible, never silent.
        Assert.Equal(409, result.Failure?.Status);
        Assert.NotNull(await table.GetEntityIfExistsAsync("log", "e0", Ct));
    }
}
