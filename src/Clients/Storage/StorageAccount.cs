using Azure.Core.Pipeline;
using MedLedger.Clients.Blobs;
using MedLedger.Clients.Pipeline;
using MedLedger.Clients.Queues;
using MedLedger.Clients.Tables;

namespace MedLedger.Clients.Storage;

/// <summary>Entry point to one storage account: hands out Blob, Queue and Table clients sharing one pipeline per service.</summary>
public class StorageAccount
{
    private readonly Lazy<HttpPipeline> _blobPipeline;
    private readonly Lazy<HttpPipeline> _queuePipeline;
    private readonly Lazy<HttpPipeline> _tablePipeline;

    /// <summary>Creates the account entry point.</summary>
    public StorageAccount(StorageConnection connection, StorageClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        Connection = connection;
        var effective = options ?? new StorageClientOptions();
        if (effective.Diagnostics.IsLoggingContentEnabled)
        {
            throw new ArgumentException("Content logging is not allowed for storage clients.", nameof(options));
        }

        _blobPipeline = new(() => StoragePipelineFactory.Create(connection, StorageService.Blob, effective));
        _queuePipeline = new(() => StoragePipelineFactory.Create(connection, StorageService.Queue, effective));
        _tablePipeline = new(() => StoragePipelineFactory.Create(connection, StorageService.Table, effective));
    }

    /// <summary>Creates the account entry point from a connection string.</summary>
    public StorageAccount(string connectionString, StorageClientOptions? options = null)
        : this(StorageConnection.FromConnectionString(connectionString), options)
    {
    }

    /// <summary>For mocking.</summary>
    protected StorageAccount()
    {
        Connection = null!;
        _blobPipeline = _queuePipeline = _tablePipeline = null!;
    }

    /// <summary>Gets the connection this account uses.</summary>
    public StorageConnection Connection { get; }

    /// <summary>Gets a client for the container <paramref name="containerName"/> (no request is sent).</summary>
    /// <exception cref="StorageConnectionException">The connection has no Blob endpoint.</exception>
    public virtual BlobContainerClient GetBlobContainerClient(string containerName) =>
        new(Require(Connection.BlobEndpoint, "Blob"), containerName, _blobPipeline.Value);

    /// <summary>Gets a client for the queue <paramref name="queueName"/> (no request is sent).</summary>
    /// <exception cref="StorageConnectionException">The connection has no Queue endpoint.</exception>
    public virtual QueueClient GetQueueClient(string queueName, QueueMessageEncoding encoding = QueueMessageEncoding.Base64) =>
        new(Require(Connection.QueueEndpoint, "Queue"), queueName, encoding, _queuePipeline.Value);

    /// <summary>Gets a client for the table <paramref name="tableName"/> (no request is sent).</summary>
    /// <exception cref="StorageConnectionException">The connection has no Table endpoint.</exception>
    public virtual TableClient GetTableClient(string tableName) =>
        new(Require(Connection.TableEndpoint, "Table"), tableName, _tablePipeline.Value);

    private static Uri Require(Uri? endpoint, string service) =>
        endpoint ?? throw new StorageConnectionException(
            $"The storage connection has no {service} endpoint: add {service}Endpoint to the connection string, "
            + $"or the identity-based setting __{service.ToLowerInvariant()}ServiceUri or __accountName.");
}
