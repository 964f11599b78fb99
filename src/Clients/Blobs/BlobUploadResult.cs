using Azure;

namespace MedLedger.Clients.Blobs;

/// <summary>The outcome of <see cref="BlobContainerClient.UploadIfNotExistsAsync"/>.</summary>
/// <remarks>
/// <see cref="BlobUploadStatus.AlreadyExists"/> is a value, not an error: it is also what a retried upload sees
/// when its first attempt was stored but the response was lost, so a caller that must know whether the stored
/// blob is its own compares content (for records: the ciphertext's SHA-256).
/// </remarks>
public sealed record BlobUploadResult
{
    private BlobUploadResult(BlobUploadStatus status, ETag? eTag, DateTimeOffset? lastModified)
    {
        Status = status;
        ETag = eTag;
        LastModified = lastModified;
    }

    /// <summary>Gets whether the blob was created or already existed.</summary>
    public BlobUploadStatus Status { get; }

    /// <summary>Gets the new blob's ETag (null when it already existed).</summary>
    public ETag? ETag { get; }

    /// <summary>Gets the new blob's last-modified time (null when it already existed).</summary>
    public DateTimeOffset? LastModified { get; }

    /// <summary>Gets a value indicating whether this upload created the blob.</summary>
    public bool Created => Status == BlobUploadStatus.Created;

    /// <summary>The blob was created.</summary>
    public static BlobUploadResult Create(ETag eTag, DateTimeOffset? lastModified) => new(BlobUploadStatus.Created, eTag, lastModified);

    /// <summary>The blob already existed.</summary>
    public static BlobUploadResult Exists() => new(BlobUploadStatus.AlreadyExists, null, null);
}
