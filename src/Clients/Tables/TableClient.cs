using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using MedLedger.Clients.Pipeline;
using MedLedger.Clients.Storage;

namespace MedLedger.Clients.Tables;

/// <summary>A table: create it; insert, get, upsert, update/merge with If-Match, delete, query with continuation,
/// and entity group transactions.</summary>
/// <remarks>
/// Thin by design: validate → build the request → send → map the status (shared/reference/azure-protocols.md
/// §2). Requests use JSON with <c>minimalmetadata</c>, <c>DataServiceVersion: 3.0</c> and <c>Prefer:
/// return-no-content</c>. Methods are virtual so a test double or the official SDK can stand in. Service failures
/// throw <see cref="RequestFailedException"/> (<c>Status</c>, <c>ErrorCode</c>); a rejected transaction is a
/// <see cref="TableTransactionResult"/> value.
/// </remarks>
public class TableClient
{
    private const string JsonContentType = "application/json";
    private const string MinimalMetadata = "application/json;odata=minimalmetadata";
    private readonly HttpPipeline _pipeline;
    private readonly Uri _serviceEndpoint;

    /// <summary>Creates a client for one table; <see cref="StorageAccount.GetTableClient"/> shares pipelines.</summary>
    public TableClient(StorageConnection connection, string tableName, StorageClientOptions? options = null)
        : this(
            connection?.TableEndpoint ?? throw new ArgumentException("The connection has no Table endpoint.", nameof(connection)),
            tableName,
            StoragePipelineFactory.Create(connection, StorageService.Table, options ?? new StorageClientOptions()))
    {
    }

    internal TableClient(Uri serviceEndpoint, string tableName, HttpPipeline pipeline)
    {
        TableNames.Validate(tableName);
        _serviceEndpoint = serviceEndpoint;
        _pipeline = pipeline;
        Name = tableName;
    }

    /// <summary>For mocking.</summary>
    protected TableClient()
    {
        _pipeline = null!;
        _serviceEndpoint = null!;
        Name = null!;
    }

    /// <summary>Gets the table name.</summary>
    public string Name { get; }

    private string TableUri => _serviceEndpoint.AbsoluteUri.TrimEnd('/') + "/" + Name;

