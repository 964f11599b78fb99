using System.Globalization;
using Azure;
using MedLedger.Clients.Tables;

namespace MedLedger.Infrastructure.Records.Idempotency;

/// <summary>
/// Keeps idempotency keys in a table, one entity per key (PartitionKey = the scoped key, RowKey <c>request</c>), so that a
/// repeated request gets the first answer and a reused key with another request is refused.
/// </summary>
/// <remarks>
/// The claim is an insert: of two concurrent requests with the same key exactly one inserts, the other reads the winner's
/// row. Rows hold only opaque values (scoped key, request MAC, record and event ids) and are kept, so a key stays bound to
/// its first request. Service failures throw <see cref="RequestFailedException"/>.
/// </remarks>
/// <threadsafety>Safe for concurrent use.</threadsafety>
public sealed class TableIdempotencyStore
{
    /// <summary>The row key of every idempotency entity.</summary>
    public const string RowKey = "request";

    /// <summary>The version of the entity layout, stored in every entity.</summary>
    public const int LayoutVersion = 1;

    private const int MaxKeyLength = 512;
    private readonly TableClient _table;

    /// <summary>Creates a store over <paramref name="table"/> (which must exist).</summary>
    public TableIdempotencyStore(TableClient table)
    {
        ArgumentNullException.ThrowIfNull(table);
        _table = table;
    }

    /// <summary>Claims <paramref name="proposed"/>'s key for it, or returns what the key already stands for.</summary>
    /// <exception cref="ArgumentException">The key or fingerprint has characters outside <c>A-Z a-z 0-9 - _</c> or is too long.</exception>
    /// <exception cref="InvalidDataException">The stored entity is not in this layout.</exception>
    /// <exception cref="RequestFailedException">The table could not be read or written.</exception>
    public async Task<IdempotencyClaim> ClaimAsync(IdempotencyRecord proposed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(proposed);
        CheckToken(proposed.Key, nameof(proposed));
        CheckToken(proposed.RequestFingerprint, nameof(proposed));
        try
        {
            await _table.AddEntityAsync(ToEntity(proposed), cancellationToken).ConfigureAwait(false);
            return new IdempotencyClaim(IdempotencyClaimStatus.Claimed, proposed);
        }
        catch (RequestFailedException exception) when (exception.Status == 409 && exception.ErrorCode == "EntityAlreadyExists")
        {
            // Someone used the key first (maybe this very request, retried): their row is the answer.
        }

        var entity = await _table.GetEntityAsync(proposed.Key, RowKey, cancellationToken).ConfigureAwait(false);
        var stored = FromEntity(entity);
        var status = string.Equals(stored.RequestFingerprint, proposed.RequestFingerprint, StringComparison.Ordinal)
            ? IdempotencyClaimStatus.Repeated
            : IdempotencyClaimStatus.Mismatch;
        return new IdempotencyClaim(status, stored);
    }

    /// <summary>Records that the work of <paramref name="record"/> is done, so repeats answer without redoing it.</summary>
    /// <exception cref="RequestFailedException">The table could not be written.</exception>
    public async Task MarkCompletedAsync(IdempotencyRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        var entity = new TableEntity(record.Key, RowKey) { ["Completed"] = true };
        await _table.UpdateEntityAsync(entity, ETag.All, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
    }

    private static TableEntity ToEntity(IdempotencyRecord record) => new(record.Key, RowKey)
    {
        ["Version"] = LayoutVersion,
        ["RequestFingerprint"] = record.RequestFingerprint,
        ["RecordId"] = record.RecordId,
        ["EventId"] = record.EventId,
        ["Completed"] = record.Completed,
    };

    private static IdempotencyRecord FromEntity(TableEntity entity)
    {
        try
        {
            var version = entity.GetInt32("Version");
            if (version != LayoutVersion)
            {
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"The idempotency entity has layout version {version}; this code reads version {LayoutVersion}."));
            }

            return new IdempotencyRecord(
                entity.PartitionKey,
                entity.GetString("RequestFingerprint"),
                entity.GetString("RecordId"),
                entity.GetString("EventId"),
                entity.GetBoolean("Completed"));
        }
        catch (Exception exception) when (exception is KeyNotFoundException or InvalidOperationException)
        {
            throw new InvalidDataException("The idempotency entity is missing a property or has one of the wrong type.", exception);
        }
    }

    private static void CheckToken(string value, string parameterName)
    {
        if (value is not { Length: > 0 and <= MaxKeyLength } || !value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new ArgumentException($"Idempotency keys and fingerprints are 1 to {MaxKeyLength} characters of A-Z a-z 0-9 - _.", parameterName);
        }
    }
}
