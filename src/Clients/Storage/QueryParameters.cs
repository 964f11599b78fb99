namespace MedLedger.Clients.Storage;

/// <summary>Splits a URI query into decoded name/value pairs (for canonicalized resources).</summary>
internal static class QueryParameters
{
    /// <summary>Parses <c>?a=1&amp;b=2</c> (leading <c>?</c> optional) into decoded pairs, in order.</summary>
    public static IEnumerable<(string Name, string Value)> Parse(string query)
    {
        var text = query.StartsWith('?') ? query[1..] : query;
        foreach (var part in text.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? part : part[..equals];
            var value = equals < 0 ? string.Empty : part[(equals + 1)..];
            yield return (Uri.UnescapeDataString(name), Uri.UnescapeDataString(value));
        }
    }
}
