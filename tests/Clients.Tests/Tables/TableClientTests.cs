using Azure;
using MedLedger.Clients.Tables;
using MedLedger.Testing.Azurite;

namespace MedLedger.Clients.Tests.Tables;

public sealed class TableClientTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<TableClient> NewTableAsync()
    {
        var table = azurite.CreateAccount().GetTableClient(UniqueNames.Table());
        Assert.True(await table.CreateIfNotExistsAsync(Ct));
        return table;
    }

    private static TableEntity AllTypes(string pk, string rk)
    {
        var entity = new TableEntity(pk, rk)
        {
            ["Text"] = "Befund: 'ok' & <fine> 😀",
            ["Empty"] = string.Empty,
            ["Small"] = int.MinValue,
            ["Big"] = long.MaxValue,
            ["Negative"] = long.MinValue,
            ["Ratio"] = 0.1 + 0.2,
            ["Whole"] = 5.0,
            ["Flag"] = true,
            ["Bytes"] = new byte[] { 0, 1, 2, 253, 254, 255 },
            ["At"] = new DateTimeOffset(2026, 1, 6, 10, 0, 0, TimeSpan.Zero).AddTicks(1234567),
            ["Id"] = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"),
        };
        return entity;
    }

    [Fact]
    public async Task CreateIfNotExists_SecondCall_ReturnsFalse()
    {
        var table = azurite.CreateAccount().GetTableClient(UniqueNames.Table());

        Assert.True(await table.CreateIfNotExistsAsync(Ct));
        Assert.False(await table.CreateIfNotExistsAsync(Ct));
    }

    [Fact]
    public async Task DeleteIfExists_ExistingThenMissing_ReturnsTrueThenFalse()
    {
        var table = await NewTableAsync();

        Assert.True(await table.DeleteIfExistsAsync(Ct));
        Assert.False(await table.DeleteIfExistsAsync(Ct));
    }

    [Fact]
    public async Task AddEntity_AllTypes_RoundTripWithTypesAndETag()
    {
        var table = await NewTableAsync();
        var entity = AllTypes("p", "r");

        var etag = await table.AddEntityAsync(entity, Ct);
        var read = await table.GetEntityAsync("p", "r", Ct);

        Assert.Equal(etag, read.ETag);
        Assert.NotNull(read.Timestamp);
        Assert.Equal(entity.Properties.Keys.Order(StringComparer.Ordinal), read.Properties.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, value) in entity.Properties)
        {
            Assert.Equal(value.Type, read[name].Type);
            Assert.True(value == read[name], $"{name}: wrote {value}, read {read[name]}");
        }

        Assert.Equal(long.MaxValue, read.GetInt64("Big"));
        Assert.Equal(5.0, read.GetDouble("Whole"));
        Assert.Equal(new byte[] { 0, 1, 2, 253, 254, 255 }, read.GetBinary("Bytes").ToArray());
        Assert.Equal(1234567, read.GetDateTime("At").Ticks % TimeSpan.TicksPerSecond);
    }

    [Fact]
    public async Task AddEntity_Existing_Throws409EntityAlreadyExists()
    {
        var table = await NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "r") { ["V"] = 1 }, Ct);

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => table.AddEntityAsync(new TableEntity("p", "r") { ["V"] = 2 }, Ct));

        Assert.Equal(409, error.Status);
        Assert.Equal("EntityAlreadyExists", error.ErrorCode);
        Assert.Equal(1, (await table.GetEntityAsync("p", "r", Ct)).GetInt32("V"));
    }

    [Fact]
    public async Task AddEntity_TableMissing_Throws404TableNotFound()
    {
        var table = azurite.CreateAccount().GetTableClient(UniqueNames.Table());

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => table.AddEntityAsync(new TableEntity("p", "r"), Ct));

        Assert.Equal(404, error.Status);
        Assert.Equal("TableNotFound", error.ErrorCode);
    }

    [Fact]
    public async Task GetEntity_Missing_IfExistsReturnsNullAndGetThrows404()
    {
        var table = await NewTableAsync();

        Assert.Null(await table.GetEntityIfExistsAsync("p", "missing", Ct));
        var error = await Assert.ThrowsAsync<RequestFailedException>(() => table.GetEntityAsync("p", "missing", Ct));
        Assert.Equal(404, error.Status);
        Assert.Equal("ResourceNotFound", error.ErrorCode);
    }

    [Fact]
    public async Task GetEntityIfExists_TableMissing_Throws()
    {
        var table = azurite.CreateAccount().GetTableClient(UniqueNames.Table());

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => table.GetEntityIfExistsAsync("p", "r", Ct));

        Assert.Equal(404, error.Status);
        Assert.Equal("TableNotFound", error.ErrorCode);
    }

    [Theory]
    [InlineData("it's", "o'clock''")]
    [InlineData("space key", "a+b=c&d")]
    [InlineData("%25%", "(paren),:;@~!$*")]
    [InlineData("Ärzte-€", "😀 emoji")]
    [InlineData("", "")]
    public async Task Entity_SpecialKeys_AddGetUpdateDeleteRoundTrip(string pk, string rk)
    {
        var table = await NewTableAsync();

        var etag = await table.AddEntityAsync(new TableEntity(pk, rk) { ["V"] = 1 }, Ct);
        var read = await table.GetEntityAsync(pk, rk, Ct);
        var updated = await table.UpdateEntityAsync(new TableEntity(pk, rk) { ["V"] = 2 }, etag, cancellationToken: Ct);
        var queried = await table.QueryAsync(new TableQuery { Filter = TableFilter.Create($"PartitionKey eq {pk} and RowKey eq {rk}") }, Ct).ToListAsync(Ct);
        await table.DeleteEntityAsync(pk, rk, updated, Ct);

        Assert.Equal(pk, read.PartitionKey);
        Assert.Equal(rk, read.RowKey);
        Assert.Equal(2, Assert.Single(queried).GetInt32("V"));
        Assert.Null(await table.GetEntityIfExistsAsync(pk, rk, Ct));
    }

    [Fact]
    public async Task AddEntity_MaxLengthKeys_Succeeds()
    {
        var table = await NewTableAsync();
        var pk = new string('p', TableLimits.MaxKeyLength);
        var rk = new string('r', TableLimits.MaxKeyLength);

        await table.AddEntityAsync(new TableEntity(pk, rk), Ct);

        Assert.NotNull(await table.GetEntityIfExistsAsync(pk, rk, Ct));
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("a#b")]
    [InlineData("a?b")]
    [InlineData("tab\t")]
    [InlineData("del\u007F")]
    [InlineData("c1\u0085")]
    public void TableEntity_InvalidKey_ThrowsNamingTheKey(string key)
    {
        var error = Assert.Throws<ArgumentException>(() => new TableEntity("ok", key));

        Assert.Equal("rowKey", error.ParamName);
        Assert.Contains("not a valid table key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TableEntity_UnpairedSurrogateKey_Throws()
    {
        // Not an InlineData: attribute strings are stored as UTF-8, which cannot hold a lone surrogate.
        var key = "lone" + '\uD800';

        var error = Assert.Throws<ArgumentException>(() => new TableEntity(key, "r"));

        Assert.Contains("unpaired surrogate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TableEntity_KeyTooLong_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new TableEntity(new string('p', TableLimits.MaxKeyLength + 1), "r"));

        Assert.Contains("513 characters", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetEntity_InvalidKey_ThrowsBeforeSending()
    {
        var table = azurite.CreateAccount().GetTableClient(UniqueNames.Table());

        await Assert.ThrowsAsync<ArgumentException>(() => table.GetEntityIfExistsAsync("p", "bad/key", Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => table.DeleteEntityAsync("bad#key", "r", cancellationToken: Ct));
    }

    [Theory]
    [InlineData("1abc")]
    [InlineData("has-dash")]
    [InlineData("has space")]
    [InlineData("PartitionKey")]
    [InlineData("Timestamp")]
    [InlineData("")]
    public void TableEntity_InvalidPropertyName_Throws(string name)
    {
        var entity = new TableEntity("p", "r");

        Assert.Throws<ArgumentException>(() => entity[name] = 1);
    }

    [Fact]
    public void TableEntity_TooManyProperties_Throws()
    {
        var entity = new TableEntity("p", "r");
        for (var i = 0; i < TableLimits.MaxProperties; i++)
        {
            entity["P" + i] = i;
        }

        var error = Assert.Throws<ArgumentException>(() => entity["OneMore"] = 1);

        Assert.Contains("252", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddEntity_OversizeString_ThrowsBeforeSending()
    {
        var table = await NewTableAsync();
        var entity = new TableEntity("p", "r") { ["S"] = new string('x', TableLimits.MaxStringLength + 1) };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => table.AddEntityAsync(entity, Ct));

        Assert.Contains("'S'", error.Message, StringComparison.Ordinal);
        Assert.Null(await table.GetEntityIfExistsAsync("p", "r", Ct));
    }

    [Fact]
    public async Task AddEntity_OversizeBinary_ThrowsBeforeSending()
    {
        var table = await NewTableAsync();
        var entity = new TableEntity("p", "r") { ["B"] = new byte[TableLimits.MaxBinaryBytes + 1] };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => table.AddEntityAsync(entity, Ct));

        Assert.Contains("65537 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddEntity_MaxSizeStringAndBinary_Succeed()
    {
        var table = await NewTableAsync();
        var entity = new TableEntity("p", "r") { ["S"] = new string('x', TableLimits.MaxStringLength), ["B"] = new byte[TableLimits.MaxBinaryBytes] };

        await table.AddEntityAsync(entity, Ct);

        var read = await table.GetEntityAsync("p", "r", Ct);
        Assert.Equal(TableLimits.MaxStringLength, read.GetString("S").Length);
        Assert.Equal(TableLimits.MaxBinaryBytes, read.GetBinary("B").Length);
    }

    [Fact]
    public async Task AddEntity_OverOneMiB_ThrowsBeforeSending()
    {
        var table = await NewTableAsync();
        var entity = new TableEntity("p", "r");
        for (var i = 0; i < 17; i++)
        {
            entity["B" + i] = new byte[TableLimits.MaxBinaryBytes];
        }

        var error = await Assert.ThrowsAsync<ArgumentException>(() => table.AddEntityAsync(entity, Ct));

        Assert.Contains("1 MiB", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddEntity_DateBefore1601_ThrowsBeforeSending()
    {
        var table = await NewTableAsync();
        var entity = new TableEntity("p", "r") { ["At"] = new DateTimeOffset(1600, 12, 31, 0, 0, 0, TimeSpan.Zero) };

        await Assert.ThrowsAsync<ArgumentException>(() => table.AddEntityAsync(entity, Ct));
    }

    [Fact]
    public async Task UpdateEntity_CurrentETag_ReplacesAndReturnsNewETag()
    {
        var table = await NewTableAsync();
        var etag = await table.AddEntityAsync(new TableEntity("p", "r") { ["A"] = 1, ["B"] = 2 }, Ct);

        var next = await table.UpdateEntityAsync(new TableEntity("p", "r") { ["A"] = 10 }, etag, TableUpdateMode.Replace, Ct);

        var read = await table.GetEntityAsync("p", "r", Ct);
        Assert.NotEqual(etag, next);
        Assert.Equal(next, read.ETag);
        Assert.Equal(10, read.GetInt32("A"));
        Assert.False(read.TryGetValue("B", out _));
    }

    [Fact]
    public async Task UpdateEntity_Merge_KeepsOtherProperties()
    {
        var table = await NewTableAsync();
        var etag = await table.AddEntityAsync(new TableEntity("p", "r") { ["A"] = 1, ["B"] = 2 }, Ct);

        await table.UpdateEntityAsync(new TableEntity("p", "r") { ["A"] = 10 }, etag, TableUpdateMode.Merge, Ct);

        var read = await table.GetEntityAsync("p", "r", Ct);
        Assert.Equal(10, read.GetInt32("A"));
        Assert.Equal(2, read.GetInt32("B"));
    }

    [Theory]
    [InlineData(TableUpdateMode.Replace)]
    [InlineData(TableUpdateMode.Merge)]
    public async Task UpdateEntity_StaleETag_Throws412AndKeepsEntity(TableUpdateMode mode)
    {
        var table = await NewTableAsync();
        var stale = await table.AddEntityAsync(new TableEntity("p", "r") { ["A"] = 1 }, Ct);
        await table.UpdateEntityAsync(new TableEntity("p", "r") { ["A"] = 2 }, stale, cancellationToken: Ct);

        var error = await Assert.ThrowsAsync<RequestFailedException>(
            () => table.UpdateEntityAsync(new TableEntity("p", "r") { ["A"] = 3 }, stale, mode, Ct));

        Assert.Equal(412, error.Status);
        Assert.Equal("UpdateConditionNotSatisfied", error.ErrorCode);
        Assert.Equal(2, (await table.GetEntityAsync("p", "r", Ct)).GetInt32("A"));
    }

    [Fact]
    public async Task UpdateEntity_Missing_Throws404()
    {
        var table = await NewTableAsync();

        var error = await Assert.ThrowsAsync<RequestFailedException>(
            () => table.UpdateEntityAsync(new TableEntity("p", "r"), ETag.All, cancellationToken: Ct));

        Assert.Equal(404, error.Status);
        Assert.Equal("ResourceNotFound", error.ErrorCode);
    }

    [Fact]
    public async Task UpdateEntity_DefaultETag_ThrowsArgumentException()
    {
        var table = await NewTableAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => table.UpdateEntityAsync(new TableEntity("p", "r"), default, cancellationToken: Ct));
    }

    [Theory]
    [InlineData(TableUpdateMode.Replace)]
    [InlineData(TableUpdateMode.Merge)]
    public async Task UpsertEntity_InsertsThenUpdates(TableUpdateMode mode)
    {
        var table = await NewTableAsync();

        var first = await table.UpsertEntityAsync(new TableEntity("p", "r") { ["A"] = 1, ["B"] = 1 }, mode, Ct);
        var second = await table.UpsertEntityAsync(new TableEntity("p", "r") { ["A"] = 2 }, mode, Ct);

        var read = await table.GetEntityAsync("p", "r", Ct);
        Assert.NotEqual(first, second);
        Assert.Equal(2, read.GetInt32("A"));
        Assert.Equal(mode == TableUpdateMode.Merge, read.TryGetValue("B", out _));
    }

    [Fact]
    public async Task DeleteEntity_StaleETag_Throws412()
    {
        var table = await NewTableAsync();
        var stale = await table.AddEntityAsync(new TableEntity("p", "r") { ["A"] = 1 }, Ct);
        await table.UpsertEntityAsync(new TableEntity("p", "r") { ["A"] = 2 }, cancellationToken: Ct);

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => table.DeleteEntityAsync("p", "r", stale, Ct));

        Assert.Equal(412, error.Status);
        Assert.Equal("UpdateConditionNotSatisfied", error.ErrorCode);
        Assert.NotNull(await table.GetEntityIfExistsAsync("p", "r", Ct));
    }

    [Fact]
    public async Task DeleteEntity_Missing_Throws404()
    {
        var table = await NewTableAsync();

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => table.DeleteEntityAsync("p", "r", cancellationToken: Ct));

        Assert.Equal(404, error.Status);
        Assert.Equal("ResourceNotFound", error.ErrorCode);
    }

    [Fact]
    public async Task QueryAsync_TopSmallerThanResult_FollowsContinuationAcrossPages()
    {
        var table = await NewTableAsync();
        for (var i = 0; i < 7; i++)
        {
            await table.AddEntityAsync(new TableEntity("p", $"r{i:D2}") { ["N"] = (long)i, ["Other"] = "x" }, Ct);
        }

        await table.AddEntityAsync(new TableEntity("q", "r00") { ["N"] = 100L }, Ct);
        var query = new TableQuery { Filter = TableFilter.Create($"PartitionKey eq {"p"} and N ge {2L}"), Select = ["N"], Top = 2 };

        var first = await table.QueryPageAsync(query, cancellationToken: Ct);
        var all = await table.QueryAsync(query, Ct).ToListAsync(Ct);

        Assert.Equal(2, first.Entities.Count);
        Assert.NotNull(first.Continuation);
        Assert.Equal(["r02", "r03", "r04", "r05", "r06"], all.Select(e => e.RowKey));
        Assert.All(all, e => Assert.Equal(["N"], e.Properties.Keys));
        Assert.All(all, e => Assert.NotEqual(default, e.ETag));
    }

    [Fact]
    public async Task QueryAsync_TypedLiterals_FilterCorrectly()
    {
        var table = await NewTableAsync();
        var at = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
        var id = Guid.NewGuid();
        await table.AddEntityAsync(new TableEntity("p", "a") { ["Name"] = "O'Brien", ["At"] = at, ["Id"] = id, ["Flag"] = true, ["Score"] = 1.5 }, Ct);
        await table.AddEntityAsync(new TableEntity("p", "b") { ["Name"] = "Other", ["At"] = at.AddDays(1), ["Id"] = Guid.NewGuid(), ["Flag"] = false, ["Score"] = 2.5 }, Ct);

        async Task<string[]> RowsAsync(FormattableString filter) =>
            (await table.QueryAsync(new TableQuery { Filter = TableFilter.Create(filter) }, Ct).ToListAsync(Ct)).Select(e => e.RowKey).ToArray();

        Assert.Equal(["a"], await RowsAsync($"Name eq {"O'Brien"}"));
        Assert.Equal(["b"], await RowsAsync($"At gt {at}"));
        Assert.Equal(["a"], await RowsAsync($"Id eq {id}"));
        Assert.Equal(["b"], await RowsAsync($"Flag eq {false}"));
        Assert.Equal(["b"], await RowsAsync($"Score gt {2.0}"));
    }

    [Fact]
    public async Task QueryAsync_NoMatches_ReturnsEmpty()
    {
        var table = await NewTableAsync();

        Assert.Empty(await table.QueryAsync(new TableQuery { Filter = "PartitionKey eq 'none'" }, Ct).ToListAsync(Ct));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public async Task QueryPage_TopOutOfRange_Throws(int top)
    {
        var table = await NewTableAsync();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => table.QueryPageAsync(new TableQuery { Top = top }, cancellationToken: Ct));
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("1abc")]
    [InlineData("with-dash")]
    [InlineData("tables")]
    public void GetTableClient_InvalidName_Throws(string name)
    {
        Assert.Throws<ArgumentException>(() => azurite.CreateAccount().GetTableClient(name));
    }
}
