namespace MedLedger.Functions.Configuration;

/// <summary>
/// The storage connection in either of the forms the Functions host accepts for <c>AzureWebJobsStorage</c>:
/// a connection string, or identity-based <c>AzureWebJobsStorage__*</c> settings (azure-protocols.md §1.12).
/// </summary>
public sealed class StorageConnectionSettings
{
    /// <summary>The configuration key of the account name used for identity-based access.</summary>
    public const string AccountNameKey = SettingNames.Storage + ":accountName";

    /// <summary>The configuration key of the Blob service URI used for identity-based access.</summary>
    public const string BlobServiceUriKey = SettingNames.Storage + ":blobServiceUri";

    /// <summary>The configuration key of the Queue service URI used for identity-based access.</summary>
    public const string QueueServiceUriKey = SettingNames.Storage + ":queueServiceUri";

    /// <summary>The configuration key of the Table service URI used for identity-based access.</summary>
    public const string TableServiceUriKey = SettingNames.Storage + ":tableServiceUri";

    /// <summary>Gets or sets the connection string (the value of <c>AzureWebJobsStorage</c> itself).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Gets or sets the storage account name (identity-based access).</summary>
    public string? AccountName { get; set; }

    /// <summary>Gets or sets the Blob service URI (identity-based access).</summary>
    public Uri? BlobServiceUri { get; set; }

    /// <summary>Gets or sets the Queue service URI (identity-based access).</summary>
    public Uri? QueueServiceUri { get; set; }

    /// <summary>Gets or sets the Table service URI (identity-based access).</summary>
    public Uri? TableServiceUri { get; set; }

    /// <summary>Gets a value indicating whether any identity-based setting is present.</summary>
    public bool HasIdentitySettings =>
        AccountName is not null || BlobServiceUri is not null || QueueServiceUri is not null || TableServiceUri is not null;
}
