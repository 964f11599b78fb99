using Azure.Core;
using Azure.Identity;

namespace MedLedger.Clients.Storage;

/// <summary>The identity-based settings of one storage connection, Functions style (<c>NAME__setting</c>).</summary>
/// <remarks>
/// Rules (Azure Functions app settings reference; shared/reference/azure-protocols.md §1.12): a per-service URI
/// wins over the URI derived from <c>__accountName</c>; <c>__credential</c> is absent (any Azure.Identity
/// credential, e.g. a developer sign-in) or <c>managedidentity</c>; a user-assigned identity is named by
/// <c>__clientId</c> or <c>__managedIdentityResourceId</c>, never both.
/// </remarks>
internal sealed record IdentityStorageSettings(
    string ConnectionName,
    string? AccountName,
    string? BlobServiceUri,
    string? QueueServiceUri,
    string? TableServiceUri,
    string? Credential,
    string? ClientId,
    string? ManagedIdentityResourceId)
{
    public const string AccountNameSuffix = "__accountName";
    public const string BlobServiceUriSuffix = "__blobServiceUri";
    public const string QueueServiceUriSuffix = "__queueServiceUri";
    public const string TableServiceUriSuffix = "__tableServiceUri";
    public const string CredentialSuffix = "__credential";
    public const string ClientIdSuffix = "__clientId";
    public const string ManagedIdentityResourceIdSuffix = "__managedIdentityResourceId";
    public const string ManagedIdentity = "managedidentity";

    /// <summary>Gets the names of the settings that were present.</summary>
    public IReadOnlyList<string> PresentSettingNames =>
        new (string Suffix, string? Value)[]
        {
            (AccountNameSuffix, AccountName), (BlobServiceUriSuffix, BlobServiceUri), (QueueServiceUriSuffix, QueueServiceUri),
            (TableServiceUriSuffix, TableServiceUri), (CredentialSuffix, Credential), (ClientIdSuffix, ClientId),
            (ManagedIdentityResourceIdSuffix, ManagedIdentityResourceId),
        }.Where(s => s.Value is not null).Select(s => ConnectionName + s.Suffix).ToList();

    /// <summary>Gets a value indicating whether any identity-based setting is present.</summary>
    public bool AnyPresent => PresentSettingNames.Count > 0;

    /// <summary>Reads the settings; blank values count as absent.</summary>
    public static IdentityStorageSettings Read(string name, Func<string, string?> settings)
    {
        string? Get(string suffix) => settings(name + suffix) is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
        return new IdentityStorageSettings(
            name,
            Get(AccountNameSuffix),
            Get(BlobServiceUriSuffix),
            Get(QueueServiceUriSuffix),
            Get(TableServiceUriSuffix),
            Get(CredentialSuffix),
            Get(ClientIdSuffix),
            Get(ManagedIdentityResourceIdSuffix));
    }

    /// <summary>Builds the connection, with an Azure.Identity credential.</summary>
    public StorageConnection ToConnection() => ToConnection(CreateCredential());

    /// <summary>Builds the connection with the given credential (tests pass their own).</summary>
    public StorageConnection ToConnection(TokenCredential credential)
    {
        Validate();
        var blob = Service(BlobServiceUri, BlobServiceUriSuffix, "blob");
        var queue = Service(QueueServiceUri, QueueServiceUriSuffix, "queue");
        var table = Service(TableServiceUri, TableServiceUriSuffix, "table");
        return new StorageConnection(credential, blob, queue, table, AccountName);
    }

    /// <summary>Creates the credential the settings ask for, after checking them.</summary>
    public TokenCredential CreateCredential()
    {
        Validate();
        if (Credential is null)
        {
            // Local development and CI: whatever identity is signed in (environment, workload identity, CLI...).
            var options = new DefaultAzureCredentialOptions();
            if (ClientId is not null)
            {
                options.ManagedIdentityClientId = ClientId;
            }
            else if (ManagedIdentityResourceId is not null)
            {
                options.ManagedIdentityResourceId = new ResourceIdentifier(ManagedIdentityResourceId);
            }

            return new DefaultAzureCredential(options);
        }

        var identity = ClientId is not null
            ? ManagedIdentityId.FromUserAssignedClientId(ClientId)
            : ManagedIdentityResourceId is not null
                ? ManagedIdentityId.FromUserAssignedResourceId(new ResourceIdentifier(ManagedIdentityResourceId))
                : ManagedIdentityId.SystemAssigned;
        return new ManagedIdentityCredential(identity);
    }

    /// <summary>Checks that the settings are complete and consistent.</summary>
    public void Validate()
    {
        if (!AnyPresent)
        {
            throw new StorageConnectionException(
                $"Storage connection '{ConnectionName}' is not configured: set '{ConnectionName}' to a connection string, "
                + $"or '{ConnectionName}{AccountNameSuffix}' (or per-service '{ConnectionName}{BlobServiceUriSuffix}', "
                + $"'{ConnectionName}{QueueServiceUriSuffix}', '{ConnectionName}{TableServiceUriSuffix}') for identity-based access.");
        }

        if (AccountName is null && BlobServiceUri is null && QueueServiceUri is null && TableServiceUri is null)
        {
            throw new StorageConnectionException(
                $"Storage connection '{ConnectionName}' names a credential but no account: set '{ConnectionName}{AccountNameSuffix}' "
                + "or a per-service URI.");
        }

        if (Credential is not null && !Credential.Equals(ManagedIdentity, StringComparison.OrdinalIgnoreCase))
        {
            throw new StorageConnectionException(
                $"'{ConnectionName}{CredentialSuffix}' must be '{ManagedIdentity}' when present.");
        }

        if (ClientId is not null && ManagedIdentityResourceId is not null)
        {
            throw new StorageConnectionException(
                $"'{ConnectionName}{ClientIdSuffix}' and '{ConnectionName}{ManagedIdentityResourceIdSuffix}' both name a "
                + "user-assigned identity; set only one.");
        }

        if (AccountName is not null && !IsAccountName(AccountName))
        {
            throw new StorageConnectionException(
                $"'{ConnectionName}{AccountNameSuffix}' must be 3-24 lowercase letters and digits.");
        }
    }

    private Uri? Service(string? explicitUri, string suffix, string service)
    {
        if (explicitUri is not null)
        {
            var uri = StorageEndpoints.Parse(explicitUri, $"'{ConnectionName}{suffix}'");
            if (uri.Scheme != Uri.UriSchemeHttps)
            {
                throw new StorageConnectionException(
                    $"'{ConnectionName}{suffix}' must be an https URI: bearer tokens are never sent in clear text.");
            }

            return uri;
        }

        return AccountName is null ? null : new Uri($"https://{AccountName}.{service}.core.windows.net");
    }

    private static bool IsAccountName(string name) =>
        name.Length is >= 3 and <= 24 && name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9'));
}