    /// <summary>Creates the table unless it exists.</summary>
    /// <returns>True when this call created it.</returns>
    public virtual async Task<bool> CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Post, "/Tables");
        message.Request.Headers.SetValue(StorageHeaders.Prefer, "return-no-content");
        message.Request.Headers.SetValue(StorageHeaders.ContentType, JsonContentType);
        message.Request.Content = RequestContent.Create(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["TableName"] = Name }));
        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        return response.Status switch
        {
            201 or 204 => true,
            409 when StorageErrors.Parse(response).Code == "TableAlreadyExists" => false,
            _ => throw StorageErrors.CreateException(response, $"Creating table '{Name}'"),
        };
    }

    /// <summary>Deletes the table if it exists.</summary>
    /// <returns>True when this call deleted it.</returns>
    public virtual async Task<bool> DeleteIfExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Delete, $"/Tables('{Name}')");
        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        return response.Status switch
        {
            204 => true,
            404 => false,
            _ => throw StorageErrors.CreateException(response, $"Deleting table '{Name}'"),
        };
    }

    /// <summary>Inserts a new entity.</summary>
    /// <returns>The new ETag.</returns>
    /// <exception cref="ArgumentException">A property or the entity size is invalid; nothing is sent.</exception>
    /// <exception cref="RequestFailedException">409 <c>EntityAlreadyExists</c> and other failures.</exception>
    public virtual async Task<ETag> AddEntityAsync(TableEntity entity, CancellationToken cancellationToken = default)
    {
        TableEntityValidator.Validate(entity, nameof(entity));
        using var message = CreateMessage(RequestMethod.Post, "/" + Name);
        message.Request.Headers.SetValue(StorageHeaders.Prefer, "return-no-content");
        SetEntityContent(message.Request, entity);
        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        return response.Status is 201 or 204
            ? RequiredETag(response)
            : throw StorageErrors.CreateException(response, $"Inserting entity into table '{Name}'");
    }

    /// <summary>Reads one entity.</summary>
    /// <exception cref="RequestFailedException">404 <c>ResourceNotFound</c> when it does not exist (404 <c>TableNotFound</c> without the table).</exception>
    public virtual async Task<TableEntity> GetEntityAsync(string partitionKey, string rowKey, CancellationToken cancellationToken = default) =>
        await GetEntityIfExistsAsync(partitionKey, rowKey, cancellationToken).ConfigureAwait(false)
        ?? throw StorageErrors.Create(404, "Not Found", "ResourceNotFound", "The specified resource does not exist.", $"Reading an entity from table '{Name}'", null);

    /// <summary>Reads one entity, or null when it does not exist.</summary>
    /// <exception cref="RequestFailedException">404 <c>TableNotFound</c> when the table does not exist, and other failures.</exception>
    public virtual async Task<TableEntity?> GetEntityIfExistsAsync(string partitionKey, string rowKey, CancellationToken cancellationToken = default)
    {
        TableKeys.Validate(partitionKey, nameof(partitionKey));
        TableKeys.Validate(rowKey, nameof(rowKey));
        using var message = CreateMessage(RequestMethod.Get, "/" + Name + TableKeys.EntityPath(partitionKey, rowKey));
        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status == 404 && StorageErrors.Parse(response).Code == "ResourceNotFound")
        {
            return null;
        }

        if (response.Status != 200)
        {
            throw StorageErrors.CreateException(response, $"Reading an entity from table '{Name}'");
        }

        using var document = JsonDocument.Parse(response.Content);
        var entity = TableEntityJson.Deserialize(document.RootElement);
        if (response.Headers.ETag is { } etag)
        {
            entity.ETag = etag;
        }

        return entity;
    }

    /// <summary>Inserts the entity, or replaces/merges it when it exists (no condition).</summary>
    /// <returns>The new ETag.</returns>
    public virtual Task<ETag> UpsertEntityAsync(TableEntity entity, TableUpdateMode mode = TableUpdateMode.Replace, CancellationToken cancellationToken = default) =>
        WriteEntityAsync(entity, mode, ifMatch: null, "Upserting", cancellationToken);

    /// <summary>Replaces or merges an existing entity if its stored ETag is <paramref name="ifMatch"/>
    /// (<see cref="ETag.All"/>: any).</summary>
    /// <returns>The new ETag.</returns>
    /// <exception cref="RequestFailedException">412 <c>UpdateConditionNotSatisfied</c> when the entity changed since
    /// <paramref name="ifMatch"/> was read; 404 <c>ResourceNotFound</c> when it does not exist.</exception>
    public virtual Task<ETag> UpdateEntityAsync(TableEntity entity, ETag ifMatch, TableUpdateMode mode = TableUpdateMode.Replace, CancellationToken cancellationToken = default)
    {
        if (ifMatch == default)
        {
            throw new ArgumentException("An update needs an ETag condition (ETag.All for unconditional).", nameof(ifMatch));
        }

        return WriteEntityAsync(entity, mode, ifMatch, "Updating", cancellationToken);
    }

    /// <summary>Deletes an entity if its stored ETag is <paramref name="ifMatch"/> (default <see cref="ETag.All"/>: any).</summary>
    /// <exception cref="RequestFailedException">404 <c>ResourceNotFound</c>; 412 <c>UpdateConditionNotSatisfied</c>.</exception>
    public virtual async Task DeleteEntityAsync(string partitionKey, string rowKey, ETag ifMatch = default, CancellationToken cancellationToken = default)
    {
        TableKeys.Validate(partitionKey, nameof(partitionKey));
        TableKeys.Validate(rowKey, nameof(rowKey));
        using var message = CreateMessage(RequestMethod.Delete, "/" + Name + TableKeys.EntityPath(partitionKey, rowKey));
        message.Request.Headers.SetValue(StorageHeaders.IfMatch, (ifMatch == default ? ETag.All : ifMatch).ToString("H"));
        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status != 204)
        {
            throw StorageErrors.CreateException(response, $"Deleting an entity from table '{Name}'");
        }
    }

    /// <summary>Reads one page of a query, starting at <paramref name="continuation"/> (null: the beginning).</summary>
    public virtual async Task<TablePage> QueryPageAsync(TableQuery query, TableContinuationToken? continuation = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Top is { } top && top is < 1 or > TableLimits.MaxPageSize)
        {
            throw new ArgumentOutOfRangeException(nameof(query), top, $"$top must be 1-{TableLimits.MaxPageSize}.");
        }

        using var message = CreateMessage(RequestMethod.Get, "/" + Name + "()");
        var uri = message.Request.Uri;
        if (query.Filter is { Length: > 0 } filter)
        {
            uri.AppendQuery("$filter", filter, escapeValue: true);
        }

        if (query.Select is { Count: > 0 } select)
        {
            foreach (var name in select)
            {
                TablePropertyNamesForSelect(name);
            }

            var names = new[] { "PartitionKey", "RowKey" }.Concat(select).Distinct(StringComparer.Ordinal);
            uri.AppendQuery("$select", string.Join(',', names), escapeValue: true);
        }

        if (query.Top is { } pageSize)
        {
            uri.AppendQuery("$top", pageSize.ToString(System.Globalization.CultureInfo.InvariantCulture), escapeValue: false);
        }

        if (continuation is not null)
        {
            uri.AppendQuery("NextPartitionKey", continuation.NextPartitionKey, escapeValue: true);
            if (continuation.NextRowKey is { } nextRow)
            {
                uri.AppendQuery("NextRowKey", nextRow, escapeValue: true);
            }
        }

        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status != 200)
        {
            throw StorageErrors.CreateException(response, $"Querying table '{Name}'");
        }

        using var document = JsonDocument.Parse(response.Content);
        var entities = document.RootElement.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Select(TableEntityJson.Deserialize).ToList()
            : throw new FormatException("The query response has no 'value' array.");
        response.Headers.TryGetValue("x-ms-continuation-NextPartitionKey", out var nextPartition);
        response.Headers.TryGetValue("x-ms-continuation-NextRowKey", out var nextRowKey);
        var next = string.IsNullOrEmpty(nextPartition) ? null : new TableContinuationToken(nextPartition, string.IsNullOrEmpty(nextRowKey) ? null : nextRowKey);
        return new TablePage(entities, next);
    }

    /// <summary>Streams every entity matching the query, following continuation tokens until there are none
    /// (empty pages with a token are legal and skipped over).</summary>
    public virtual async IAsyncEnumerable<TableEntity> QueryAsync(TableQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        TableContinuationToken? continuation = null;
        do
        {
            var page = await QueryPageAsync(query, continuation, cancellationToken).ConfigureAwait(false);
            foreach (var entity in page.Entities)
            {
                yield return entity;
            }

            continuation = page.Continuation;
        }
        while (continuation is not null);
    }

    /// <summary>Runs an entity group transaction: all actions apply, or none.</summary>
    /// <param name="actions">1-100 actions on distinct entities of one partition; the body at most 4 MiB.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>Success with each action's new ETag, or the failure naming the failing action's index, status and code.</returns>
    /// <exception cref="ArgumentException">The actions break a transaction rule; nothing is sent.</exception>
    /// <exception cref="RequestFailedException">The request as a whole failed (authorization, throttling after retries...).</exception>
    /// <remarks>A retried transaction whose first attempt committed but whose answer was lost fails with 409 or 412:
    /// callers that need to know read back (the Table-backed log compares hashes).</remarks>
    public virtual async Task<TableTransactionResult> SubmitTransactionAsync(
        IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actions);
        ValidateTransaction(actions);
        var batch = TableBatchRequest.Create(TableUri, actions);
        if (batch.Body.Length > TableLimits.MaxTransactionBytes)
        {
            throw new ArgumentException(
                $"The transaction body is {batch.Body.Length} bytes; the limit is {TableLimits.MaxTransactionBytes} (4 MiB).", nameof(actions));
        }

        using var message = CreateMessage(RequestMethod.Post, "/$batch");
        message.Request.Headers.SetValue(StorageHeaders.ContentType, "multipart/mixed; boundary=" + batch.Boundary);
        message.Request.Content = RequestContent.Create(batch.Body);
        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status != 202)
        {
            throw StorageErrors.CreateException(response, $"Transaction on table '{Name}'");
        }

        return TableBatchResponse.Parse(Encoding.UTF8.GetString(response.Content.ToMemory().Span), actions.Count);
    }

    private static void ValidateTransaction(IReadOnlyList<TableTransactionAction> actions)
    {
        if (actions.Count is 0 or > TableLimits.MaxTransactionActions)
        {
            throw new ArgumentException(
                $"A transaction has 1-{TableLimits.MaxTransactionActions} actions; this one has {actions.Count}.", nameof(actions));
        }

        var partition = actions[0]?.Entity.PartitionKey;
        var rows = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < actions.Count; i++)
        {
            var action = actions[i] ?? throw new ArgumentException($"Action {i} is null.", nameof(actions));
            if (!string.Equals(action.Entity.PartitionKey, partition, StringComparison.Ordinal))
            {
                throw new ArgumentException(
                    $"Action {i} is in partition '{action.Entity.PartitionKey}', but a transaction stays in one partition ('{partition}').", nameof(actions));
            }

            if (!rows.Add(action.Entity.RowKey))
            {
                throw new ArgumentException($"Action {i} touches row '{action.Entity.RowKey}' a second time; a transaction touches each entity once.", nameof(actions));
            }

            if (action.ActionType != TableTransactionActionType.Delete)
            {
                TableEntityValidator.Validate(action.Entity, nameof(actions));
            }
        }
    }

    private static void TablePropertyNamesForSelect(string name)
    {
        if (name is "PartitionKey" or "RowKey" or "Timestamp")
        {
            return;
        }

        TablePropertyNames.Validate(name);
    }

    private async Task<ETag> WriteEntityAsync(TableEntity entity, TableUpdateMode mode, ETag? ifMatch, string verb, CancellationToken cancellationToken)
    {
        TableEntityValidator.Validate(entity, nameof(entity));
        var method = mode switch
        {
            TableUpdateMode.Replace => RequestMethod.Put,
            TableUpdateMode.Merge => RequestMethod.Patch,
            _ => throw new ArgumentOutOfRangeException(nameof(mode)),
        };
        using var message = CreateMessage(method, "/" + Name + TableKeys.EntityPath(entity.PartitionKey, entity.RowKey));
        if (ifMatch is { } etag)
        {
            message.Request.Headers.SetValue(StorageHeaders.IfMatch, etag.ToString("H"));
        }

        SetEntityContent(message.Request, entity);
        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        return response.Status == 204
            ? RequiredETag(response)
            : throw StorageErrors.CreateException(response, $"{verb} an entity in table '{Name}'");
    }

    private HttpMessage CreateMessage(RequestMethod method, string path)
    {
        var message = _pipeline.CreateMessage();
        var request = message.Request;
        request.Method = method;
        request.Uri.Reset(_serviceEndpoint);
        request.Uri.AppendPath(path, escape: false);
        request.Headers.SetValue(StorageHeaders.Accept, MinimalMetadata);
        request.Headers.SetValue(StorageHeaders.DataServiceVersion, "3.0");
        return message;
    }

    private static void SetEntityContent(Request request, TableEntity entity)
    {
        request.Headers.SetValue(StorageHeaders.ContentType, JsonContentType);
        request.Content = RequestContent.Create(TableEntityJson.Serialize(entity));
    }

    private async Task<Response> SendAsync(HttpMessage message, CancellationToken cancellationToken)
    {
        await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        return message.Response;
    }

    private static ETag RequiredETag(Response response) =>
        response.Headers.ETag ?? throw new RequestFailedException(response.Status, "The Table service answered without an ETag.");
}
