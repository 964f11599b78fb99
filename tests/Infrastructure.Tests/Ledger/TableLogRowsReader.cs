using MedLedger.Clients.Tables;

namespace MedLedger.Infrastructure.Tests.Ledger;

/// <summary>Reads a log's partition straight from the table, to check what the store wrote (or did not).</summary>
internal static class TableLogRowsReader
{
    public static async Task<List<TableEntity>> ReadPartitionAsync(TableClient table, string partition, CancellationToken cancellationToken)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync(new TableQuery { Filter = TableFilter.Create($"PartitionKey eq {partition}") }, cancellationToken))
        {
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>Asserts that the same rows exist with the same ETags (any write changes a row's ETag).</summary>
    public static void AssertSameRows(IReadOnlyList<TableEntity> before, IReadOnlyList<TableEntity> after)
    {
        Assert.Equal(before.Select(r => (r.RowKey, r.ETag.ToString())), after.Select(r => (r.RowKey, r.ETag.ToString())));
    }
}
