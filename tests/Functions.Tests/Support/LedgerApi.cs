using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using MedLedger.Ledger.Checkpoints;
using MedLedger.Ledger.Receipts;

namespace MedLedger.Functions.Tests.Support;

/// <summary>Reads the ledger endpoints the way a client would.</summary>
public static class LedgerApi
{
    public const string Origin = "localhost/medledger";

    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    /// <summary>Reads <c>GET /api/ledger/events/{eventId}</c> (200 expected).</summary>
    public static async Task<EventView> GetEventAsync(HttpClient client, string eventId)
    {
        var response = await client.GetAsync($"/api/ledger/events/{eventId}", TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET event: {(int)response.StatusCode} {Encoding.UTF8.GetString(body)}");
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        var receipt = root.GetProperty("receipt");
        return new EventView(
            root.GetProperty("eventId").GetString()!,
            root.GetProperty("status").GetString()!,
            root.GetProperty("log").GetString()!,
            root.GetProperty("index").ValueKind == JsonValueKind.Null ? null : root.GetProperty("index").GetInt64(),
            // The exact bytes of the receipt as served: GetRawText returns the original slice of the body.
            receipt.ValueKind == JsonValueKind.Null ? null : Encoding.UTF8.GetBytes(receipt.GetRawText()));
    }

    /// <summary>Polls the event until it has a receipt (the local host appends and checkpoints in the background).</summary>
    public static async Task<byte[]> WaitForReceiptAsync(HttpClient client, string eventId, Func<Task>? step = null)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var view = await GetEventAsync(client, eventId);
            if (view.Receipt is { } receipt)
            {
                return receipt;
            }

            if (watch.Elapsed > Limit)
            {
                throw new TimeoutException($"Event {eventId} has no receipt after {Limit}: status {view.Status}.");
            }

            if (step is not null)
            {
                await step();
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Fetches the public key from the API: the only thing an offline verifier needs.</summary>
    public static async Task<CheckpointVerifierKey> PublicKeyAsync(HttpClient client, string logName = Origin)
    {
        var pem = await client.GetStringAsync("/api/ledger/public-key", TestContext.Current.CancellationToken);
        return CheckpointVerifierKey.FromPublicKeyPem(logName, pem);
    }

    /// <summary>Verifies a receipt offline with only <paramref name="key"/>; fails the test when it does not verify.</summary>
    public static ReceiptVerificationResult Verify(byte[] receipt, CheckpointVerifierKey key, string logName = Origin)
    {
        var result = ReceiptVerifier.Verify(receipt, [key], logName);
        Assert.True(result.IsValid, result.ToString());
        return result;
    }
}

/// <summary>The body of <c>GET /api/ledger/events/{eventId}</c>.</summary>
public sealed record EventView(string EventId, string Status, string Log, long? Index, byte[]? Receipt);
