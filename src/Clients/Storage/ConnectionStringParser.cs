namespace MedLedger.Clients.Storage;

/// <summary>Parses a storage connection string (<c>Name=value;</c> pairs) into a <see cref="StorageConnection"/>.</summary>
/// <remarks>
/// Supports <c>UseDevelopmentStorage=true</c>, <c>AccountName</c>/<c>AccountKey</c> with
/// <c>DefaultEndpointsProtocol</c>/<c>EndpointSuffix</c>, and explicit <c>BlobEndpoint</c>/<c>QueueEndpoint</c>/
/// <c>TableEndpoint</c>. Setting names are case-insensitive. Errors name the setting, never the value.
/// </remarks>
internal static class ConnectionStringParser
{
    private const string UseDevelopmentStorage = "UseDevelopmentStorage";
    private const string DefaultEndpointsProtocol = "DefaultEndpointsProtocol";
    private const string AccountName = "AccountName";
    private const string AccountKey = "AccountKey";
    private const string EndpointSuffix = "EndpointSuffix";
    private const string BlobEndpoint = "BlobEndpoint";
    private const string QueueEndpoint = "QueueEndpoint";
    private const string TableEndpoint = "TableEndpoint";
    private const string FileEndpoint = "FileEndpoint";
    private const string SharedAccessSignature = "SharedAccessSignature";

    private static readonly HashSet<string> s_known = new(StringComparer.OrdinalIgnoreCase)
    {
        UseDevelopmentStorage, DefaultEndpointsProtocol, AccountName, AccountKey, EndpointSuffix,
        BlobEndpoint, QueueEndpoint, TableEndpoint, FileEndpoint, SharedAccessSignature,
    };

    public static StorageConnection Parse(string connectionString, string source)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new StorageConnectionException($"{source} is empty.");
        }

        var settings = Split(connectionString, source);
        if (settings.TryGetValue(UseDevelopmentStorage, out var development))
        {
            return ParseDevelopmentStorage(settings, development, source);
        }

        if (settings.ContainsKey(SharedAccessSignature))
        {
            throw new StorageConnectionException(
                $"{source} uses '{SharedAccessSignature}', which MedLedger does not support: use an account key or identity-based settings.");
        }

        var accountName = Required(settings, AccountName, source);
        var accountKey = Required(settings, AccountKey, source);
        StorageSharedKeyCredential credential;
        try
        {
            credential = new StorageSharedKeyCredential(accountName, accountKey);
        }
        catch (ArgumentException)
        {
            throw new StorageConnectionException($"{source}: '{AccountKey}' is not valid base64.");
        }

        var protocol = settings.GetValueOrDefault(DefaultEndpointsProtocol, "https").ToLowerInvariant();
        if (protocol is not ("https" or "http"))
        {
            throw new StorageConnectionException($"{source}: '{DefaultEndpointsProtocol}' must be 'https' or 'http'.");
        }

        var suffix = settings.GetValueOrDefault(EndpointSuffix, "core.windows.net");
        if (suffix.Length == 0 || suffix.Contains('/', StringComparison.Ordinal))
        {
            throw new StorageConnectionException($"{source}: '{EndpointSuffix}' must be a DNS suffix such as core.windows.net.");
        }

        return new StorageConnection(
            credential,
            Endpoint(settings, BlobEndpoint, source) ?? Derived(protocol, accountName, "blob", suffix, source),
            Endpoint(settings, QueueEndpoint, source) ?? Derived(protocol, accountName, "queue", suffix, source),
            Endpoint(settings, TableEndpoint, source) ?? Derived(protocol, accountName, "table", suffix, source));
    }

    private static StorageConnection ParseDevelopmentStorage(Dictionary<string, string> settings, string value, string source)
    {
        if (!value.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            throw new StorageConnectionException($"{source}: '{UseDevelopmentStorage}' must be 'true' when present.");
        }

        var others = settings.Keys.Where(k => !k.Equals(UseDevelopmentStorage, StringComparison.OrdinalIgnoreCase)).ToList();
        if (others.Count > 0)
        {
            throw new StorageConnectionException(
                $"{source}: '{UseDevelopmentStorage}=true' cannot be combined with {string.Join(", ", others.Select(o => $"'{o}'"))}; "
                + "use the full emulator connection string to change endpoints.");
        }

        return new StorageConnection(
            new StorageSharedKeyCredential(DevelopmentStorage.AccountName, DevelopmentStorage.AccountKey),
            DevelopmentStorage.BlobEndpoint,
            DevelopmentStorage.QueueEndpoint,
            DevelopmentStorage.TableEndpoint);
    }

    private static Dictionary<string, string> Split(string connectionString, string source)
    {
        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var segments = connectionString.Split(';');
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = segments[i].Trim();
            if (segment.Length == 0)
            {
                continue;
            }

            // Split at the first '=' only: base64 keys end in '='. The segment itself is never echoed.
            var equals = segment.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new StorageConnectionException($"{source}: segment {i + 1} is not of the form Name=value.");
            }

            var name = segment[..equals].Trim();
            if (!s_known.Contains(name))
            {
                // The name is not echoed: a pasted key ending in '=' would otherwise be printed.
                throw new StorageConnectionException(
                    $"{source}: segment {i + 1} is not a known setting (known: {string.Join(", ", s_known.Order(StringComparer.Ordinal))}).");
            }

            if (!settings.TryAdd(name, segment[(equals + 1)..].Trim()))
            {
                throw new StorageConnectionException($"{source}: '{name}' appears more than once.");
            }
        }

        return settings;
    }

    private static string Required(Dictionary<string, string> settings, string name, string source) =>
        settings.TryGetValue(name, out var value) && value.Length > 0
            ? value
            : throw new StorageConnectionException($"{source}: '{name}' is missing.");

    private static Uri? Endpoint(Dictionary<string, string> settings, string name, string source)
    {
        if (!settings.TryGetValue(name, out var value))
        {
            return null;
        }

        return StorageEndpoints.Parse(value, $"{source}: '{name}'");
    }

    private static Uri Derived(string protocol, string accountName, string service, string suffix, string source)
    {
        var text = $"{protocol}://{accountName}.{service}.{suffix}";
        return Uri.TryCreate(text, UriKind.Absolute, out var uri)
            ? uri
            : throw new StorageConnectionException($"{source}: '{AccountName}' and '{EndpointSuffix}' do not form a valid {service} endpoint.");
    }
}
