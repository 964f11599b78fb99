using System.Runtime.CompilerServices;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using MedLedger.Clients.Pipeline;
using MedLedger.Clients.Storage;

namespace MedLedger.Clients.Blobs;

/// <summary>A blob container: create it, upload create-only, download, read and set metadata, list, delete.</summary>
/// <remarks>
/// Thin by design: validate → build the request → send through the pipeline → map the status
/// (shared/reference/azure-protocols.md §3.1). Methods are virtual so a test double or the official SDK can stand
/// in. Service failures throw <see cref="RequestFailedException"/> with <c>Status</c> and <c>ErrorCode</c>.
/// </remarks>
public class BlobContainerClient
{
    private const string MetadataPrefix = "x-ms-meta-";
    private readonly HttpPipeline _pipeline;
    private readonly Uri _serviceEndpoint;

    /// <summary>Creates a client for one container; <see cref="StorageAccount.GetBlobContainerClient"/> shares pipelines.</summary>
    public BlobContainerClient(StorageConnection connection, string containerName, StorageClientOptions? options = null)
        : this(
            connection?.BlobEndpoint ?? throw new ArgumentException("The connection has no Blob endpoint.", nameof(connection)),
            containerName,
            StoragePipelineFactory.Create(connection, StorageService.Blob, options ?? new StorageClientOptions()))
    {
    }

    internal BlobContainerClient(Uri serviceEndpoint, string containerName, HttpPipeline pipeline)
    {
        BlobNames.ValidateContainer(containerName);
        _serviceEndpoint = serviceEndpoint;
        _pipeline = pipeline;
        Name = containerName;
    }

    /// <summary>For mocking.</summary>
    protected BlobContainerClient()
    {
        _pipeline = null!;
        _serviceEndpoint = null!;
        Name = null!;
    }

    /// <summary>Gets the container name.</summary>
    public string Name { get; }

