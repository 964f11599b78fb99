using Azure.Core.Pipeline;
using MedLedger.Clients.Storage;

namespace MedLedger.Clients.Pipeline;

/// <summary>Builds the Azure.Core pipeline for one storage service.</summary>
/// <remarks>
/// Order (Azure.Core's builder): client request id → retry (exponential, jitter, Retry-After) → per attempt:
/// <c>x-ms-version</c>/<c>x-ms-date</c>, then authorization (SharedKey signs the fresh date; bearer tokens come
/// from <see cref="BearerTokenAuthenticationPolicy"/>) → logging (headers not allow-listed are redacted, content
/// never logged) → transport.
/// </remarks>
internal static class StoragePipelineFactory
{
    public static HttpPipeline Create(StorageConnection connection, StorageService service, StorageClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Diagnostics.IsLoggingContentEnabled)
        {
            throw new ArgumentException(
                "Content logging is not allowed for storage clients: bodies are medical records, keys and tokens.",
                nameof(options));
        }

        var version = service switch
        {
            StorageService.Blob => StorageServiceVersions.Blob,
            StorageService.Queue => StorageServiceVersions.Queue,
            StorageService.Table => StorageServiceVersions.Table,
            _ => throw new ArgumentOutOfRangeException(nameof(service), service, "Unknown storage service."),
        };

        HttpPipelinePolicy authorization = connection.SharedKey is { } key
            ? service == StorageService.Table
                ? new TableSharedKeyAuthenticationPolicy(key)
                : new SharedKeyAuthenticationPolicy(key)
            : new BearerTokenAuthenticationPolicy(connection.TokenCredential!, StorageConnection.TokenScope);

        var pipelineOptions = new HttpPipelineOptions(options)
        {
            ResponseClassifier = StorageResponseClassifier.Shared,
        };
        pipelineOptions.PerRetryPolicies.Add(new StorageRequestHeadersPolicy(version, options.TimeProvider));
        pipelineOptions.PerRetryPolicies.Add(authorization);
        return HttpPipelineBuilder.Build(pipelineOptions);
    }
}
