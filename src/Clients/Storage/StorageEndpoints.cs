namespace MedLedger.Clients.Storage;

/// <summary>Validation shared by every way of naming a service endpoint.</summary>
internal static class StorageEndpoints
{
    /// <summary>Parses an absolute http(s) endpoint without query or fragment and drops a trailing slash.</summary>
    public static Uri Parse(string value, string what)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new StorageConnectionException($"{what} must be an absolute http or https URI.");
        }

        if (uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
        {
            // A query here is usually a SAS token: refuse rather than carry a credential around in a URI.
            throw new StorageConnectionException($"{what} must not contain a query, fragment or user information.");
        }

        var text = uri.GetLeftPart(UriPartial.Path).TrimEnd('/');
        return new Uri(text, UriKind.Absolute);
    }
}
