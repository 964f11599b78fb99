namespace MedLedger.Clients.Tables;

/// <summary>One page of query results. A page may be empty and still have a continuation: keep reading until
/// <see cref="Continuation"/> is null (Query timeout and pagination).</summary>
/// <param name="Entities">The entities of this page.</param>
/// <param name="Continuation">Where the next page starts; null when this was the last page.</param>
public sealed record TablePage(IReadOnlyList<TableEntity> Entities, TableContinuationToken? Continuation);
