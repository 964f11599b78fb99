using Azure;
using MedLedger.Access.Identifiers;
using MedLedger.Access.Webhooks;
using MedLedger.Clients.Storage;
using MedLedger.Clients.Tables;
using MedLedger.Infrastructure.Ledger;

namespace MedLedger.Infrastructure.Access;

/// <summary>
/// The webhook replay guard in Azure Table Storage, shared by every instance of the app: one insert-only row per
/// (insurer, <c>webhook-id</c>), remembered until its timestamp could no longer pass the verifier's tolerance.
/// </summary>
/// <remarks>
/// <para><b>Rows.</b> Partition = the insurer id; row key = the webhook id, escaped as the ledger escapes text in keys
/// (<c>!</c> and two hex digits for characters keys may not hold); properties <c>RememberUntil</c>, <c>WriteId</c> (a
/// fresh GUID per registration) and <c>FormatVersion = 1</c>.</para>
/// <para><b>Atomicity.</b> Registering is an insert: the service refuses a second insert of the same row (409), so of
/// two instances receiving the same delivery at once exactly one wins, whatever their timing. A row whose
/// <c>RememberUntil</c> has passed is stale: its delivery can no longer pass the timestamp check, so it is ignored and
/// taken over by a conditional replace (<c>If-Match</c> its ETag; of two takers exactly one wins). When an insert's answer
/// is lost and the client pipeline retries it, the retry meets the row the first attempt wrote; its <c>WriteId</c> tells
/// this registration's own row from another delivery's, so a lost answer never turns a first delivery into a replay.</para>
/// <para><b>Cleaning.</b> Stale rows are deleted lazily: after a registration, at most once per
/// <see cref="CleanupInterval"/> per insurer and instance, one query deletes up to <see cref="CleanupBatchSize"/> of
/// them. A failed cleanup changes nothing that matters (stale rows are ignored anyway) and is retried next time, so it
/// never fails a delivery.</para>
/// <para>The guard never answers <see cref="ReplayGuardResult.Full"/>: the table has no practical capacity limit.</para>
/// </remarks>
/// <threadsafety>Safe for concurrent use, also by several instances on one table.</threadsafety>
public sealed class TableReplayGuard : IReplayGuard
{
    /// <summary>The table that holds the guard unless configured otherwise (listed in infra/storage-layout.json).</summary>
    public const string DefaultTableName = "webhookreplays";

    /// <summary>How often, at most, one instance cleans one insurer's stale rows.</summary>
    public static readonly TimeSpan CleanupInterval = TimeSpan.FromMinutes(10);

    /// <summary>The most stale rows one cleanup deletes.</summary>
    public const int CleanupBatchSize = 100;

    private const string RememberUntilProperty = "RememberUntil";
    private const string WriteIdProperty = "WriteId";
    private const string VersionProperty = "FormatVersion";
    private const int FormatVersion = 1;
    private const int MaxAttempts = 3;

    private readonly TableClient _table;
    private readonly TimeProvider _timeProvider;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, DateTimeOffset> _lastCleanup = new(StringComparer.Ordinal);

    /// <summary>Creates a guard on <paramref name="table"/> (no request is sent).</summary>
    public TableReplayGuard(TableClient table, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _table = table;
        _timeProvider = timeProvider;
    }

    /// <summary>Creates a guard on the table <paramref name="tableName"/> of <paramref name="account"/> (no request is sent).</summary>
    public static TableReplayGuard Open(StorageAccount account, TimeProvider timeProvider, string tableName = DefaultTableName)
    {
        ArgumentNullException.ThrowIfNull(account);
        return new TableReplayGuard(account.GetTableClient(tableName), timeProvider);
    }

