using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Text;
using Azure;
using Azure.Core.Diagnostics;
using MedLedger.Clients.Blobs;
using MedLedger.Clients.Storage;
using MedLedger.Clients.Tables;
using MedLedger.Testing.Azurite;

namespace MedLedger.Clients.Tests.Pipeline;

/// <summary>Proves with real calls that Azure.Core's logs (EventSource "Azure-Core", verbose) never carry the account
/// key, a SharedKey signature, a bearer token, or a payload.</summary>
public sealed class StorageLoggingTests(AzuriteFixture http, AzuriteOAuthFixture https) : IClassFixture<AzuriteOAuthFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task VerboseLogs_RealCallsWithKeyAndToken_NeverContainSecretsOrPayloads()
    {
        var events = new ConcurrentQueue<string>();
        var marker = "PHI-" + Guid.NewGuid().ToString("N");
        var credential = new AzuriteTokenCredential(TimeProvider.System);
        var signatures = new ConcurrentQueue<string>();

        using (new AzureEventSourceListener((e, message) => events.Enqueue(Describe(e, message)), EventLevel.Verbose))
        {
            var keyAccount = http.CreateAccount();
            await ExerciseAsync(keyAccount, marker);
            var tokenAccount = new StorageAccount(
                new StorageConnection(credential, https.Instance.BlobEndpoint, https.Instance.QueueEndpoint, https.Instance.TableEndpoint),
                https.Instance.CreateOptions());
            await ExerciseAsync(tokenAccount, marker);

            // A failing call too: error responses are logged as well.
            await Assert.ThrowsAsync<RequestFailedException>(() => keyAccount.GetTableClient(UniqueNames.Table()).AddEntityAsync(new TableEntity("p", "r") { ["Note"] = marker }, Ct));
        }

        var log = string.Join("\n", events);
        Assert.Contains("x-ms-client-request-id", log, StringComparison.Ordinal);
        Assert.Contains("REDACTED", log, StringComparison.Ordinal);
        Assert.Contains("Authorization", log, StringComparison.Ordinal);
        Assert.NotEmpty(credential.IssuedTokens);

        var secrets = new List<string> { DevelopmentStorage.AccountKey, "SharedKey devstoreaccount1:", "Bearer ey" };
        secrets.AddRange(credential.IssuedTokens);
        secrets.AddRange(credential.IssuedTokens.Select(t => t.Split('.')[2]));
        var payloads = new[]
        {
            marker,
            Convert.ToBase64String(Encoding.UTF8.GetBytes(marker)),
            Convert.ToBase64String(Encoding.UTF8.GetBytes("queue " + marker)),
        };
        foreach (var forbidden in secrets.Concat(payloads))
        {
            Assert.DoesNotContain(forbidden, log, StringComparison.Ordinal);
        }
    }

    private static async Task ExerciseAsync(StorageAccount account, string marker)
    {
        var container = account.GetBlobContainerClient(UniqueNames.Container());
        await container.CreateIfNotExistsAsync(Ct);
        await container.UploadIfNotExistsAsync("record", BinaryData.FromString(marker), new BlobUploadOptions { ContentType = "text/plain" }, Ct);
        Assert.Equal(marker, (await container.DownloadAsync("record", Ct)).Content.ToString());

        var queue = account.GetQueueClient(UniqueNames.Queue());
        await queue.CreateIfNotExistsAsync(Ct);
        await queue.SendMessageAsync("queue " + marker, cancellationToken: Ct);
        var message = Assert.Single(await queue.ReceiveMessagesAsync(cancellationToken: Ct));
        await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, Ct);

        var table = account.GetTableClient(UniqueNames.Table());
        await table.CreateIfNotExistsAsync(Ct);
        await table.AddEntityAsync(new TableEntity("p", "r") { ["Note"] = marker }, Ct);
        await table.SubmitTransactionAsync([TableTransactionAction.UpsertMerge(new TableEntity("p", "r2") { ["Note"] = marker })], Ct);
        Assert.Equal(marker, (await table.GetEntityAsync("p", "r", Ct)).GetString("Note"));
        Assert.Single(await table.QueryAsync(new TableQuery { Filter = TableFilter.Create($"Note eq {marker} and RowKey eq {"r"}") }, Ct).ToListAsync(Ct));
    }

    private static string Describe(EventWrittenEventArgs e, string message) =>
        message + " | " + string.Join(" | ", e.Payload?.Select(p => p switch
        {
            byte[] bytes => Encoding.UTF8.GetString(bytes),
            _ => Convert.ToString(p, System.Globalization.CultureInfo.InvariantCulture),
        }) ?? []);
}
