namespace MedLedger.Clients.Blobs;

/// <summary>One page of a container listing, in the service's order (by name).</summary>
/// <param name="Blobs">The blobs of this page; a page may be empty and still have a continuation.</param>
/// <param name="NextMarker">Where the next page starts; null when this was the last page.</param>
public sealed record BlobPage(IReadOnlyList<BlobItem> Blobs, string? NextMarker);
