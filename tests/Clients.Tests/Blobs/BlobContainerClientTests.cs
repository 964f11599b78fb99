using Azure;
using Azure.Core;
using MedLedger.Clients.Blobs;
using MedLedger.Testing.Azurite;
using MedLedger.Testing.Faults;

namespace MedLedger.Clients.Tests.Blobs;

public sealed class BlobContainerClientTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<BlobContainerClient> NewContainerAsync()
    {
        var container = azurite.CreateAccount().GetBlobContainerClient(UniqueNames.Container());
        Assert.True(await container.CreateIfNotExistsAsync(Ct));
        return container;
    }

    [Fact]
    public async Task CreateIfNotExists_SecondCall_ReturnsFalse()
    {
        var container = azurite.CreateAccount().GetBlobContainerClient(UniqueNames.Container());
        Assert.True(await container.CreateIfNotExistsAsync(Ct));
        Assert.False(await container.CreateIfNotExistsAsync(Ct));
    }

    [Fact]
    public async Task UploadIfNotExists_NewBlob_CreatesAndDownloadsWithETagTypeAndMetadata()
    {
        var container = await NewContainerAsync();
        var content = BinaryData.FromBytes([1, 2, 3, 4, 5, 0, 255]);
        var metadata = new Dictionary<string, string> { ["recordid"] = "r-42", ["sha256"] = "abc123" };

        var upload = await container.UploadIfNotExistsAsync(
            "records/r-42.bin", content, new BlobUploadOptions { ContentType = "application/vnd.medledger.envelope", Metadata = metadata }, Ct);
        var download = await container.DownloadAsync("records/r-42.bin", Ct);

        Assert.Equal(BlobUploadStatus.Created, upload.Status);
        Assert.True(upload.Created);
        Assert.NotNull(upload.ETag);
        Assert.Equal(content.ToArray(), download.Content.ToArray());
        Assert.Equal(upload.ETag, download.Properties.ETag);
        Assert.Equal("application/vnd.medledger.envelope", download.Properties.ContentType);
        Assert.Equal(7, download.Properties.ContentLength);
        Assert.Equal(metadata, download.Properties.Metadata);
    }

    [Fact]
    public async Task UploadIfNotExists_ExistingBlob_ReturnsAlreadyExistsAndKeepsOriginal()
    {
        var container = await NewContainerAsync();
        var first = await container.UploadIfNotExistsAsync("b", BinaryData.FromString("original"), cancellationToken: Ct);

        var second = await container.UploadIfNotExistsAsync("b", BinaryData.FromString("overwrite attempt"), cancellationToken: Ct);

        Assert.Equal(BlobUploadStatus.AlreadyExists, second.Status);
        Assert.Null(second.ETag);
        var stored = await container.DownloadAsync("b", Ct);
        Assert.Equal("original", stored.Content.ToString());
        Assert.Equal(first.ETag, stored.Properties.ETag);
    }

    [Fact]
    public async Task UploadIfNotExists_ResponseLostAfterStore_RetryReportsAlreadyExists()
    {
        var faults = new FaultInjectionTransport(azurite.Instance.CreateTransport()).LoseResponse(1, r => r.Method == RequestMethod.Put && r.Uri.Path.EndsWith("/lost", StringComparison.Ordinal));
        var options = azurite.Instance.CreateOptions();
        options.Retry.Delay = TimeSpan.FromMilliseconds(1);
        options.Transport = faults;
        var container = azurite.CreateAccount(options).GetBlobContainerClient(UniqueNames.Container());
        await container.CreateIfNotExistsAsync(Ct);

        var result = await container.UploadIfNotExistsAsync("lost", BinaryData.FromString("payload"), cancellationToken: Ct);

        // The first attempt stored the blob; its answer was lost; the retry found it: the caller must compare content.
        Assert.Equal(BlobUploadStatus.AlreadyExists, result.Status);
        Assert.Equal("payload", (await container.DownloadAsync("lost", Ct)).Content.ToString());
        Assert.Equal(0, faults.PendingFaults);
    }

    [Fact]
    public async Task UploadIfNotExists_ContainerMissing_ThrowsContainerNotFound()
    {
        var container = azurite.CreateAccount().GetBlobContainerClient(UniqueNames.Container());

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => container.UploadIfNotExistsAsync("b", BinaryData.FromString("x"), cancellationToken: Ct));

        Assert.Equal(404, error.Status);
        Assert.Equal("ContainerNotFound", error.ErrorCode);
    }

    [Fact]
    public async Task UploadIfNotExists_ExactlyMaxSize_Succeeds()
    {
        var container = await NewContainerAsync();
        var content = new byte[BlobLimits.MaxUploadBytes];
        content[^1] = 0x5A;

        var result = await container.UploadIfNotExistsAsync("max", BinaryData.FromBytes(content), cancellationToken: Ct);

        Assert.True(result.Created);
        var properties = await container.GetPropertiesAsync("max", Ct);
        Assert.Equal(BlobLimits.MaxUploadBytes, properties.ContentLength);
    }

    [Fact]
    public async Task UploadIfNotExists_OverMaxSize_RefusedBeforeSending()
    {
        var faults = new FaultInjectionTransport(azurite.Instance.CreateTransport());
        var options = azurite.Instance.CreateOptions();
        options.Transport = faults;
        var container = azurite.CreateAccount(options).GetBlobContainerClient(UniqueNames.Container());

        var error = await Assert.ThrowsAsync<ArgumentException>(
            () => container.UploadIfNotExistsAsync("big", BinaryData.FromBytes(new byte[BlobLimits.MaxUploadBytes + 1]), cancellationToken: Ct));

        Assert.Contains("67108865 bytes", error.Message, StringComparison.Ordinal);
        Assert.Contains("64 MiB", error.Message, StringComparison.Ordinal);
        Assert.Empty(faults.Attempts);
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("folder/sub folder/file name.txt")]
    [InlineData("unicode/ärztlicher-befund-€-😀")]
    [InlineData("symbols/a+b=c&d;e,f@g(h)'i'!~*%25%")]
    public async Task Upload_SpecialNames_RoundTrip(string blobName)
    {
        var container = await NewContainerAsync();

        var result = await container.UploadIfNotExistsAsync(blobName, BinaryData.FromString(blobName), cancellationToken: Ct);

        Assert.True(result.Created);
        Assert.Equal(blobName, (await container.DownloadAsync(blobName, Ct)).Content.ToString());
        Assert.True(await container.DeleteIfExistsAsync(blobName, Ct));
    }

    [Fact]
    public async Task Download_Missing_ThrowsBlobNotFound()
    {
        var container = await NewContainerAsync();

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => container.DownloadAsync("missing", Ct));

        Assert.Equal(404, error.Status);
        Assert.Equal("BlobNotFound", error.ErrorCode);
    }

    [Fact]
    public async Task GetProperties_Missing_Throws404WithCode()
    {
        var container = await NewContainerAsync();

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => container.GetPropertiesAsync("missing", Ct));

        Assert.Equal(404, error.Status);
        Assert.Equal("BlobNotFound", error.ErrorCode);
    }

    [Fact]
    public async Task SetMetadata_CurrentETag_ReplacesMetadataAndChangesETag()
    {
        var container = await NewContainerAsync();
        var upload = await container.UploadIfNotExistsAsync("m", BinaryData.FromString("x"), new BlobUploadOptions { Metadata = new Dictionary<string, string> { ["a"] = "1" } }, Ct);

        var etag = await container.SetMetadataAsync("m", new Dictionary<string, string> { ["b"] = "2" }, upload.ETag, Ct);

        var properties = await container.GetPropertiesAsync("m", Ct);
        Assert.NotEqual(upload.ETag, etag);
        Assert.Equal(etag, properties.ETag);
        Assert.Equal(new Dictionary<string, string> { ["b"] = "2" }, properties.Metadata);
    }

    [Fact]
    public async Task SetMetadata_StaleETag_Throws412AndKeepsMetadata()
    {
        var container = await NewContainerAsync();
        var upload = await container.UploadIfNotExistsAsync("m", BinaryData.FromString("x"), new BlobUploadOptions { Metadata = new Dictionary<string, string> { ["a"] = "1" } }, Ct);
        await container.SetMetadataAsync("m", new Dictionary<string, string> { ["a"] = "2" }, upload.ETag, Ct);

        var error = await Assert.ThrowsAsync<RequestFailedException>(
            () => container.SetMetadataAsync("m", new Dictionary<string, string> { ["a"] = "3" }, upload.ETag, Ct));

        Assert.Equal(412, error.Status);
        Assert.Equal("ConditionNotMet", error.ErrorCode);
        Assert.Equal("2", (await container.GetPropertiesAsync("m", Ct)).Metadata["a"]);
    }

    [Fact]
    public async Task DeleteIfExists_ExistingThenMissing_ReturnsTrueThenFalse()
    {
        var container = await NewContainerAsync();
        await container.UploadIfNotExistsAsync("d", BinaryData.FromString("x"), cancellationToken: Ct);

        Assert.True(await container.DeleteIfExistsAsync("d", Ct));
        Assert.False(await container.DeleteIfExistsAsync("d", Ct));
        await Assert.ThrowsAsync<RequestFailedException>(() => container.DownloadAsync("d", Ct));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a//b")]
    [InlineData("/leading")]
    [InlineData("trailing.")]
    [InlineData("back\\slash")]
    [InlineData("control\u0001char")]
    public async Task Upload_InvalidBlobName_ThrowsArgumentException(string blobName)
    {
        var container = azurite.CreateAccount().GetBlobContainerClient(UniqueNames.Container());

        await Assert.ThrowsAsync<ArgumentException>(() => container.UploadIfNotExistsAsync(blobName, BinaryData.FromString("x"), cancellationToken: Ct));
    }

    [Fact]
    public async Task Upload_BlobNameTooLong_ThrowsArgumentException()
    {
        var container = azurite.CreateAccount().GetBlobContainerClient(UniqueNames.Container());

        var error = await Assert.ThrowsAsync<ArgumentException>(
            () => container.UploadIfNotExistsAsync(new string('a', BlobLimits.MaxBlobNameLength + 1), BinaryData.FromString("x"), cancellationToken: Ct));

        Assert.Contains("1-1024", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Upper", "v")]
    [InlineData("with-dash", "v")]
    [InlineData("1digit", "v")]
    [InlineData("ok", "line\nbreak")]
    [InlineData("ok", " padded")]
    [InlineData("ok", "ümlaut")]
    public async Task Upload_InvalidMetadata_ThrowsArgumentException(string name, string value)
    {
        var container = azurite.CreateAccount().GetBlobContainerClient(UniqueNames.Container());

        await Assert.ThrowsAsync<ArgumentException>(() => container.UploadIfNotExistsAsync(
            "b", BinaryData.FromString("x"), new BlobUploadOptions { Metadata = new Dictionary<string, string> { [name] = value } }, Ct));
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("UPPER")]
    [InlineData("double--hyphen")]
    [InlineData("-leading")]
    public void GetBlobContainerClient_InvalidName_ThrowsArgumentException(string name)
    {
        Assert.Throws<ArgumentException>(() => azurite.CreateAccount().GetBlobContainerClient(name));
    }
}
