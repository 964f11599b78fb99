using Azure.Core;
using MedLedger.Clients.Tables;
using MedLedger.Testing.Azurite;
using MedLedger.Testing.Faults;

namespace MedLedger.Clients.Tests.Tables;

public sealed class TableQueryPagingTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task QueryAsync_EmptyPageWithContinuation_KeepsReading()
    {
        // Azure may cut a page at a partition boundary or the 5-second limit and return no entities but a token;
        // Azurite never does, so this one page is injected, and the rest comes from Azurite.
        var faults = new FaultInjectionTransport(azurite.Instance.CreateTransport());
        var options = azurite.Instance.CreateOptions();
        options.Transport = faults;
        var table = azurite.CreateAccount(options).GetTableClient(UniqueNames.Table());
        await table.CreateIfNotExistsAsync(Ct);
        await table.AddEntityAsync(new TableEntity("p", "a") { ["V"] = 1 }, Ct);
        await table.AddEntityAsync(new TableEntity("p", "b") { ["V"] = 2 }, Ct);
        await table.AddEntityAsync(new TableEntity("p", "c") { ["V"] = 3 }, Ct);
        var token = (await table.QueryPageAsync(new TableQuery { Top = 1 }, cancellationToken: Ct)).Continuation!;
        faults.Respond(
            1,
            _ => new SyntheticResponse(
                200,
                "OK",
                new Dictionary<string, string>
                {
                    ["Content-Type"] = "application/json;odata=minimalmetadata",
                    ["x-ms-continuation-NextPartitionKey"] = token.NextPartitionKey,
                    ["x-ms-continuation-NextRowKey"] = token.NextRowKey!,
                },
                "{\"odata.metadata\":\"x\",\"value\":[]}"),
            r => r.Method == RequestMethod.Get && !r.Uri.Query.Contains("NextPartitionKey", StringComparison.Ordinal));

        var all = await table.QueryAsync(new TableQuery { Filter = "PartitionKey eq 'p'" }, Ct).ToListAsync(Ct);

        // The injected empty page said "continue at b": the client went on and read b and c from Azurite.
        Assert.Equal(["b", "c"], all.Select(e => e.RowKey));
        var queries = faults.Attempts.Where(a => a.Method == "GET").Skip(1).ToList();
        Assert.Equal(2, queries.Count);
        Assert.True(queries[0].Injected);
        Assert.Contains("NextPartitionKey=" + Uri.EscapeDataString(token.NextPartitionKey), queries[1].Uri.Query, StringComparison.Ordinal);
        Assert.Contains("NextRowKey=" + Uri.EscapeDataString(token.NextRowKey!), queries[1].Uri.Query, StringComparison.Ordinal);
        Assert.Contains("filter=", queries[1].Uri.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueryPage_ContinuationFromService_ResumesWhereItStopped()
    {
        var table = azurite.CreateAccount().GetTableClient(UniqueNames.Table());
        await table.CreateIfNotExistsAsync(Ct);
        for (var i = 0; i < 5; i++)
        {
            await table.AddEntityAsync(new TableEntity("p", $"r{i}"), Ct);
        }

        var query = new TableQuery { Top = 2 };
        var pages = new List<TablePage> { await table.QueryPageAsync(query, cancellationToken: Ct) };
        while (pages[^1].Continuation is { } next)
        {
            pages.Add(await table.QueryPageAsync(query, next, Ct));
        }

        Assert.Equal([2, 2, 1], pages.Select(p => p.Entities.Count));
        Assert.Equal(["r0", "r1", "r2", "r3", "r4"], pages.SelectMany(p => p.Entities).Select(e => e.RowKey));
    }
}
