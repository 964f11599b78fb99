namespace MedLedger.Clients.Tables;

/// <summary>Where the next query page starts (<c>x-ms-continuation-NextPartitionKey</c>/<c>NextRowKey</c>); opaque.</summary>
/// <param name="NextPartitionKey">The continuation partition key as the service sent it.</param>
/// <param name="NextRowKey">The continuation row key, when the service sent one.</param>
public sealed record TableContinuationToken(string NextPartitionKey, string? NextRowKey);
