using FsCheck.Fluent;
using MedLedger.Clients.Tables;
using MedLedger.Testing.Azurite;

namespace MedLedger.Clients.Tests.Tables;

/// <summary>Random entities and keys through the real service: whatever the client accepts, the service stores and
/// returns unchanged (keys through URLs, OData literals and JSON; every EDM type).</summary>
public sealed class TableRoundTripTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AddThenGetAndQuery_RandomEntities_ReturnExactlyWhatWasWritten()
    {
        var table = azurite.CreateAccount().GetTableClient(UniqueNames.Table());
        await table.CreateIfNotExistsAsync(Ct);
        var written = new Dictionary<(string, string), TableEntity>();
        foreach (var entity in TableGenerators.Entities().Sample(30, 60))
        {
            if (written.TryAdd((entity.PartitionKey, entity.RowKey), entity))
            {
                await table.AddEntityAsync(entity, Ct);
            }
        }

        foreach (var ((pk, rk), expected) in written)
        {
            var read = await table.GetEntityAsync(pk, rk, Ct);
            Assert.True(TableGenerators.SameContent(expected, read), $"Entity ({pk}, {rk}) changed on the way through the service.");
            var queried = await table.QueryAsync(new TableQuery { Filter = TableFilter.Create($"PartitionKey eq {pk} and RowKey eq {rk}") }, Ct).ToListAsync(Ct);
            Assert.True(TableGenerators.SameContent(expected, Assert.Single(queried)), $"Query for ({pk}, {rk}) returned something else.");
        }
    }
}
