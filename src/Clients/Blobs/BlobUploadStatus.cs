namespace MedLedger.Clients.Blobs;

/// <summary>The outcome of a create-only upload.</summary>
public enum BlobUploadStatus
{
    /// <summary>The blob did not exist and now holds the uploaded content.</summary>
    Created,

    /// <summary>A blob of that name already existed; nothing was written.</summary>
    AlreadyExists,
}
