using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Azure;

namespace MedLedger.Clients.Blobs;

/// <summary>Parses the <c>EnumerationResults</c> body of List Blobs (flat listing, no delimiter), strictly.</summary>
/// <remarks>
/// Rejected with <see cref="FormatException"/>: a DTD, another root, not exactly one <c>Blobs</c>, a <c>BlobPrefix</c>
/// (only a delimiter produces one, and none is sent), a blob without exactly one <c>Name</c>, <c>Properties</c>,
/// <c>Content-Length</c>, <c>Last-Modified</c> and <c>Etag</c>, a length or date that is not canonical, a name outside
/// the requested prefix, and a percent-encoded name (<c>Encoded="true"</c>) that does not decode. Elements the client
/// does not use (metadata, other properties) are ignored. A listing that cannot be trusted must not be half-read: an
/// audit built on it would report blobs that are there as missing.
/// </remarks>
internal static class BlobListXml
{
    private static readonly XmlReaderSettings Settings = new() { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };

    public static BlobPage Parse(BinaryData body, string? prefix)
    {
        XDocument document;
        try
        {
            using var reader = XmlReader.Create(body.ToStream(), Settings);
            document = XDocument.Load(reader);
        }
        catch (XmlException exception)
        {
            throw new FormatException("The List Blobs response is not well-formed XML: " + exception.Message, exception);
        }

        var root = document.Root;
        if (root is null || root.Name != "EnumerationResults")
        {
            throw Malformed("its root element is not <EnumerationResults>");
        }

        var blobs = Single(root, "Blobs", "the listing");
        var items = new List<BlobItem>();
        foreach (var element in blobs.Elements())
        {
            if (element.Name != "Blob")
            {
                throw Malformed($"<Blobs> contains <{element.Name}>, not <Blob>");
            }

            var item = ParseBlob(element);
            if (prefix is not null && !item.Name.StartsWith(prefix, StringComparison.Ordinal))
            {
                throw Malformed("it lists a blob outside the requested prefix");
            }

            items.Add(item);
        }

        var next = Optional(root, "NextMarker", "the listing")?.Value;
        return new BlobPage(items, string.IsNullOrEmpty(next) ? null : next);
    }

    private static BlobItem ParseBlob(XElement blob)
    {
        var name = DecodeName(Single(blob, "Name", "a blob"));
        var properties = Single(blob, "Properties", $"blob '{name}'");
        var lengthText = Single(properties, "Content-Length", $"blob '{name}'").Value;
        if (lengthText.Length is 0 or > 19 || (lengthText.Length > 1 && lengthText[0] == '0') ||
            !long.TryParse(lengthText, NumberStyles.None, CultureInfo.InvariantCulture, out var length))
        {
            throw Malformed($"blob '{name}' has Content-Length '{lengthText}'");
        }

        var modifiedText = Single(properties, "Last-Modified", $"blob '{name}'").Value;
        if (!DateTimeOffset.TryParseExact(modifiedText, "R", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var modified))
        {
            throw Malformed($"blob '{name}' has Last-Modified '{modifiedText}'");
        }

        var etag = Single(properties, "Etag", $"blob '{name}'").Value;
        if (etag.Length == 0)
        {
            throw Malformed($"blob '{name}' has an empty Etag");
        }

        // Listings send ETags bare or quoted; Azure.Core keeps header ETags unquoted, so compare equal to those.
        var bare = etag.Length >= 2 && etag[0] == '"' && etag[^1] == '"' ? etag[1..^1] : etag;
        return new BlobItem(name, length, modified, new ETag(bare));
    }

    private static string DecodeName(XElement element)
    {
        var encoded = element.Attribute("Encoded")?.Value;
        var name = element.Value;
        if (encoded is "true")
        {
            // Names with characters XML cannot carry come percent-encoded (UTF-8).
            name = PercentDecode(name);
        }
        else if (encoded is not (null or "false"))
        {
            throw Malformed($"a name has Encoded=\"{encoded}\"");
        }

        return name.Length > 0 ? name : throw Malformed("a blob has an empty name");
    }

    private static string PercentDecode(string text)
    {
        var bytes = new List<byte>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '%')
            {
                var end = text.IndexOf('%', i);
                end = end < 0 ? text.Length : end;
                bytes.AddRange(System.Text.Encoding.UTF8.GetBytes(text[i..end]));
                i = end - 1;
                continue;
            }

            if (i + 2 >= text.Length || !byte.TryParse(text.AsSpan(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
            {
                throw Malformed("an encoded name has a '%' not followed by two hex digits");
            }

            bytes.Add(value);
            i += 2;
        }

        try
        {
            return new System.Text.UTF8Encoding(false, true).GetString(bytes.ToArray());
        }
        catch (System.Text.DecoderFallbackException exception)
        {
            throw new FormatException("The List Blobs response is malformed: an encoded name is not UTF-8.", exception);
        }
    }

    private static XElement Single(XElement parent, string name, string owner) =>
        Optional(parent, name, owner) ?? throw Malformed($"{owner} has no <{name}>");

    private static XElement? Optional(XElement parent, string name, string owner)
    {
        XElement? found = null;
        foreach (var element in parent.Elements(name))
        {
            if (found is not null)
            {
                throw Malformed($"{owner} has more than one <{name}>");
            }

            found = element;
        }

        return found;
    }

    private static FormatException Malformed(string problem) => new($"The List Blobs response is malformed: {problem}.");
}
