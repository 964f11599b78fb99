using System.Net;
using System.Text;
using System.Text.Json;
using MedLedger.Functions.Http;
using MedLedger.Functions.Tests.Support;
using MedLedger.Testing.Azurite;

namespace MedLedger.Functions.Tests.Access;

/// <summary><c>GET /api/patients/{patientId}/access-log</c>: built from the ledger, exactly the events that happened, each
/// with its ledger index and a receipt that proves it; paginated; exported as FHIR AuditEvent.</summary>
public sealed class AccessLogTests(AzuriteFixture azurite) : AccessAppTests(azurite)
{
    private async Task<JsonElement> LogAsync(string userKey, string query = "")
    {
        var response = await App.As(userKey).GetAsync($"/api/patients/p-1/access-log{query}", Token);
        var text = await response.Content.ReadAsStringAsync(Token);
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static List<string> Describe(JsonElement log) =>
        [.. log.GetProperty("lines").EnumerateArray().Select(l =>
            $"{l.GetProperty("event").GetString()} {l.GetProperty("actor").GetProperty("userKey").GetString()} {l.GetProperty("decision").GetString()}"
            + (l.GetProperty("reason").ValueKind == JsonValueKind.String ? " " + l.GetProperty("reason").GetString() : string.Empty))];

    [Fact]
    public async Task AccessLog_ListsExactlyWhatHappened_WithIndexesAndReceiptsThatProveEachLine()
    {
        var (recordId, _) = await App.SubmitAsync();
        await App.ReadAsync("dr-ada", "p-1", recordId);
        await App.ReadAsync("dr-bo", "p-1", recordId);
        var consentId = await App.GrantByPatientAsync("clinic-b");
        await App.ReadAsync("dr-bo", "p-1", recordId);
        await App.ReadAsync("ins-1", "p-1", recordId);
        await App.RevokeAsync(consentId);
        await App.As("aud-1").GetAsync("/api/patients/p-1/consents", Token);
        await App.ReadAsync("dr-bo", "p-2", recordId); // another patient's log

        var log = await LogAsync("pat-1");

        Assert.Equal(
            [
                "record-created dr-ada permit", "record-read dr-ada permit submitting-organization-treatment", "record-read dr-bo deny no-matching-consent",
                "consent-granted pat-1 permit", "record-read dr-bo permit consent-granted", "record-read ins-1 deny no-matching-consent",
                "consent-revoked pat-1 permit", "operation-decision aud-1 permit", "operation-decision pat-1 permit",
            ],
            Describe(log));
        var key = await LedgerApi.PublicKeyAsync(App.As("pat-1"));
        await App.Factory.CheckpointAsync();
        foreach (var line in log.GetProperty("lines").EnumerateArray())
        {
            var receipt = await LedgerApi.GetEventAsync(App.As("pat-1"), line.GetProperty("receipt").GetString()!.Split('/')[^1]);
            var entry = LedgerApi.Verify(receipt.Receipt!, key).Entry!;
            Assert.Equal(line.GetProperty("ledgerIndex").GetInt64(), entry.Sequence);
            Assert.Equal(line.GetProperty("leafHash").GetString(), entry.LeafHash.ToBase64());
        }

        Assert.DoesNotContain("p-1", Encoding.UTF8.GetString((await App.PatientEntriesAsync("p-1")).SelectMany(e => e.Bytes.ToArray()).ToArray()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AccessLog_Pages_FollowTheNextLinkWithoutRepeatsOrGaps()
    {
        var (recordId, _) = await App.SubmitAsync();
        for (var i = 0; i < 6; i++)
        {
            await App.ReadAsync("dr-ada", "p-1", recordId);
        }

        var all = await LogAsync("aud-1", "?limit=500");
        var seen = new List<long>();
        string? next = "/api/patients/p-1/access-log?limit=3";
        while (next is not null)
        {
            var response = await App.As("aud-1").GetAsync(next, Token);
            var page = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token)).RootElement;
            var lines = page.GetProperty("lines").EnumerateArray().ToList();
            Assert.True(lines.Count <= 3);
            seen.AddRange(lines.Select(l => l.GetProperty("ledgerIndex").GetInt64()));
            next = page.GetProperty("next").ValueKind == JsonValueKind.String ? page.GetProperty("next").GetString() : null;
            if (next is not null)
            {
                Assert.Contains(next, Assert.Single(response.Headers.GetValues("Link")), StringComparison.Ordinal);
            }
        }

        // Each page read is itself logged: the first listing saw 7 lines and 1 decision; the pages see those and more.
        var expected = all.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("ledgerIndex").GetInt64()).ToList();
        Assert.Equal(expected, seen.Take(expected.Count));
        Assert.Equal(seen.Distinct().Count(), seen.Count);
        Assert.Equal(seen.Order(), seen);
    }

    [Theory]
    [InlineData("?limit=0")]
    [InlineData("?limit=501")]
    [InlineData("?from=-1")]
    [InlineData("?from=x")]
    [InlineData("?format=xml")]
    public async Task AccessLog_BadParameters_Are400(string query)
    {
        var response = await App.As("pat-1").GetAsync($"/api/patients/p-1/access-log{query}", Token);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, ErrorCodes.InvalidParameter);
    }

    [Fact]
    public async Task AccessLog_FhirExport_IsABundleOfAuditEventsForTheSameLines()
    {
        var (recordId, _) = await App.SubmitAsync();
        await App.ReadAsync("dr-bo", "p-1", recordId);
        var json = await LogAsync("pat-1");

        var response = await App.As("pat-1").GetAsync("/api/patients/p-1/access-log?format=fhir", Token);
        var bundle = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token)).RootElement;

        Assert.Equal("application/fhir+json", response.Content.Headers.ContentType?.MediaType);
        var events = bundle.GetProperty("entry").EnumerateArray().Select(e => e.GetProperty("resource")).ToList();
        Assert.All(events, e => Assert.Equal("AuditEvent", e.GetProperty("resourceType").GetString()));
        Assert.Equal(
            json.GetProperty("lines").EnumerateArray().Select(l => $"ledger-{l.GetProperty("ledgerIndex").GetInt64()}"),
            events.Take(json.GetProperty("lines").GetArrayLength()).Select(e => e.GetProperty("id").GetString()));
        var denied = events.Single(e => e.GetProperty("outcome").GetString() == "8");
        Assert.Equal("no-matching-consent", denied.GetProperty("outcomeDesc").GetString());
    }

    [Theory]
    [InlineData("dr-ada")]
    [InlineData("dr-bo")]
    [InlineData("ins-1")]
    [InlineData("admin-1")]
    public async Task AccessLog_ForAnyoneButThePatientAndAuditors_Is404AndLogged(string userKey)
    {
        var response = await App.As(userKey).GetAsync("/api/patients/p-1/access-log", Token);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound, ErrorCodes.NotFound);
        var entry = await App.DecisionEntryAsync(response);
        Assert.Equal(("access.denied", userKey, "read-access-log"), (entry.Type, entry.Actor, entry.Data.GetProperty("operation").GetString()));
    }
}
