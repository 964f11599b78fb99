using Azure.Core;
using Azure.Identity;
using MedLedger.Clients.Storage;

namespace MedLedger.Clients.Tests.Storage;

public sealed class StorageConnectionTests
{
    private const string Key = "c2VjcmV0LWtleS1ieXRlcy10aGF0LW11c3QtbmV2ZXItbGVhaw==";

    [Fact]
    public void FromConnectionString_UseDevelopmentStorage_ExpandsToAzuriteDefaults()
    {
        var connection = StorageConnection.FromConnectionString("UseDevelopmentStorage=true");

        Assert.Equal(DevelopmentStorage.AccountName, connection.AccountName);
        Assert.Equal(new Uri("http://127.0.0.1:10000/devstoreaccount1"), connection.BlobEndpoint);
        Assert.Equal(new Uri("http://127.0.0.1:10001/devstoreaccount1"), connection.QueueEndpoint);
        Assert.Equal(new Uri("http://127.0.0.1:10002/devstoreaccount1"), connection.TableEndpoint);
        Assert.NotNull(connection.SharedKey);
        Assert.Null(connection.TokenCredential);
    }

    [Fact]
    public void FromConnectionString_AccountAndSuffix_DerivesEndpoints()
    {
        var connection = StorageConnection.FromConnectionString($"DefaultEndpointsProtocol=https;AccountName=medledger;AccountKey={Key};EndpointSuffix=core.usgovcloudapi.net");

        Assert.Equal(new Uri("https://medledger.blob.core.usgovcloudapi.net"), connection.BlobEndpoint);
        Assert.Equal(new Uri("https://medledger.queue.core.usgovcloudapi.net"), connection.QueueEndpoint);
        Assert.Equal(new Uri("https://medledger.table.core.usgovcloudapi.net"), connection.TableEndpoint);
    }

    [Fact]
    public void FromConnectionString_DefaultsToHttpsAndCoreWindowsNet()
    {
        var connection = StorageConnection.FromConnectionString($"AccountName=medledger;AccountKey={Key}");

        Assert.Equal(new Uri("https://medledger.table.core.windows.net"), connection.TableEndpoint);
    }

