using System.Text;
using MedLedger.Clients.Blobs;

namespace MedLedger.Clients.Tests.Blobs;

public sealed class BlobListXmlTests
{
    private const string Properties =
        "<Properties><Last-Modified>Thu, 01 Jan 2026 10:00:00 GMT</Last-Modified><Etag>0x8D0</Etag><Content-Length>42</Content-Length></Properties>";

    private static BinaryData Listing(string blobs, string tail = "<NextMarker />") =>
        BinaryData.FromString($"<?xml version=\"1.0\" encoding=\"utf-8\"?><EnumerationResults ServiceEndpoint=\"http://x/\" ContainerName=\"c\"><MaxResults>2</MaxResults><Blobs>{blobs}</Blobs>{tail}</EnumerationResults>");

    private static string Blob(string name, string properties = Properties) => $"<Blob><Name>{name}</Name>{properties}<Metadata /></Blob>";

    [Fact]
    public void Parse_WellFormedPage_ReadsNamesPropertiesAndMarker()
    {
        var page = BlobListXml.Parse(Listing(Blob("r0-a") + Blob("r0-b"), "<NextMarker>next/1</NextMarker>"), "r0-");

        Assert.Equal(["r0-a", "r0-b"], page.Blobs.Select(b => b.Name));
        Assert.Equal(42, page.Blobs[0].ContentLength);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 10, 0, 0, TimeSpan.Zero), page.Blobs[0].LastModified);
        Assert.Equal(new Azure.ETag("0x8D0"), page.Blobs[0].ETag);
        Assert.Equal(new Azure.ETag("0x8D1"), BlobListXml.Parse(Listing(Blob("q", Properties.Replace("0x8D0", "&quot;0x8D1&quot;", StringComparison.Ordinal))), null).Blobs[0].ETag);
        Assert.Equal("next/1", page.NextMarker);
    }

    [Fact]
    public void Parse_EmptyOrMissingNextMarker_IsTheLastPage()
    {
        Assert.Null(BlobListXml.Parse(Listing(Blob("a")), null).NextMarker);
        Assert.Null(BlobListXml.Parse(Listing(Blob("a"), string.Empty), null).NextMarker);
    }

    [Fact]
    public void Parse_EncodedName_IsPercentDecodedAsUtf8()
    {
        var page = BlobListXml.Parse(Listing("<Blob><Name Encoded=\"true\">a%01b%C3%BC</Name>" + Properties + "</Blob>"), null);

        Assert.Equal("a\u0001bü", page.Blobs.Single().Name);
    }

    [Theory]
    [InlineData("<Other><Blobs /></Other>", "root element")]
    [InlineData("<EnumerationResults />", "has no <Blobs>")]
    [InlineData("<EnumerationResults><Blobs /><Blobs /></EnumerationResults>", "more than one <Blobs>")]
    [InlineData("<EnumerationResults><Blobs><BlobPrefix><Name>d/</Name></BlobPrefix></Blobs></EnumerationResults>", "<BlobPrefix>")]
    [InlineData("<EnumerationResults><Blobs /><NextMarker>a</NextMarker><NextMarker>b</NextMarker></EnumerationResults>", "more than one <NextMarker>")]
    [InlineData("<!DOCTYPE x [<!ENTITY e \"boom\">]><EnumerationResults><Blobs /></EnumerationResults>", "not well-formed")]
    [InlineData("<EnumerationResults><Blobs>", "not well-formed")]
    public void Parse_MalformedListing_Throws(string xml, string expected)
    {
        var exception = Assert.Throws<FormatException>(() => BlobListXml.Parse(BinaryData.FromString(xml), null));

        Assert.Contains(expected, exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<Blob>" + Properties + "</Blob>", "a blob has no <Name>")]
    [InlineData("<Blob><Name>a</Name><Name>b</Name>" + Properties + "</Blob>", "more than one <Name>")]
    [InlineData("<Blob><Name></Name>" + Properties + "</Blob>", "empty name")]
    [InlineData("<Blob><Name>a</Name></Blob>", "blob 'a' has no <Properties>")]
    [InlineData("<Blob><Name>a</Name><Properties><Etag>1</Etag><Content-Length>1</Content-Length></Properties></Blob>", "no <Last-Modified>")]
    [InlineData("<Blob><Name>a</Name><Properties><Last-Modified>Thu, 01 Jan 2026 10:00:00 GMT</Last-Modified><Content-Length>1</Content-Length></Properties></Blob>", "no <Etag>")]
    [InlineData("<Blob><Name>a</Name><Properties><Last-Modified>Thu, 01 Jan 2026 10:00:00 GMT</Last-Modified><Etag>1</Etag></Properties></Blob>", "no <Content-Length>")]
    [InlineData("<Blob><Name>a</Name><Properties><Last-Modified>Thu, 01 Jan 2026 10:00:00 GMT</Last-Modified><Etag></Etag><Content-Length>1</Content-Length></Properties></Blob>", "empty Etag")]
    [InlineData("<Blob><Name>a</Name><Properties><Last-Modified>2026-01-01T10:00:00Z</Last-Modified><Etag>1</Etag><Content-Length>1</Content-Length></Properties></Blob>", "Last-Modified '2026-01-01T10:00:00Z'")]
    [InlineData("<Blob><Name>a</Name><Properties><Last-Modified>Thu, 01 Jan 2026 10:00:00 GMT</Last-Modified><Etag>1</Etag><Content-Length>-1</Content-Length></Properties></Blob>", "Content-Length '-1'")]
    [InlineData("<Blob><Name>a</Name><Properties><Last-Modified>Thu, 01 Jan 2026 10:00:00 GMT</Last-Modified><Etag>1</Etag><Content-Length>01</Content-Length></Properties></Blob>", "Content-Length '01'")]
    [InlineData("<Blob><Name>a</Name><Properties><Last-Modified>Thu, 01 Jan 2026 10:00:00 GMT</Last-Modified><Etag>1</Etag><Content-Length> 1</Content-Length></Properties></Blob>", "Content-Length ' 1'")]
    [InlineData("<Blob><Name>a</Name><Properties><Last-Modified>Thu, 01 Jan 2026 10:00:00 GMT</Last-Modified><Etag>1</Etag><Content-Length>99999999999999999999</Content-Length></Properties></Blob>", "Content-Length '99999999999999999999'")]
    [InlineData("<Blob><Name Encoded=\"yes\">a</Name>" + Properties + "</Blob>", "Encoded=\"yes\"")]
    [InlineData("<Blob><Name Encoded=\"true\">a%4</Name>" + Properties + "</Blob>", "'%' not followed by two hex digits")]
    [InlineData("<Blob><Name Encoded=\"true\">a%ZZb</Name>" + Properties + "</Blob>", "'%' not followed by two hex digits")]
    [InlineData("<Blob><Name Encoded=\"true\">a%C3</Name>" + Properties + "</Blob>", "not UTF-8")]
    public void Parse_MalformedBlob_Throws(string blob, string expected)
    {
        var exception = Assert.Throws<FormatException>(() => BlobListXml.Parse(Listing(blob), null));

        Assert.Contains(expected, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BlobOutsideTheRequestedPrefix_Throws()
    {
        var exception = Assert.Throws<FormatException>(() => BlobListXml.Parse(Listing(Blob("r1-a")), "r0-"));

        Assert.Contains("outside the requested prefix", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Utf8Bom_IsAccepted()
    {
        var body = Encoding.UTF8.GetPreamble().Concat(Listing(Blob("a")).ToArray()).ToArray();

        Assert.Equal("a", BlobListXml.Parse(BinaryData.FromBytes(body), null).Blobs.Single().Name);
    }
}
