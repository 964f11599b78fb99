namespace MedLedger.Clients.Pipeline;

/// <summary>The <c>x-ms-version</c> values sent to each storage service.</summary>
/// <remarks>
/// Chosen so that both Azure and Azurite 3.37 accept them (shared/reference/azure-protocols.md §2.1, §3.2, §8.3).
/// </remarks>
public static class StorageServiceVersions
{
    /// <summary>The Blob service version.</summary>
    public const string Blob = "2025-11-05";

    /// <summary>The Queue service version.</summary>
    public const string Queue = "2025-11-05";

    /// <summary>The Table service version (JSON payloads, entity group transactions).</summary>
    public const string Table = "2020-12-06";
}