    /// <summary>Creates the table unless it exists (deployments create it; local runs and tests call this).</summary>
    public Task<bool> CreateTableIfNotExistsAsync(CancellationToken cancellationToken = default) =>
        _table.CreateIfNotExistsAsync(cancellationToken);

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="insurerId"/> is not an id, or <paramref name="webhookId"/> is empty.</exception>
    /// <exception cref="RequestFailedException">The service failed; the caller must refuse the delivery (fail closed).</exception>
    public async Task<ReplayGuardResult> TryRegisterAsync(string insurerId, string webhookId, DateTimeOffset rememberUntil, CancellationToken cancellationToken = default)
    {
        IdentifierSyntax.Require(insurerId, nameof(insurerId));
        ArgumentException.ThrowIfNullOrEmpty(webhookId);
        var rowKey = TableLogKeys.EscapeText(webhookId);
        var writeId = Guid.NewGuid().ToString("N");
        var row = new TableEntity(insurerId, rowKey)
        {
            [RememberUntilProperty] = rememberUntil,
            [WriteIdProperty] = writeId,
            [VersionProperty] = FormatVersion,
        };

        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            try
            {
                await _table.AddEntityAsync(row, cancellationToken).ConfigureAwait(false);
                await CleanIfDueAsync(insurerId, cancellationToken).ConfigureAwait(false);
                return ReplayGuardResult.FirstDelivery;
            }
            catch (RequestFailedException exception) when (exception.Status == 409)
            {
                // Remembered already; unless the memory is stale, this is a replay.
            }

            var existing = await _table.GetEntityIfExistsAsync(insurerId, rowKey, cancellationToken).ConfigureAwait(false);
            if (existing is null)
            {
                continue; // Cleaned away in between: insert again.
            }

            if (IsOwnWrite(existing, writeId))
            {
                // Our insert committed but its answer was lost, and the pipeline's retry met our own row.
                return ReplayGuardResult.FirstDelivery;
            }

            if (!IsStale(existing, _timeProvider.GetUtcNow()))
            {
                return ReplayGuardResult.Replay;
            }

            try
            {
                await _table.UpdateEntityAsync(row, existing.ETag, cancellationToken: cancellationToken).ConfigureAwait(false);
                return ReplayGuardResult.FirstDelivery;
            }
            catch (RequestFailedException exception) when (exception.Status == 412)
            {
                // Another instance took the stale row over first: for this delivery, that is a replay.
                return ReplayGuardResult.Replay;
            }
            catch (RequestFailedException exception) when (exception.Status == 404)
            {
                // Cleaned away in between: insert again.
            }
        }

        // Rows keep appearing and vanishing under us: refuse rather than risk accepting a replay.
        return ReplayGuardResult.Replay;
    }

    /// <summary>Deletes up to <see cref="CleanupBatchSize"/> stale rows of <paramref name="insurerId"/> now.</summary>
    /// <returns>How many rows this call deleted.</returns>
    public async Task<int> CleanAsync(string insurerId, CancellationToken cancellationToken = default)
    {
        IdentifierSyntax.Require(insurerId, nameof(insurerId));
        var now = _timeProvider.GetUtcNow();
        var query = new TableQuery
        {
            Filter = TableFilter.Create($"PartitionKey eq {insurerId} and RememberUntil lt {now}"),
            Top = CleanupBatchSize,
        };
        var page = await _table.QueryPageAsync(query, cancellationToken: cancellationToken).ConfigureAwait(false);
        var deleted = 0;
        foreach (var stale in page.Entities.Where(e => IsStale(e, now)))
        {
            try
            {
                await _table.DeleteEntityAsync(stale.PartitionKey, stale.RowKey, stale.ETag, cancellationToken).ConfigureAwait(false);
                deleted++;
            }
            catch (RequestFailedException exception) when (exception.Status is 404 or 412)
            {
                // Deleted or taken over by someone else meanwhile: nothing to do.
            }
        }

        return deleted;
    }

    private static bool IsOwnWrite(TableEntity row, string writeId) =>
        row.TryGetValue(WriteIdProperty, out var value) && value.Type == TableEdmType.String && value.AsString() == writeId;

    private static bool IsStale(TableEntity row, DateTimeOffset now) =>
        !row.TryGetValue(RememberUntilProperty, out var value) || value.Type != TableEdmType.DateTime
            ? throw new InvalidDataException($"Replay guard row {row.RowKey} of {row.PartitionKey} has no {RememberUntilProperty}.")
            : value.AsDateTime() < now;

    private async Task CleanIfDueAsync(string insurerId, CancellationToken cancellationToken)
    {
        var now = _timeProvider.GetUtcNow();
        lock (_gate)
        {
            if (_lastCleanup.TryGetValue(insurerId, out var last) && now - last < CleanupInterval)
            {
                return;
            }

            _lastCleanup[insurerId] = now;
        }

        try
        {
            await CleanAsync(insurerId, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException)
        {
            // Stale rows are ignored by registration; leaving some for the next cleanup is harmless.
        }
    }
}
