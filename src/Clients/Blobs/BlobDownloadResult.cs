namespace MedLedger.Clients.Blobs;

/// <summary>A downloaded blob: its content and the properties it was read with.</summary>
/// <param name="Content">The blob's bytes.</param>
/// <param name="Properties">The ETag, content type and metadata of exactly this content.</param>
public sealed record BlobDownloadResult(BinaryData Content, BlobProperties Properties);
