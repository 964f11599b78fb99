using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using MedLedger.Clients.Storage;
using MedLedger.Clients.Tables;
using MedLedger.Testing.Azurite;

namespace MedLedger.Clients.Tests.Storage;

public sealed class SharedKeySigningTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Request NewRequest(RequestMethod method, string uri)
    {
        var request = new HttpClientTransport().CreateRequest();
        request.Method = method;
        request.Uri.Reset(new Uri(uri));
        return request;
    }

    [Fact]
    public void BlobStringToSign_MatchesTheDocumentedLayout()
    {
        // Layout from "Authorize with Shared Key" (version 2009-09-19 and later), written out by hand.
        var request = NewRequest(RequestMethod.Put, "http://127.0.0.1:10000/devstoreaccount1/records/a%20b.bin?comp=metadata&Timeout=30");
        request.Headers.SetValue("Content-Type", "application/octet-stream");
        request.Headers.SetValue("If-Match", "\"0x8D\"");
        request.Headers.SetValue("x-ms-version", "2025-11-05");
        request.Headers.SetValue("x-ms-date", "Tue, 06 Jan 2026 10:00:00 GMT");
        request.Headers.SetValue("x-ms-meta-Zeta", "  two   spaces ");
        request.Headers.SetValue("x-ms-meta-alpha", "1");
        request.Content = RequestContent.Create(new byte[] { 1, 2, 3 });

        var actual = SharedKeyAuthenticationPolicy.BuildStringToSign(request, "devstoreaccount1");

        var expected = "PUT\n\n\n3\n\napplication/octet-stream\n\n\n\"0x8D\"\n\n\n\n"
            + "x-ms-date:Tue, 06 Jan 2026 10:00:00 GMT\nx-ms-meta-alpha:1\nx-ms-meta-zeta:two spaces\nx-ms-version:2025-11-05\n"
            + "/devstoreaccount1/devstoreaccount1/records/a%20b.bin\ncomp:metadata\ntimeout:30";
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void BlobStringToSign_EmptyBody_SignsEmptyContentLength()
    {
        var request = NewRequest(RequestMethod.Delete, "https://acct.queue.core.windows.net/q/messages/id?popreceipt=a%2Fb%3D%3D");
        request.Headers.SetValue("x-ms-date", "Tue, 06 Jan 2026 10:00:00 GMT");

        var actual = SharedKeyAuthenticationPolicy.BuildStringToSign(request, "acct");

        Assert.Equal("DELETE\n\n\n\n\n\n\n\n\n\n\n\nx-ms-date:Tue, 06 Jan 2026 10:00:00 GMT\n/acct/q/messages/id\npopreceipt:a/b==", actual);
    }

    [Fact]
    public void TableStringToSign_MatchesTheDocumentedLayout()
    {
        var request = NewRequest(RequestMethod.Put, "https://acct.table.core.windows.net/Audit(PartitionKey='p1',RowKey='r%271')?$filter=x&comp=acl");
        request.Headers.SetValue("Content-Type", "application/json");
        request.Headers.SetValue("x-ms-date", "Tue, 06 Jan 2026 10:00:00 GMT");

        var actual = TableSharedKeyAuthenticationPolicy.BuildStringToSign(request, "acct");

        Assert.Equal("PUT\n\napplication/json\nTue, 06 Jan 2026 10:00:00 GMT\n/acct/Audit(PartitionKey='p1',RowKey='r%271')?comp=acl", actual);
    }

    [Fact]
    public void Sign_IsBase64HmacSha256OfUtf8WithDecodedKey()
    {
        var key = RandomNumberGenerator.GetBytes(64);
        var credential = new StorageSharedKeyCredential("acct", Convert.ToBase64String(key));

        var signature = credential.Sign("GET\nÄ\n");

        // Naive reference: the same HMAC through the incremental API.
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        hmac.AppendData(Encoding.UTF8.GetBytes("GET\n"));
        hmac.AppendData(Encoding.UTF8.GetBytes("Ä\n"));
        Assert.Equal(Convert.ToBase64String(hmac.GetHashAndReset()), signature);
    }

    [Fact]
    public async Task WrongAccountKey_EveryService_Rejected403AuthenticationFailed()
    {
        var wrongKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));
        var connection = new StorageConnection(
            new StorageSharedKeyCredential(DevelopmentStorage.AccountName, wrongKey),
            azurite.Instance.BlobEndpoint, azurite.Instance.QueueEndpoint, azurite.Instance.TableEndpoint);
        var account = new StorageAccount(connection, azurite.Instance.CreateOptions());

        var errors = new[]
        {
            await Assert.ThrowsAsync<RequestFailedException>(() => account.GetBlobContainerClient(UniqueNames.Container()).CreateIfNotExistsAsync(Ct)),
            await Assert.ThrowsAsync<RequestFailedException>(() => account.GetQueueClient(UniqueNames.Queue()).CreateIfNotExistsAsync(Ct)),
            await Assert.ThrowsAsync<RequestFailedException>(() => account.GetTableClient(UniqueNames.Table()).CreateIfNotExistsAsync(Ct)),
            await Assert.ThrowsAsync<RequestFailedException>(() => account.GetTableClient("sometable").AddEntityAsync(new TableEntity("p", "r"), Ct)),
        };

        Assert.All(errors, e =>
        {
            Assert.Equal(403, e.Status);
            // Azure says AuthenticationFailed; Azurite's Blob and Table services say AuthorizationFailure.
            Assert.Contains(e.ErrorCode, new[] { "AuthenticationFailed", "AuthorizationFailure" });
            Assert.DoesNotContain(wrongKey[..16], e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("SharedKey ", e.Message, StringComparison.Ordinal);
        });
    }
}
