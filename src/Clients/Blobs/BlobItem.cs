using Azure;

namespace MedLedger.Clients.Blobs;

/// <summary>One blob of a container listing: its name and the properties List Blobs returns with it.</summary>
/// <param name="Name">The blob name (decoded when the service sent it percent-encoded).</param>
/// <param name="ContentLength">The content length in bytes.</param>
/// <param name="LastModified">When the blob last changed.</param>
/// <param name="ETag">The blob's current ETag.</param>
public sealed record BlobItem(string Name, long ContentLength, DateTimeOffset LastModified, ETag ETag);
