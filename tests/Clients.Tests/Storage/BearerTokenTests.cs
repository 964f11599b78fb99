using Azure;
using MedLedger.Clients.Blobs;
using MedLedger.Clients.Queues;
using MedLedger.Clients.Storage;
using MedLedger.Clients.Tables;
using MedLedger.Testing.Azurite;

namespace MedLedger.Clients.Tests.Storage;

/// <summary>Entra ID bearer tokens end to end: Azurite over https with <c>--oauth basic</c> checks issuer, audience and lifetime.</summary>
public sealed class BearerTokenTests(AzuriteOAuthFixture azurite) : IClassFixture<AzuriteOAuthFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private StorageAccount Account(AzuriteTokenCredential credential) => new(
        new StorageConnection(credential, azurite.Instance.BlobEndpoint, azurite.Instance.QueueEndpoint, azurite.Instance.TableEndpoint),
        azurite.Instance.CreateOptions());

    [Fact]
    public async Task EveryService_WithToken_Works()
    {
        var credential = new AzuriteTokenCredential(TimeProvider.System);
        var account = Account(credential);

        var container = account.GetBlobContainerClient(UniqueNames.Container());
        await container.CreateIfNotExistsAsync(Ct);
        var upload = await container.UploadIfNotExistsAsync("b", BinaryData.FromString("bearer"), cancellationToken: Ct);
        var queue = account.GetQueueClient(UniqueNames.Queue());
        await queue.CreateIfNotExistsAsync(Ct);
        await queue.SendMessageAsync("bearer", cancellationToken: Ct);
        var table = account.GetTableClient(UniqueNames.Table());
        await table.CreateIfNotExistsAsync(Ct);
        var result = await table.SubmitTransactionAsync([TableTransactionAction.Add(new TableEntity("p", "r") { ["V"] = 1 })], Ct);

        Assert.Equal(BlobUploadStatus.Created, upload.Status);
        Assert.Equal("bearer", (await container.DownloadAsync("b", Ct)).Content.ToString());
        Assert.Equal("bearer", Assert.Single(await queue.ReceiveMessagesAsync(cancellationToken: Ct)).MessageText);
        Assert.True(result.Succeeded);
        Assert.Equal(1, (await table.GetEntityAsync("p", "r", Ct)).GetInt32("V"));
        Assert.NotEmpty(credential.IssuedTokens);
        Assert.All(credential.RequestedScopes, s => Assert.Equal(StorageConnection.TokenScope, s));
    }

    [Fact]
    public async Task ExpiredToken_Rejected403()
    {
        var account = Account(new AzuriteTokenCredential(TimeProvider.System, lifetime: TimeSpan.FromMinutes(-10)));

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => account.GetTableClient(UniqueNames.Table()).CreateIfNotExistsAsync(Ct));

        Assert.Equal(403, error.Status);
        Assert.Equal("AuthenticationFailed", error.ErrorCode);
    }

    [Fact]
    public async Task WrongAudience_Rejected403()
    {
        var account = Account(new AzuriteTokenCredential(TimeProvider.System, audience: "https://vault.azure.net"));

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => account.GetQueueClient(UniqueNames.Queue()).CreateIfNotExistsAsync(Ct));

        Assert.Equal(403, error.Status);
    }
}
