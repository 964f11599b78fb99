using Azure.Core;

namespace MedLedger.Clients.Storage;

/// <summary>Where a storage account's services live and how to authenticate to them.</summary>
/// <remarks>
/// Exactly one credential: a <see cref="StorageSharedKeyCredential"/> (connection strings, Azurite) or a
/// <see cref="Azure.Core.TokenCredential"/> (Entra ID, scope <see cref="TokenScope"/>). A service whose endpoint is
/// unknown is simply unavailable; asking for its client fails with a message naming the missing setting.
/// </remarks>
public sealed class StorageConnection
{
    /// <summary>The Entra ID scope for Blob, Queue and Table data access.</summary>
    public const string TokenScope = "https://storage.azure.com/.default";

    /// <summary>Creates a connection that signs requests with the account key.</summary>
    public StorageConnection(StorageSharedKeyCredential sharedKey, Uri? blobEndpoint, Uri? queueEndpoint, Uri? tableEndpoint)
    {
        ArgumentNullException.ThrowIfNull(sharedKey);
        SharedKey = sharedKey;
        AccountName = sharedKey.AccountName;
        BlobEndpoint = blobEndpoint;
        QueueEndpoint = queueEndpoint;
        TableEndpoint = tableEndpoint;
    }

    /// <summary>Creates a connection that sends Entra ID bearer tokens.</summary>
    /// <exception cref="ArgumentException">An endpoint is not https (bearer tokens are never sent in clear text).</exception>
    public StorageConnection(TokenCredential tokenCredential, Uri? blobEndpoint, Uri? queueEndpoint, Uri? tableEndpoint, string? accountName = null)
    {
        ArgumentNullException.ThrowIfNull(tokenCredential);
        foreach (var (endpoint, name) in new[] { (blobEndpoint, nameof(blobEndpoint)), (queueEndpoint, nameof(queueEndpoint)), (tableEndpoint, nameof(tableEndpoint)) })
        {
            if (endpoint is not null && endpoint.Scheme != Uri.UriSchemeHttps)
            {
                throw new ArgumentException("Bearer tokens are only sent over https; the endpoint must be an https URI.", name);
            }
        }

        TokenCredential = tokenCredential;
        AccountName = accountName;
        BlobEndpoint = blobEndpoint;
        QueueEndpoint = queueEndpoint;
        TableEndpoint = tableEndpoint;
    }

    /// <summary>Gets the account name, when known (always with a shared key).</summary>
    public string? AccountName { get; }

    /// <summary>Gets the Blob service endpoint, or null when this connection has none.</summary>
    public Uri? BlobEndpoint { get; }

    /// <summary>Gets the Queue service endpoint, or null when this connection has none.</summary>
    public Uri? QueueEndpoint { get; }

    /// <summary>Gets the Table service endpoint, or null when this connection has none.</summary>
    public Uri? TableEndpoint { get; }

    /// <summary>Gets the shared key, when this connection signs with one.</summary>
    public StorageSharedKeyCredential? SharedKey { get; }

    /// <summary>Gets the token credential, when this connection sends bearer tokens.</summary>
    public TokenCredential? TokenCredential { get; }

    /// <summary>Parses a storage connection string.</summary>
    /// <exception cref="StorageConnectionException">A setting is missing, unknown, repeated or malformed.</exception>
    public static StorageConnection FromConnectionString(string connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        return ConnectionStringParser.Parse(connectionString, "The storage connection string");
    }

    /// <summary>
    /// Reads the connection named <paramref name="connectionName"/> the way Azure Functions does: the setting
    /// itself as a connection string, or else identity-based settings <c>NAME__accountName</c>,
    /// <c>NAME__blobServiceUri</c>, <c>NAME__queueServiceUri</c>, <c>NAME__tableServiceUri</c>,
    /// <c>NAME__credential</c> (<c>managedidentity</c>), <c>NAME__clientId</c>, <c>NAME__managedIdentityResourceId</c>.
    /// </summary>
    /// <param name="connectionName">For example <c>AzureWebJobsStorage</c>.</param>
    /// <param name="settings">Looks a setting up by name (environment variables, configuration...); null when absent.</param>
    /// <exception cref="StorageConnectionException">Nothing is configured, or settings are malformed or contradictory.</exception>
    public static StorageConnection FromSettings(string connectionName, Func<string, string?> settings)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionName);
        ArgumentNullException.ThrowIfNull(settings);
        var identity = IdentityStorageSettings.Read(connectionName, settings);
        var connectionString = settings(connectionName);
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            if (identity.AnyPresent)
            {
                throw new StorageConnectionException(
                    $"Storage connection '{connectionName}' has both a connection string and identity-based settings "
                    + $"({string.Join(", ", identity.PresentSettingNames.Select(n => $"'{n}'"))}); keep one of them.");
            }

            return ConnectionStringParser.Parse(connectionString, $"Setting '{connectionName}'");
        }

        return identity.ToConnection();
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"StorageConnection(account {AccountName ?? "(not named)"}, {(SharedKey is null ? "Entra ID" : "SharedKey")}, "
        + $"blob {BlobEndpoint?.ToString() ?? "-"}, queue {QueueEndpoint?.ToString() ?? "-"}, table {TableEndpoint?.ToString() ?? "-"})";
}
