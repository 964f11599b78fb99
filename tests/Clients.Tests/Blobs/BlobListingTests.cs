using Azure;
using Azure.Core;
using MedLedger.Clients.Blobs;
using MedLedger.Testing.Azurite;
using MedLedger.Testing.Faults;

namespace MedLedger.Clients.Tests.Blobs;

/// <summary>List Blobs against Azurite: prefixes, paging with markers, properties, and failures.</summary>
public sealed class BlobListingTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<BlobContainerClient> NewContainerAsync(BlobContainerClient? client = null)
    {
        var container = client ?? azurite.CreateAccount().GetBlobContainerClient(UniqueNames.Container());
        Assert.True(await container.CreateIfNotExistsAsync(Ct));
        return container;
    }

    [Fact]
    public async Task GetBlobs_SmallPages_ReturnsEveryBlobOnceInNameOrderWithItsProperties()
    {
        var container = await NewContainerAsync();
        var uploaded = new Dictionary<string, BlobUploadResult>(StringComparer.Ordinal);
        for (var i = 0; i < 7; i++)
        {
            var name = $"r0-blob{i:D2}";
            uploaded[name] = await container.UploadIfNotExistsAsync(name, BinaryData.FromBytes(new byte[i * 10]), cancellationToken: Ct);
        }

        var listed = await container.GetBlobsAsync(maxResults: 2, cancellationToken: Ct).ToListAsync(Ct);

        Assert.Equal(uploaded.Keys.Order(StringComparer.Ordinal), listed.Select(b => b.Name));
        foreach (var blob in listed)
        {
            var properties = await container.GetPropertiesAsync(blob.Name, Ct);
            Assert.Equal(properties.ContentLength, blob.ContentLength);
            Assert.Equal(properties.LastModified, blob.LastModified);
            Assert.Equal(uploaded[blob.Name].ETag, blob.ETag);
        }
    }

    [Fact]
    public async Task GetBlobsPage_MaxResultsTwo_PagesThroughWithMarkersUntilNone()
    {
        var container = await NewContainerAsync();
        foreach (var name in new[] { "a1", "a2", "a3", "a4", "a5" })
        {
            await container.UploadIfNotExistsAsync(name, BinaryData.FromString(name), cancellationToken: Ct);
        }

        var first = await container.GetBlobsPageAsync(maxResults: 2, cancellationToken: Ct);
        var second = await container.GetBlobsPageAsync(marker: first.NextMarker, maxResults: 2, cancellationToken: Ct);
        var third = await container.GetBlobsPageAsync(marker: second.NextMarker, maxResults: 2, cancellationToken: Ct);

        Assert.Equal(["a1", "a2"], first.Blobs.Select(b => b.Name));
        Assert.NotNull(first.NextMarker);
        Assert.Equal(["a3", "a4"], second.Blobs.Select(b => b.Name));
        Assert.NotNull(second.NextMarker);
        Assert.Equal(["a5"], third.Blobs.Select(b => b.Name));
        Assert.Null(third.NextMarker);
    }

    [Fact]
    public async Task GetBlobs_Prefix_ListsOnlyNamesStartingWithIt()
    {
        var container = await NewContainerAsync();
        foreach (var name in new[] { "r1-x", "r10-y", "r1-z", "r2-w", "notes/r1-v" })
        {
            await container.UploadIfNotExistsAsync(name, BinaryData.FromString(name), cancellationToken: Ct);
        }

        var listed = await container.GetBlobsAsync("r1-", maxResults: 1, cancellationToken: Ct).Select(b => b.Name).ToListAsync(Ct);

        Assert.Equal(["r1-x", "r1-z"], listed);
    }

    [Fact]
    public async Task GetBlobs_NamesNeedingEscapes_RoundTripExactly()
    {
        var container = await NewContainerAsync();
        string[] names = ["dir/sub/a b+c&d=e?f#g", "ünïcødé/€", "%41 literal percent"];
        foreach (var name in names)
        {
            await container.UploadIfNotExistsAsync(name, BinaryData.FromString("x"), cancellationToken: Ct);
        }

        var listed = await container.GetBlobsAsync(cancellationToken: Ct).Select(b => b.Name).ToListAsync(Ct);

        Assert.Equal(names.Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
        var withPrefix = await container.GetBlobsAsync("dir/sub/a b+", cancellationToken: Ct).Select(b => b.Name).ToListAsync(Ct);
        Assert.Equal([names[0]], withPrefix);
    }

    [Fact]
    public async Task GetBlobs_EmptyContainer_ReturnsNothing()
    {
        var container = await NewContainerAsync();

        Assert.Empty(await container.GetBlobsAsync(cancellationToken: Ct).ToListAsync(Ct));
        var page = await container.GetBlobsPageAsync(cancellationToken: Ct);
        Assert.Empty(page.Blobs);
        Assert.Null(page.NextMarker);
    }

    [Fact]
    public async Task GetBlobsPage_MissingContainer_Throws404ContainerNotFound()
    {
        var container = azurite.CreateAccount().GetBlobContainerClient(UniqueNames.Container());

        var exception = await Assert.ThrowsAsync<RequestFailedException>(() => container.GetBlobsPageAsync(cancellationToken: Ct));

        Assert.Equal(404, exception.Status);
        Assert.Equal("ContainerNotFound", exception.ErrorCode);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5001)]
    public async Task GetBlobsPage_MaxResultsOutOfRange_ThrowsBeforeSending(int maxResults)
    {
        var faults = new FaultInjectionTransport(azurite.Instance.CreateTransport());
        var options = azurite.Instance.CreateOptions();
        options.Transport = faults;
        var container = azurite.CreateAccount(options).GetBlobContainerClient(UniqueNames.Container());

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => container.GetBlobsPageAsync(maxResults: maxResults, cancellationToken: Ct));

        Assert.Empty(faults.Attempts);
    }

    [Fact]
    public async Task GetBlobs_MalformedListing_ThrowsFormatExceptionAndReturnsNothing()
    {
        var faults = new FaultInjectionTransport(azurite.Instance.CreateTransport());
        var options = azurite.Instance.CreateOptions();
        options.Transport = faults;
        var container = await NewContainerAsync(azurite.CreateAccount(options).GetBlobContainerClient(UniqueNames.Container()));
        await container.UploadIfNotExistsAsync("a", BinaryData.FromString("a"), cancellationToken: Ct);
        faults.Respond(1, _ => new SyntheticResponse(200, "OK", body: "<EnumerationResults><Blobs><Blob><Name>a</Name></Blob></Blobs></EnumerationResults>"), IsList);

        var exception = await Assert.ThrowsAsync<FormatException>(() => container.GetBlobsAsync(cancellationToken: Ct).ToListAsync(Ct).AsTask());

        Assert.Contains("blob 'a' has no <Properties>", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetBlobs_ServiceRepeatsTheMarker_ThrowsInsteadOfLoopingForever()
    {
        var faults = new FaultInjectionTransport(azurite.Instance.CreateTransport());
        var options = azurite.Instance.CreateOptions();
        options.Transport = faults;
        var container = azurite.CreateAccount(options).GetBlobContainerClient(UniqueNames.Container());
        const string Page = "<EnumerationResults><Blobs /><NextMarker>m1</NextMarker></EnumerationResults>";
        faults.Respond(2, _ => new SyntheticResponse(200, "OK", body: Page), IsList);

        var exception = await Assert.ThrowsAsync<FormatException>(() => container.GetBlobsAsync(cancellationToken: Ct).ToListAsync(Ct).AsTask());

        Assert.Contains("repeats the marker", exception.Message, StringComparison.Ordinal);
        Assert.Equal(0, faults.PendingFaults);
    }

    private static bool IsList(Request request) =>
        request.Method == RequestMethod.Get && request.Uri.Query.Contains("comp=list", StringComparison.Ordinal);
}
