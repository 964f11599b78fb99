namespace MedLedger.Clients.Tables;

/// <summary>A query: an OData <c>$filter</c>, a <c>$select</c> list and a per-page <c>$top</c>.</summary>
/// <remarks>Build filters with <see cref="TableFilter.Create"/> so values are quoted correctly. <c>$select</c>
/// always includes PartitionKey and RowKey (the client adds them), so every returned entity has its keys.</remarks>
public sealed record TableQuery
{
    /// <summary>Gets the filter, e.g. <c>PartitionKey eq 'log1' and RowKey ge 'e-0001'</c>; null for all entities.</summary>
    public string? Filter { get; init; }

    /// <summary>Gets the properties to return; null for all.</summary>
    public IReadOnlyList<string>? Select { get; init; }

    /// <summary>Gets the page size (1-1000): <c>$top</c> bounds each page, not the total.</summary>
    public int? Top { get; init; }
}
