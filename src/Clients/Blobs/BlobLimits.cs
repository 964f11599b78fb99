namespace MedLedger.Clients.Blobs;

/// <summary>Limits the Blob client enforces before sending anything.</summary>
public static class BlobLimits
{
    /// <summary>The largest payload one upload accepts: 64 MiB. Larger payloads are refused before any request
    /// (an HTTP API can answer 413 early by comparing against this).</summary>
    /// <remarks>The service takes far more in one Put Blob (5000 MiB since version 2019-12-12), but MedLedger
    /// keeps every record a single request with a single ETag; 64 MiB is the oldest, most widely supported
    /// single-request limit (shared/reference/azure-protocols.md §3.1).</remarks>
    public const int MaxUploadBytes = 64 * 1024 * 1024;

    /// <summary>The longest blob name, in characters.</summary>
    public const int MaxBlobNameLength = 1024;

    /// <summary>The most metadata bytes (names plus values) a blob may carry: 8 KiB.</summary>
    public const int MaxMetadataBytes = 8 * 1024;

    /// <summary>The most blobs one List Blobs page may return (<c>maxresults</c>): 5000.</summary>
    public const int MaxListResults = 5000;
}
