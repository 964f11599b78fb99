using Azure;

namespace MedLedger.Clients.Blobs;

/// <summary>A blob's system properties and metadata.</summary>
/// <param name="ETag">The blob's current ETag.</param>
/// <param name="ContentType">The stored content type.</param>
/// <param name="ContentLength">The content length in bytes.</param>
/// <param name="LastModified">When the blob last changed.</param>
/// <param name="Metadata">The metadata (names as stored, lowercase).</param>
public sealed record BlobProperties(
    ETag ETag,
    string ContentType,
    long ContentLength,
    DateTimeOffset? LastModified,
    IReadOnlyDictionary<string, string> Metadata);
