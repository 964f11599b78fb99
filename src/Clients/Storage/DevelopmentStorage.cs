namespace MedLedger.Clients.Storage;

/// <summary>The well-known Azurite (storage emulator) account that <c>UseDevelopmentStorage=true</c> stands for.</summary>
/// <remarks>The key is public and documented; it grants nothing outside a local emulator
/// (shared/reference/azure-protocols.md §8.1).</remarks>
public static class DevelopmentStorage
{
    /// <summary>The emulator account name.</summary>
    public const string AccountName = "devstoreaccount1";

    /// <summary>The emulator account key (public, emulator only).</summary>
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /// <summary>The default Blob endpoint (path-style: the account is the first path segment).</summary>
    public static Uri BlobEndpoint { get; } = new("http://127.0.0.1:10000/devstoreaccount1");

    /// <summary>The default Queue endpoint.</summary>
    public static Uri QueueEndpoint { get; } = new("http://127.0.0.1:10001/devstoreaccount1");

    /// <summary>The default Table endpoint.</summary>
    public static Uri TableEndpoint { get; } = new("http://127.0.0.1:10002/devstoreaccount1");

    /// <summary>Builds the full connection string for the emulator account at the given endpoints.</summary>
    public static string ConnectionString(Uri blobEndpoint, Uri queueEndpoint, Uri tableEndpoint)
    {
        ArgumentNullException.ThrowIfNull(blobEndpoint);
        ArgumentNullException.ThrowIfNull(queueEndpoint);
        ArgumentNullException.ThrowIfNull(tableEndpoint);
        return $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};"
            + $"BlobEndpoint={blobEndpoint};QueueEndpoint={queueEndpoint};TableEndpoint={tableEndpoint};";
    }
}