    [Fact]
    public void FromConnectionString_ExplicitEndpoints_WinAndTrailingSlashDropped()
    {
        var connection = StorageConnection.FromConnectionString(
            $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={Key};BlobEndpoint=http://127.0.0.1:5/devstoreaccount1/;TableEndpoint=http://127.0.0.1:7/devstoreaccount1;");

        Assert.Equal("http://127.0.0.1:5/devstoreaccount1", connection.BlobEndpoint!.AbsoluteUri);
        Assert.Equal(new Uri("http://devstoreaccount1.queue.core.windows.net"), connection.QueueEndpoint);
        Assert.Equal(new Uri("http://127.0.0.1:7/devstoreaccount1"), connection.TableEndpoint);
    }

    [Fact]
    public void FromConnectionString_NamesAreCaseInsensitive()
    {
        var connection = StorageConnection.FromConnectionString($"accountname=medledger;ACCOUNTKEY={Key}");

        Assert.Equal("medledger", connection.AccountName);
    }

    [Theory]
    [InlineData("AccountName=medledger", "'AccountKey' is missing")]
    [InlineData("AccountKey=" + Key, "'AccountName' is missing")]
    [InlineData("AccountName=medledger;AccountKey=" + Key + ";AccountName=other", "'AccountName' appears more than once")]
    [InlineData("AccountName=medledger;AccountKey=" + Key + ";DefaultEndpointsProtocol=ftp", "'DefaultEndpointsProtocol' must be")]
    [InlineData("AccountName=medledger;AccountKey=" + Key + ";BlobEndpoint=not a uri", "'BlobEndpoint' must be an absolute")]
    [InlineData("AccountName=medledger;AccountKey=" + Key + ";BlobEndpoint=https://x.blob.core.windows.net?sv=2020&sig=abc", "must not contain a query")]
    [InlineData("AccountName=medledger;AccountKey=" + Key + ";SharedAccessSignature=sv=1", "'SharedAccessSignature'")]
    [InlineData("UseDevelopmentStorage=true;AccountName=x", "cannot be combined with 'AccountName'")]
    [InlineData("UseDevelopmentStorage=false", "must be 'true'")]
    [InlineData("AccountName=medledger;AccountKey=" + Key + ";Bogus=1", "segment 3 is not a known setting")]
    [InlineData("AccountName=medledger;" + Key, "segment 2 is not a known setting")]
    [InlineData("AccountName=medledger;justtext", "segment 2 is not of the form Name=value")]
    [InlineData("   ", "is empty")]
    public void FromConnectionString_Invalid_ThrowsNamingTheSetting(string connectionString, string expected)
    {
        var error = Assert.Throws<StorageConnectionException>(() => StorageConnection.FromConnectionString(connectionString));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AccountName=medledger;AccountKey=not*base64!")]
    [InlineData("AccountName=medledger;AccountKey=" + Key + ";Bogus" + Key)]
    [InlineData("AccountName=medledger;AccountKey=" + Key + ";" + Key + "=")]
    [InlineData("AccountName=medledger;AccountKey=" + Key + ";AccountKey=" + Key)]
    public void FromConnectionString_Errors_NeverEchoTheKey(string connectionString)
    {
        var error = Assert.Throws<StorageConnectionException>(() => StorageConnection.FromConnectionString(connectionString));

        Assert.DoesNotContain("not*base64", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Key[..12], error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Connection_ToString_NeverShowsTheKey()
    {
        var connection = StorageConnection.FromConnectionString($"AccountName=medledger;AccountKey={Key}");

        Assert.DoesNotContain(Key[..12], connection.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Key[..12], connection.SharedKey!.ToString(), StringComparison.Ordinal);
        Assert.Contains("medledger", connection.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void FromSettings_ConnectionString_IsParsed()
    {
        var connection = StorageConnection.FromSettings("AzureWebJobsStorage", Settings(("AzureWebJobsStorage", "UseDevelopmentStorage=true")));

        Assert.Equal(DevelopmentStorage.TableEndpoint, connection.TableEndpoint);
    }

    [Fact]
    public void FromSettings_AccountName_DerivesHttpsEndpointsWithDefaultCredential()
    {
        var connection = StorageConnection.FromSettings("AzureWebJobsStorage", Settings(("AzureWebJobsStorage__accountName", "medledger")));

        Assert.Equal(new Uri("https://medledger.blob.core.windows.net"), connection.BlobEndpoint);
        Assert.Equal(new Uri("https://medledger.queue.core.windows.net"), connection.QueueEndpoint);
        Assert.Equal(new Uri("https://medledger.table.core.windows.net"), connection.TableEndpoint);
        Assert.IsType<DefaultAzureCredential>(connection.TokenCredential);
        Assert.Null(connection.SharedKey);
    }

    [Fact]
    public void FromSettings_ManagedIdentityWithClientId_UsesManagedIdentityCredential()
    {
        var connection = StorageConnection.FromSettings("Store", Settings(
            ("Store__blobServiceUri", "https://medledger.blob.core.windows.net/"),
            ("Store__queueServiceUri", "https://medledger.queue.core.windows.net"),
            ("Store__credential", "managedidentity"),
            ("Store__clientId", "00000000-0000-0000-0000-000000000001")));

        Assert.IsType<ManagedIdentityCredential>(connection.TokenCredential);
        Assert.Equal(new Uri("https://medledger.blob.core.windows.net"), connection.BlobEndpoint);
        Assert.Null(connection.TableEndpoint);
    }

    [Fact]
    public void FromSettings_ServiceUriWinsOverAccountName()
    {
        var connection = StorageConnection.FromSettings("S", Settings(
            ("S__accountName", "medledger"), ("S__tableServiceUri", "https://tables.example.org/medledger")));

        Assert.Equal(new Uri("https://tables.example.org/medledger"), connection.TableEndpoint);
        Assert.Equal(new Uri("https://medledger.blob.core.windows.net"), connection.BlobEndpoint);
    }

    [Fact]
    public void FromSettings_MissingServiceEndpoint_ClientRequestNamesTheSetting()
    {
        var connection = StorageConnection.FromSettings("S", Settings(("S__blobServiceUri", "https://medledger.blob.core.windows.net")));
        var account = new StorageAccount(connection);

        var error = Assert.Throws<StorageConnectionException>(() => account.GetTableClient("ledger"));

        Assert.Contains("__tableServiceUri", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("S__credential", "managedidentity", "names a credential but no account")]
    [InlineData("S__accountName", "Not-Valid", "3-24 lowercase letters and digits")]
    [InlineData("S__blobServiceUri", "http://medledger.blob.core.windows.net", "must be an https URI")]
    [InlineData("S__blobServiceUri", "relative/path", "must be an absolute")]
    public void FromSettings_Invalid_ThrowsNamingTheSetting(string name, string value, string expected)
    {
        var error = Assert.Throws<StorageConnectionException>(() => StorageConnection.FromSettings("S", Settings((name, value))));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromSettings_UnknownCredentialKind_Throws()
    {
        var error = Assert.Throws<StorageConnectionException>(() => StorageConnection.FromSettings("S", Settings(
            ("S__accountName", "medledger"), ("S__credential", "clientsecret"))));

        Assert.Contains("'S__credential' must be 'managedidentity'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromSettings_ClientIdAndResourceId_AreContradictory()
    {
        var error = Assert.Throws<StorageConnectionException>(() => StorageConnection.FromSettings("S", Settings(
            ("S__accountName", "medledger"), ("S__credential", "managedidentity"), ("S__clientId", "id"),
            ("S__managedIdentityResourceId", "/subscriptions/x/resourceGroups/y/providers/Microsoft.ManagedIdentity/userAssignedIdentities/z"))));

        Assert.Contains("set only one", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromSettings_ConnectionStringAndIdentitySettings_AreContradictory()
    {
        var error = Assert.Throws<StorageConnectionException>(() => StorageConnection.FromSettings("S", Settings(
            ("S", $"AccountName=medledger;AccountKey={Key}"), ("S__accountName", "medledger"))));

        Assert.Contains("both a connection string and identity-based settings ('S__accountName')", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Key[..12], error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromSettings_NothingConfigured_SaysWhatToSet()
    {
        var error = Assert.Throws<StorageConnectionException>(() => StorageConnection.FromSettings("AzureWebJobsStorage", _ => null));

        Assert.Contains("'AzureWebJobsStorage' is not configured", error.Message, StringComparison.Ordinal);
        Assert.Contains("'AzureWebJobsStorage__accountName'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromSettings_BlankValues_CountAsAbsent()
    {
        var connection = StorageConnection.FromSettings("S", Settings(("S", "  "), ("S__clientId", ""), ("S__accountName", "medledger")));

        Assert.IsType<DefaultAzureCredential>(connection.TokenCredential);
    }

    [Fact]
    public void TokenConnection_HttpEndpoint_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => new StorageConnection(
            new DefaultAzureCredential(), new Uri("http://127.0.0.1:10000/devstoreaccount1"), null, null));
    }

    [Fact]
    public void SharedKeyCredential_InvalidKey_ThrowsWithoutEchoingIt()
    {
        var error = Assert.Throws<ArgumentException>(() => new StorageSharedKeyCredential("acct", "secret!!value"));

        Assert.DoesNotContain("secret!!value", error.Message, StringComparison.Ordinal);
    }

    private static Func<string, string?> Settings(params (string Name, string Value)[] values)
    {
        var map = values.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);
        return name => map.GetValueOrDefault(name);
    }
}