    /// <summary>Creates the container unless it exists.</summary>
    /// <returns>True when this call created it.</returns>
    public virtual async Task<bool> CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = _pipeline.CreateMessage();
        var request = message.Request;
        request.Method = RequestMethod.Put;
        ContainerUri(request);
        request.Uri.AppendQuery("restype", "container");
        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        return response.Status switch
        {
            201 => true,
            409 when ErrorCode(response) == "ContainerAlreadyExists" => false,
            _ => throw StorageErrors.CreateException(response, $"Creating container '{Name}'"),
        };
    }

    /// <summary>Uploads <paramref name="content"/> as a new block blob, only if no blob of that name exists
    /// (<c>If-None-Match: *</c>).</summary>
    /// <returns><see cref="BlobUploadStatus.Created"/> with the ETag, or <see cref="BlobUploadStatus.AlreadyExists"/>
    /// (409 <c>BlobAlreadyExists</c>) with nothing written.</returns>
    /// <exception cref="ArgumentException">The content exceeds <see cref="BlobLimits.MaxUploadBytes"/>, or a name,
    /// content type or metadata entry is invalid; nothing is sent.</exception>
    public virtual async Task<BlobUploadResult> UploadIfNotExistsAsync(
        string blobName, BinaryData content, BlobUploadOptions? options = null, CancellationToken cancellationToken = default)
    {
        BlobNames.ValidateBlob(blobName);
        ArgumentNullException.ThrowIfNull(content);
        var length = content.ToMemory().Length;
        if (length > BlobLimits.MaxUploadBytes)
        {
            throw new ArgumentException(
                $"The blob content is {length} bytes; one upload takes at most {BlobLimits.MaxUploadBytes} bytes (64 MiB).",
                nameof(content));
        }

        var contentType = options?.ContentType ?? "application/octet-stream";
        BlobNames.ValidateContentType(contentType);
        var metadata = options?.Metadata ?? new Dictionary<string, string>();
        BlobNames.ValidateMetadata(metadata);

        using var message = _pipeline.CreateMessage();
        var request = message.Request;
        request.Method = RequestMethod.Put;
        BlobUri(request, blobName);
        request.Headers.SetValue("x-ms-blob-type", "BlockBlob");
        request.Headers.SetValue(StorageHeaders.ContentType, contentType);
        request.Headers.SetValue(StorageHeaders.IfNoneMatch, "*");
        AddMetadata(request, metadata);
        request.Content = RequestContent.Create(content);
        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        return response.Status switch
        {
            201 => BlobUploadResult.Create(RequiredETag(response), response.Headers.TryGetValue("Last-Modified", out var m) ? ParseDate(m) : null),
            409 when ErrorCode(response) == "BlobAlreadyExists" => BlobUploadResult.Exists(),
            _ => throw StorageErrors.CreateException(response, $"Uploading blob '{blobName}' to container '{Name}'"),
        };
    }

    /// <summary>Downloads a blob with the ETag, content type and metadata of exactly the bytes returned.</summary>
    /// <exception cref="RequestFailedException">404 <c>BlobNotFound</c> (or <c>ContainerNotFound</c>) and other failures.</exception>
    public virtual async Task<BlobDownloadResult> DownloadAsync(string blobName, CancellationToken cancellationToken = default)
    {
        BlobNames.ValidateBlob(blobName);
        using var message = _pipeline.CreateMessage();
        message.Request.Method = RequestMethod.Get;
        BlobUri(message.Request, blobName);
        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status != 200)
        {
            throw StorageErrors.CreateException(response, $"Downloading blob '{blobName}' from container '{Name}'");
        }

        return new BlobDownloadResult(response.Content, Properties(response));
    }

    /// <summary>Reads a blob's properties and metadata without its content.</summary>
    /// <exception cref="RequestFailedException">404 when the blob does not exist, and other failures.</exception>
    public virtual async Task<BlobProperties> GetPropertiesAsync(string blobName, CancellationToken cancellationToken = default)
    {
        BlobNames.ValidateBlob(blobName);
        using var message = _pipeline.CreateMessage();
        message.Request.Method = RequestMethod.Head;
        BlobUri(message.Request, blobName);
        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status != 200)
        {
            throw StorageErrors.CreateException(response, $"Reading properties of blob '{blobName}' in container '{Name}'");
        }

        return Properties(response);
    }

    /// <summary>Replaces a blob's metadata, optionally only if its ETag still matches.</summary>
    /// <returns>The blob's new ETag.</returns>
    /// <exception cref="RequestFailedException">404 when missing; 412 <c>ConditionNotMet</c> when <paramref name="ifMatch"/> is stale.</exception>
    public virtual async Task<ETag> SetMetadataAsync(
        string blobName, IReadOnlyDictionary<string, string> metadata, ETag? ifMatch = null, CancellationToken cancellationToken = default)
    {
        BlobNames.ValidateBlob(blobName);
        ArgumentNullException.ThrowIfNull(metadata);
        BlobNames.ValidateMetadata(metadata);
        using var message = _pipeline.CreateMessage();
        var request = message.Request;
        request.Method = RequestMethod.Put;
        BlobUri(request, blobName);
        request.Uri.AppendQuery("comp", "metadata");
        if (ifMatch is { } etag)
        {
            request.Headers.SetValue(StorageHeaders.IfMatch, etag.ToString("H"));
        }

        AddMetadata(request, metadata);
        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status != 200)
        {
            throw StorageErrors.CreateException(response, $"Setting metadata of blob '{blobName}' in container '{Name}'");
        }

        return RequiredETag(response);
    }

    /// <summary>Reads one page of the container's blobs (List Blobs, flat), in name order.</summary>
    /// <param name="prefix">Only blobs whose names start with this; null for all.</param>
    /// <param name="marker">Where to continue: a previous page's <see cref="BlobPage.NextMarker"/>; null to start.</param>
    /// <param name="maxResults">The most blobs on this page, 1 to <see cref="BlobLimits.MaxListResults"/>; the service
    /// may return fewer (even none) and still continue.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <exception cref="RequestFailedException">404 <c>ContainerNotFound</c> and other failures.</exception>
    /// <exception cref="FormatException">The response is not a well-formed listing; nothing of it is returned.</exception>
    public virtual async Task<BlobPage> GetBlobsPageAsync(
        string? prefix = null, string? marker = null, int maxResults = BlobLimits.MaxListResults, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxResults, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxResults, BlobLimits.MaxListResults);
        if (prefix is not null && (prefix.Length > BlobLimits.MaxBlobNameLength || prefix.Any(char.IsControl)))
        {
            throw new ArgumentException("The prefix must be at most as long as a blob name and have no control characters.", nameof(prefix));
        }

        using var message = _pipeline.CreateMessage();
        var request = message.Request;
        request.Method = RequestMethod.Get;
        ContainerUri(request);
        request.Uri.AppendQuery("restype", "container");
        request.Uri.AppendQuery("comp", "list");
        if (!string.IsNullOrEmpty(prefix))
        {
            request.Uri.AppendQuery("prefix", prefix, escapeValue: true);
        }

        if (!string.IsNullOrEmpty(marker))
        {
            request.Uri.AppendQuery("marker", marker, escapeValue: true);
        }

        request.Uri.AppendQuery("maxresults", maxResults.ToString(System.Globalization.CultureInfo.InvariantCulture), escapeValue: false);
        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status != 200)
        {
            throw StorageErrors.CreateException(response, $"Listing blobs of container '{Name}'");
        }

        return BlobListXml.Parse(response.Content, string.IsNullOrEmpty(prefix) ? null : prefix);
    }

    /// <summary>Streams every blob of the container (whose name starts with <paramref name="prefix"/>), following
    /// markers until the service gives none; empty pages with a marker are skipped over.</summary>
    /// <inheritdoc cref="GetBlobsPageAsync"/>
    public virtual async IAsyncEnumerable<BlobItem> GetBlobsAsync(
        string? prefix = null, int maxResults = BlobLimits.MaxListResults, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? marker = null;
        do
        {
            var page = await GetBlobsPageAsync(prefix, marker, maxResults, cancellationToken).ConfigureAwait(false);
            foreach (var blob in page.Blobs)
            {
                yield return blob;
            }

            if (page.NextMarker is not null && page.NextMarker == marker)
            {
                // A service that hands back the marker it was given would keep this loop going forever.
                throw new FormatException("The List Blobs response repeats the marker it was given.");
            }

            marker = page.NextMarker;
        }
        while (marker is not null);
    }

    /// <summary>Deletes a blob if it exists.</summary>
    /// <returns>True when this call deleted it; false when there was no such blob.</returns>
    public virtual async Task<bool> DeleteIfExistsAsync(string blobName, CancellationToken cancellationToken = default)
    {
        BlobNames.ValidateBlob(blobName);
        using var message = _pipeline.CreateMessage();
        message.Request.Method = RequestMethod.Delete;
        BlobUri(message.Request, blobName);
        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        return response.Status switch
        {
            202 => true,
            404 when ErrorCode(response) == "BlobNotFound" => false,
            _ => throw StorageErrors.CreateException(response, $"Deleting blob '{blobName}' from container '{Name}'"),
        };
    }

    private async Task<Response> SendAsync(HttpMessage message, CancellationToken cancellationToken)
    {
        await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        return message.Response;
    }

    private void ContainerUri(Request request)
    {
        request.Uri.Reset(_serviceEndpoint);
        request.Uri.AppendPath("/", escape: false);
        request.Uri.AppendPath(Name, escape: true);
    }

    private void BlobUri(Request request, string blobName)
    {
        ContainerUri(request);
        request.Uri.AppendPath("/", escape: false);
        request.Uri.AppendPath(BlobNames.EscapePath(blobName), escape: false);
    }

    private static void AddMetadata(Request request, IReadOnlyDictionary<string, string> metadata)
    {
        foreach (var (name, value) in metadata)
        {
            request.Headers.SetValue(MetadataPrefix + name, value);
        }
    }

    private static BlobProperties Properties(Response response)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var header in response.Headers)
        {
            if (header.Name.StartsWith(MetadataPrefix, StringComparison.OrdinalIgnoreCase))
            {
                metadata[header.Name[MetadataPrefix.Length..].ToLowerInvariant()] = header.Value;
            }
        }

        response.Headers.TryGetValue("Last-Modified", out var modified);
        return new BlobProperties(
            RequiredETag(response),
            response.Headers.ContentType ?? "application/octet-stream",
            response.Headers.ContentLength ?? 0,
            modified is null ? null : ParseDate(modified),
            metadata);
    }

    private static ETag RequiredETag(Response response) =>
        response.Headers.ETag ?? throw new RequestFailedException(response.Status, "The Blob service answered without an ETag.");

    private static DateTimeOffset? ParseDate(string value) =>
        DateTimeOffset.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var date) ? date : null;

    private static string? ErrorCode(Response response) => StorageErrors.Parse(response).Code;
}
