namespace MedLedger.Clients.Blobs;

/// <summary>Optional properties of an upload.</summary>
public sealed record BlobUploadOptions
{
    /// <summary>Gets the content type stored with the blob (default <c>application/octet-stream</c>).</summary>
    public string? ContentType { get; init; }

    /// <summary>Gets the metadata stored with the blob (names: lowercase letters and digits, starting with a letter).</summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }
}
