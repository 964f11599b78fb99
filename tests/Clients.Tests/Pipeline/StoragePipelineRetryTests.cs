using System.Diagnostics;
using Azure;
using Azure.Core;
using MedLedger.Clients.Pipeline;
using MedLedger.Clients.Storage;
using MedLedger.Clients.Tables;
using MedLedger.Testing.Azurite;
using MedLedger.Testing.Faults;

namespace MedLedger.Clients.Tests.Pipeline;

public sealed class StoragePipelineRetryTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private (StorageAccount Account, FaultInjectionTransport Faults) AccountWithFaults(int maxRetries = 5)
    {
        var faults = new FaultInjectionTransport(azurite.Instance.CreateTransport());
        var options = azurite.Instance.CreateOptions();
        options.Retry.Delay = TimeSpan.FromMilliseconds(1);
        options.Retry.MaxDelay = TimeSpan.FromMilliseconds(20);
        options.Retry.MaxRetries = maxRetries;
        options.Transport = faults;
        return (azurite.CreateAccount(options), faults);
    }

    private static SyntheticResponse ServerBusy(Request request, int status = 503, string? retryAfter = null) => new(
        status,
        "Injected",
        retryAfter is null
            ? new Dictionary<string, string> { ["x-ms-error-code"] = "ServerBusy" }
            : new Dictionary<string, string> { ["x-ms-error-code"] = "ServerBusy", ["Retry-After"] = retryAfter },
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>ServerBusy</Code><Message>Injected.\nRequestId:x</Message></Error>");

    [Fact]
    public async Task Send_Injected503Twice_RetriesWithSameClientRequestIdAndSucceeds()
    {
        var (account, faults) = AccountWithFaults();
        var table = account.GetTableClient(UniqueNames.Table());
        await table.CreateIfNotExistsAsync(Ct);
        faults.Respond(2, r => ServerBusy(r), r => r.Method == RequestMethod.Post && !r.Uri.Path.EndsWith("/Tables", StringComparison.Ordinal));

        var etag = await table.AddEntityAsync(new TableEntity("p", "r") { ["V"] = 1 }, Ct);

        var inserts = faults.Attempts.Where(a => a.Method == "POST" && !a.Uri.AbsolutePath.EndsWith("/Tables", StringComparison.Ordinal)).ToList();
        Assert.Equal([true, true, false], inserts.Select(a => a.Injected));
        Assert.Single(inserts.Select(a => a.ClientRequestId).Distinct());
        Assert.Equal(etag, (await table.GetEntityAsync("p", "r", Ct)).ETag);
    }

    [Fact]
    public async Task Send_RetryAfter_WaitsAtLeastThatLong()
    {
        var (account, faults) = AccountWithFaults();
        var queue = account.GetQueueClient(UniqueNames.Queue());
        faults.Respond(1, r => ServerBusy(r, 503, "1"));

        Assert.True(await queue.CreateIfNotExistsAsync(Ct));

        // A lower bound the pipeline must enforce (the configured back-off is 1 ms), not a speed measurement:
        // a slow machine can only make the gap longer. The timer behind Task.Delay ticks in coarse steps and may
        // wake a few milliseconds before the stopwatch says a full second passed, hence the small allowance.
        var attempts = faults.Attempts.ToList();
        Assert.Equal(2, attempts.Count);
        var gap = Stopwatch.GetElapsedTime(attempts[0].Timestamp, attempts[1].Timestamp);
        Assert.True(gap >= TimeSpan.FromMilliseconds(950), $"The retry came {gap.TotalMilliseconds:F0} ms after the 503 with Retry-After: 1.");
    }

    [Theory]
    [InlineData(408)]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public async Task Send_RetriableStatus_IsRetried(int status)
    {
        var (account, faults) = AccountWithFaults();
        var container = account.GetBlobContainerClient(UniqueNames.Container());
        faults.Respond(1, r => ServerBusy(r, status));

        Assert.True(await container.CreateIfNotExistsAsync(Ct));
        Assert.Equal(2, faults.Attempts.Count);
    }

    [Theory]
    [InlineData(501)]
    [InlineData(505)]
    [InlineData(400)]
    [InlineData(403)]
    public async Task Send_NonRetriableStatus_FailsAtOnce(int status)
    {
        var (account, faults) = AccountWithFaults();
        var container = account.GetBlobContainerClient(UniqueNames.Container());
        faults.Respond(1, r => ServerBusy(r, status));

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => container.CreateIfNotExistsAsync(Ct));

        Assert.Equal(status, error.Status);
        Assert.Single(faults.Attempts);
    }

    [Fact]
    public async Task Send_RetriesExhausted_ThrowsLastStatusAndCode()
    {
        var (account, faults) = AccountWithFaults(maxRetries: 2);
        var container = account.GetBlobContainerClient(UniqueNames.Container());
        faults.Respond(10, r => ServerBusy(r));

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => container.CreateIfNotExistsAsync(Ct));

        Assert.Equal(503, error.Status);
        Assert.Equal("ServerBusy", error.ErrorCode);
        Assert.Equal(3, faults.Attempts.Count);
        Assert.Contains($"Creating container '{container.Name}' failed: 503", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_EveryAttempt_CarriesVersionDateAndSignature()
    {
        var (account, faults) = AccountWithFaults();

        await account.GetBlobContainerClient(UniqueNames.Container()).CreateIfNotExistsAsync(Ct);
        await account.GetQueueClient(UniqueNames.Queue()).CreateIfNotExistsAsync(Ct);
        await account.GetTableClient(UniqueNames.Table()).CreateIfNotExistsAsync(Ct);

        var attempts = faults.Attempts.ToList();
        Assert.Equal(3, attempts.Count);
        Assert.Equal(
            [StorageServiceVersions.Blob, StorageServiceVersions.Queue, StorageServiceVersions.Table],
            attempts.Select(a => a.Headers["x-ms-version"]));
        Assert.All(attempts, a =>
        {
            Assert.StartsWith("SharedKey devstoreaccount1:", a.Headers["Authorization"], StringComparison.Ordinal);
            Assert.True(DateTimeOffset.TryParseExact(a.Headers["x-ms-date"], "R", null, System.Globalization.DateTimeStyles.None, out _));
            Assert.True(Guid.TryParse(a.Headers["x-ms-client-request-id"], out _));
        });
    }

    [Fact]
    public async Task Send_ClockFromOptions_StampsXmsDate()
    {
        var faults = new FaultInjectionTransport(azurite.Instance.CreateTransport());
        var options = azurite.Instance.CreateOptions();
        var clock = new MedLedger.Testing.Time.FakeTimeProvider(new DateTimeOffset(2026, 2, 3, 4, 5, 6, TimeSpan.Zero));
        options.TimeProvider = clock;
        options.Transport = faults;
        faults.Respond(1, r => new SyntheticResponse(201, "Created"));

        await azurite.CreateAccount(options).GetQueueClient(UniqueNames.Queue()).CreateIfNotExistsAsync(Ct);

        Assert.Equal("Tue, 03 Feb 2026 04:05:06 GMT", Assert.Single(faults.Attempts).Date);
    }

    [Fact]
    public void StorageAccount_ContentLoggingOn_IsRefused()
    {
        var options = new StorageClientOptions();
        options.Diagnostics.IsLoggingContentEnabled = true;

        var error = Assert.Throws<ArgumentException>(() => new StorageAccount(azurite.Connection, options));

        Assert.Contains("Content logging", error.Message, StringComparison.Ordinal);
    }
}
