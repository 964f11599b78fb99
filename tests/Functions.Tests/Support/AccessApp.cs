using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using MedLedger.Access.Identity;
using MedLedger.Access.LedgerEvents;
using MedLedger.Access.Webhooks;
using MedLedger.Functions.Patients;
using MedLedger.Ledger.Entries;
using MedLedger.Testing.Azurite;
using MedLedger.Testing.Time;
using Microsoft.Extensions.DependencyInjection;

namespace MedLedger.Functions.Tests.Support;

/// <summary>
/// The whole app against Azurite for the access tests: the demo directory, one insurer (<c>insurer-x</c>) with a webhook
/// secret, a fake clock (break-glass expiry, webhook timestamps), and the Functions host played by the test (no local host).
/// </summary>
public sealed class AccessApp : IAsyncDisposable
{
    /// <summary>insurer-x's current webhook secret.</summary>
    public static readonly WebhookSecret InsurerSecret = WebhookSecret.Parse("whsec_" + Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()));

    /// <summary>insurer-x's previous webhook secret (a rotation is under way).</summary>
    public static readonly WebhookSecret PreviousInsurerSecret = WebhookSecret.Parse("whsec_" + Convert.ToBase64String(Enumerable.Range(101, 32).Select(i => (byte)i).ToArray()));

    private readonly Dictionary<string, HttpClient> _clients = new(StringComparer.Ordinal);
    private int _webhooks;

    public AccessApp(AzuriteFixture azurite, Action<LedgerAppOptions>? configure = null)
    {
        // Whole seconds, so webhook timestamps (Unix seconds) compare exactly with the clock.
        Clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
        var options = new LedgerAppOptions { LocalHost = false, ConfigureServices = services => services.AddSingleton<TimeProvider>(Clock) };
        options.Settings["MedLedger:Insurers:0:Id"] = "insurer-x";
        options.Settings["MedLedger:Insurers:0:Secret"] = InsurerSecret.Export();
        options.Settings["MedLedger:Insurers:0:PreviousSecret"] = PreviousInsurerSecret.Export();
        configure?.Invoke(options);
        Factory = new LedgerAppFactory(azurite, options);
    }

    public LedgerAppFactory Factory { get; }

    public FakeTimeProvider Clock { get; }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>A client acting as <paramref name="userKey"/> (null: anonymous), one per user.</summary>
    public HttpClient As(string? userKey)
    {
        var key = userKey ?? string.Empty;
        if (!_clients.TryGetValue(key, out var client))
        {
            client = Factory.CreateClientAs(userKey);
            _clients[key] = client;
        }

        return client;
    }

    /// <summary>Submits a record as <paramref name="clinician"/> and appends it (plays the queue trigger); returns its id and event id.</summary>
    public async Task<(string RecordId, string EventId)> SubmitAsync(string patientId = "p-1", string category = "general", string clinician = "dr-ada", string? serviceDate = null)
    {
        var body = RecordRequests.JsonBody(patientId: patientId, category: category);
        if (serviceDate is not null)
        {
            body = body[..^1] + $",\"serviceDate\":\"{serviceDate}\"}}";
        }

        var (recordId, eventId, _) = await RecordRequests.AcceptedAsync(await As(clinician).SendAsync(RecordRequests.Post(body), Token));
        Assert.All(await Factory.DeliverQueuedAsync(), outcome => Assert.True(outcome.Succeeded));
        return (recordId, eventId);
    }

    /// <summary>Reads a record as <paramref name="userKey"/>, optionally stating a purpose and a break-glass reason.</summary>
    public async Task<HttpResponseMessage> ReadAsync(string userKey, string patientId, string recordId, string? purpose = null, string? breakGlassReason = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/patients/{patientId}/records/{recordId}");
        if (purpose is not null)
        {
            request.Headers.Add("X-MedLedger-Purpose", purpose);
        }

        if (breakGlassReason is not null)
        {
            request.Headers.Add("X-MedLedger-Break-Glass-Reason", breakGlassReason);
        }

        return await As(userKey).SendAsync(request, Token);
    }

    /// <summary>Grants a consent as <paramref name="userKey"/>; returns the response.</summary>
    public Task<HttpResponseMessage> PostConsentAsync(string userKey, string patientId, string body, string contentType = "application/json") =>
        As(userKey).PostAsync($"/api/patients/{patientId}/consents", new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue(contentType)), Token);

    /// <summary>Grants a consent as the patient pat-1 to p-1's records and returns its id.</summary>
    public async Task<string> GrantByPatientAsync(string grantee, string actions = "\"access\"", string purposes = "\"TREAT\"", string categories = "\"general\"", int days = 30)
    {
        var response = await PostConsentAsync("pat-1", "p-1", ConsentBody(grantee, actions, purposes, categories, days));
        var text = await response.Content.ReadAsStringAsync(Token);
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        return JsonDocument.Parse(text).RootElement.GetProperty("consentId").GetString()!;
    }

    /// <summary>A consent request body valid from an hour ago for <paramref name="days"/> days.</summary>
    public string ConsentBody(string grantee, string actions = "\"access\"", string purposes = "\"TREAT\"", string categories = "\"general\"", int days = 30)
    {
        var start = Clock.GetUtcNow().AddHours(-1);
        static string Instant(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'", CultureInfo.InvariantCulture);
        return $$$"""{"grantee":"{{{grantee}}}","actions":[{{{actions}}}],"purposes":[{{{purposes}}}],"categories":[{{{categories}}}],"period":{"start":"{{{Instant(start)}}}","end":"{{{Instant(start.AddDays(days))}}}"}}""";
    }

    /// <summary>Revokes a consent as <paramref name="userKey"/>.</summary>
    public Task<HttpResponseMessage> RevokeAsync(string consentId, string userKey = "pat-1", string patientId = "p-1") =>
        As(userKey).DeleteAsync($"/api/patients/{patientId}/consents/{consentId}", Token);

    /// <summary>Reads the ledger entry of <paramref name="eventId"/> straight from the store.</summary>
    public async Task<LedgerEntry> EntryAsync(string eventId)
    {
        foreach (var log in Factory.Ledger.All)
        {
            if (await log.Store.FindEventAsync(eventId, Token) is { } location)
            {
                await foreach (var stored in log.Store.ReadEntriesAsync(location.Index, location.Index + 1, Token))
                {
                    var parsed = LedgerEntry.Parse(stored.Bytes.Span);
                    Assert.True(parsed.IsSuccess);
                    return parsed.Entry;
                }
            }
        }

        throw new Xunit.Sdk.XunitException($"Event {eventId} is not in any log.");
    }

    /// <summary>The decision entry a response names (<c>X-MedLedger-Decision-Event</c>).</summary>
    public async Task<LedgerEntry> DecisionEntryAsync(HttpResponseMessage response) =>
        await EntryAsync(Assert.Single(response.Headers.GetValues("X-MedLedger-Decision-Event")));

    /// <summary>Every entry of a patient's subject, in log order.</summary>
    public async Task<List<LedgerEntry>> PatientEntriesAsync(string patientId)
    {
        var subject = Factory.Services.GetRequiredService<PatientPseudonymizer>().Pseudonymize(patientId);
        var entries = new List<LedgerEntry>();
        foreach (var log in Factory.Ledger.All)
        {
            entries.AddRange(await Infrastructure.Access.SubjectEntries.ReadAsync(log.Store, subject, 0, Token).ToListAsync(Token));
        }

        return entries;
    }

    /// <summary>The total number of entries in every log.</summary>
    public async Task<long> LedgerSizeAsync()
    {
        long size = 0;
        foreach (var log in Factory.Ledger.All)
        {
            size += (await log.Store.ReadHeadAsync(Token)).Size;
        }

        return size;
    }

    /// <summary>A signed claim webhook; every part can be spoiled by the test.</summary>
    public HttpRequestMessage Claim(
        string body, WebhookSecret? secret = null, string? webhookId = null, long? timestamp = null, string insurer = "insurer-x", string? signedBody = null)
    {
        webhookId ??= $"msg_{Interlocked.Increment(ref _webhooks)}_{Guid.NewGuid():N}";
        var ts = (timestamp ?? Clock.GetUtcNow().ToUnixTimeSeconds()).ToString(CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/claims/verify")
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(WebhookHeaders.Insurer, insurer);
        request.Headers.Add(WebhookHeaders.Id, webhookId);
        request.Headers.Add(WebhookHeaders.Timestamp, ts);
        request.Headers.Add(WebhookHeaders.Signature, WebhookSigner.Sign(secret ?? InsurerSecret, webhookId, ts, Encoding.UTF8.GetBytes(signedBody ?? body)));
        return request;
    }

    /// <summary>A claim body for <paramref name="recordId"/> of p-1.</summary>
    public static string ClaimBody(string recordId, string patientId = "p-1", string serviceDate = "2026-03-02", string? recordHash = null) =>
        recordHash is null
            ? $$"""{"claimId":"c-77","patientId":"{{patientId}}","recordId":"{{recordId}}","serviceDate":"{{serviceDate}}","purpose":"HPAYMT"}"""
            : $$"""{"claimId":"c-77","patientId":"{{patientId}}","recordId":"{{recordId}}","recordHash":"{{recordHash}}","serviceDate":"{{serviceDate}}","purpose":"HPAYMT"}""";

    /// <summary>Sends a claim anonymously (webhooks carry no Easy Auth principal).</summary>
    public Task<HttpResponseMessage> SendClaimAsync(HttpRequestMessage request) => As(null).SendAsync(request, Token);

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }

        await Factory.DisposeAsync();
    }
}
