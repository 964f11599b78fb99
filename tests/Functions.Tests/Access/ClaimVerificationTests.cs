using System.Net;
using System.Text;
using System.Text.Json;
using MedLedger.Access.LedgerEvents;
using MedLedger.Functions.Http;
using MedLedger.Functions.Tests.Support;
using MedLedger.Ledger.Receipts;
using MedLedger.Testing.Azurite;

namespace MedLedger.Functions.Tests.Access;

/// <summary>
/// <c>POST /api/claims/verify</c>: Standard Webhooks on the raw body (missing header, wrong secret, one byte changed,
/// timestamp 301 s off, replay, re-serialized JSON, unknown insurer) before anything is parsed, then the claim against
/// the ledger (consent missing or revoked, record hash mismatch), with receipts that verify offline.
/// </summary>
public sealed class ClaimVerificationTests(AzuriteFixture azurite) : AccessAppTests(azurite)
{
    private string _recordId = null!;
    private string _recordEventId = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        (_recordId, _recordEventId) = await App.SubmitAsync(serviceDate: "2026-03-02");
    }

    private Task<string> ConsentAsync() => App.GrantByPatientAsync("insurer-x", actions: "\"disclose\"", purposes: "\"HPAYMT\"");

    private static async Task<JsonElement> AnswerAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(Token);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private async Task AssertRefusedAsync(HttpResponseMessage response, string reason)
    {
        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, ErrorCodes.WebhookRefused);
        Assert.Equal(reason, problem.GetProperty("reason").GetString());
    }

    private static string[] Reasons(JsonElement answer) => [.. answer.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()!)];

    [Fact]
    public async Task Verify_ConsentedClaim_IsVerifiedWithTwoReceiptsThatVerifyOffline()
    {
        await ConsentAsync();

        var response = await App.SendClaimAsync(App.Claim(AccessApp.ClaimBody(_recordId)));

        var answer = await AnswerAsync(response);
        Assert.True(answer.GetProperty("verified").GetBoolean());
        Assert.Empty(Reasons(answer));
        var key = await LedgerApi.PublicKeyAsync(App.As("dr-ada"));
        var record = LedgerApi.Verify(Encoding.UTF8.GetBytes(answer.GetProperty("receipts").GetProperty("record").GetRawText()), key).Entry!;
        var decision = LedgerApi.Verify(Encoding.UTF8.GetBytes(answer.GetProperty("receipts").GetProperty("consentDecision").GetRawText()), key).Entry!;
        Assert.Equal((AccessEventTypes.RecordCreated, _recordEventId), (record.Type, record.EventId));
        Assert.Equal(AccessEventTypes.ClaimVerified, decision.Type);
        Assert.Equal(("insurer-x", "permit", true), (decision.Actor, decision.Data.GetProperty("decision").GetString(), decision.Data.GetProperty("verified").GetBoolean()));
        Assert.Equal(record.Subject, decision.Subject);
        Assert.Equal(decision.EventId, Assert.Single(response.Headers.GetValues("X-MedLedger-Decision-Event")));
    }

    [Fact]
    public async Task Verify_ByRecordHashToo_AndAMismatchedHashIsSaid()
    {
        await ConsentAsync();
        var stored = (await App.EntryAsync(_recordEventId)).Data.GetProperty("ciphertextSha256").GetString()!;

        var matching = await AnswerAsync(await App.SendClaimAsync(App.Claim(AccessApp.ClaimBody(_recordId, recordHash: stored))));
        var wrong = await AnswerAsync(await App.SendClaimAsync(App.Claim(AccessApp.ClaimBody(_recordId, recordHash: new string('0', 64)))));
        var byHashOnly = await AnswerAsync(await App.SendClaimAsync(App.Claim(
            $$"""{"claimId":"c-9","patientId":"p-1","recordHash":"{{stored}}","serviceDate":"2026-03-02","purpose":"HPAYMT"}""")));

        Assert.True(matching.GetProperty("verified").GetBoolean());
        Assert.Equal(["record-hash-mismatch"], Reasons(wrong));
        Assert.True(byHashOnly.GetProperty("verified").GetBoolean());
    }

    [Fact]
    public async Task Verify_ServiceDateDiffers_IsSaid()
    {
        await ConsentAsync();

        var answer = await AnswerAsync(await App.SendClaimAsync(App.Claim(AccessApp.ClaimBody(_recordId, serviceDate: "2026-03-03"))));

        Assert.Equal(["service-date-mismatch"], Reasons(answer));
    }

    [Fact]
    public async Task Verify_ConsentMissingOrRevoked_IsNotVerified_AndTheDenialHasAReceipt()
    {
        var missing = await AnswerAsync(await App.SendClaimAsync(App.Claim(AccessApp.ClaimBody(_recordId))));
        var consentId = await ConsentAsync();
        await App.RevokeAsync(consentId);
        var revoked = await AnswerAsync(await App.SendClaimAsync(App.Claim(AccessApp.ClaimBody(_recordId))));

        Assert.Equal(["consent-missing"], Reasons(missing));
        Assert.Equal(JsonValueKind.Null, missing.GetProperty("receipts").GetProperty("record").ValueKind);
        Assert.Equal(["consent-revoked"], Reasons(revoked));
        var key = await LedgerApi.PublicKeyAsync(App.As("dr-ada"));
        var denialReceipt = Encoding.UTF8.GetBytes(revoked.GetProperty("receipts").GetProperty("consentDecision").GetRawText());
        var denial = ReceiptVerifier.Verify(denialReceipt, [key], LedgerApi.Origin);
        Assert.True(denial.IsValid);
        Assert.Equal("deny", denial.Entry!.Data.GetProperty("decision").GetString());
    }

    [Fact]
    public async Task Verify_UnknownRecordOrOtherPatient_IsNotFoundOnlyToAConsentedInsurer()
    {
        var stranger = await AnswerAsync(await App.SendClaimAsync(App.Claim(AccessApp.ClaimBody("r0-AAAAAAAAAAAAAAAAAAAAAAAA"))));
        await ConsentAsync();
        var unknown = await AnswerAsync(await App.SendClaimAsync(App.Claim(AccessApp.ClaimBody("r0-AAAAAAAAAAAAAAAAAAAAAAAA"))));
        var (otherRecord, _) = await App.SubmitAsync(patientId: "p-2", clinician: "dr-bo");
        var otherPatient = await AnswerAsync(await App.SendClaimAsync(App.Claim(AccessApp.ClaimBody(otherRecord))));

        Assert.Equal(["consent-missing"], Reasons(stranger));
        Assert.Equal(["record-not-found"], Reasons(unknown));
        Assert.Equal(["record-not-found"], Reasons(otherPatient));
    }

    [Fact]
    public async Task Verify_EveryCheckIsLogged_InThePatientsAccessLog()
    {
        await ConsentAsync();
        await App.SendClaimAsync(App.Claim(AccessApp.ClaimBody(_recordId)));
        await App.SendClaimAsync(App.Claim(AccessApp.ClaimBody(_recordId, serviceDate: "2026-01-01")));

        var log = JsonDocument.Parse(await App.As("pat-1").GetStringAsync("/api/patients/p-1/access-log", Token)).RootElement;

        var claims = log.GetProperty("lines").EnumerateArray().Where(l => l.GetProperty("event").GetString() == "consent-decision").ToList();
        Assert.Equal(["permit", "deny"], claims.Select(c => c.GetProperty("decision").GetString()));
        Assert.All(claims, c => Assert.Equal(("insurer-x", "HPAYMT"), (c.GetProperty("actor").GetProperty("userKey").GetString(), c.GetProperty("purpose").GetString())));
    }

    [Fact]
    public async Task Webhook_MissingHeaders_AreRefusedBeforeTheBodyIsRead()
    {
        foreach (var header in new[] { "webhook-id", "webhook-timestamp", "webhook-signature", "MedLedger-Insurer" })
        {
            using var request = App.Claim(AccessApp.ClaimBody(_recordId));
            request.Headers.Remove(header);
            var expected = header switch
            {
                "webhook-id" => "missing-id",
                "webhook-timestamp" => "missing-timestamp",
                "webhook-signature" => "missing-signature",
                _ => "missing-insurer",
            };
            await AssertRefusedAsync(await App.SendClaimAsync(request), expected);
        }
    }

    [Fact]
    public async Task Webhook_WrongSecretOrUnknownInsurer_IsRefused()
    {
        var other = MedLedger.Access.Webhooks.WebhookSecret.Parse("whsec_" + Convert.ToBase64String(new byte[32]));

        await AssertRefusedAsync(await App.SendClaimAsync(App.Claim(AccessApp.ClaimBody(_recordId), secret: other)), "signature-mismatch");
        await AssertRefusedAsync(await App.SendClaimAsync(App.Claim(AccessApp.ClaimBody(_recordId), insurer: "insurer-y")), "unknown-insurer");
    }

    [Fact]
    public async Task Webhook_PreviousSecretDuringRotation_IsAccepted()
    {
        await ConsentAsync();

        var answer = await AnswerAsync(await App.SendClaimAsync(App.Claim(AccessApp.ClaimBody(_recordId), secret: AccessApp.PreviousInsurerSecret)));

        Assert.True(answer.GetProperty("verified").GetBoolean());
    }

    [Fact]
    public async Task Webhook_OneByteChanged_OrReserializedJson_IsRefused()
    {
        var body = AccessApp.ClaimBody(_recordId);
        var changed = body.Replace("c-77", "c-78", StringComparison.Ordinal);
        var reserialized = JsonSerializer.Serialize(JsonDocument.Parse(body).RootElement, new JsonSerializerOptions { WriteIndented = true });

        await AssertRefusedAsync(await App.SendClaimAsync(App.Claim(changed, signedBody: body)), "signature-mismatch");
        await AssertRefusedAsync(await App.SendClaimAsync(App.Claim(reserialized, signedBody: body)), "signature-mismatch");
    }

    [Theory]
    [InlineData(-301, "timestamp-too-old")]
    [InlineData(301, "timestamp-too-new")]
    public async Task Webhook_Timestamp301SecondsOff_IsRefused_300IsAccepted(int offset, string reason)
    {
        await ConsentAsync();
        var now = App.Clock.GetUtcNow().ToUnixTimeSeconds();

        await AssertRefusedAsync(await App.SendClaimAsync(App.Claim(AccessApp.ClaimBody(_recordId), timestamp: now + offset)), reason);
        var edge = await App.SendClaimAsync(App.Claim(AccessApp.ClaimBody(_recordId), timestamp: now + (offset > 0 ? 300 : -300)));
        Assert.Equal(HttpStatusCode.OK, edge.StatusCode);
    }

    [Fact]
    public async Task Webhook_Replay_IsRefusedAndAddsNoEntry()
    {
        await ConsentAsync();
        var body = AccessApp.ClaimBody(_recordId);
        var timestamp = App.Clock.GetUtcNow().ToUnixTimeSeconds();
        await AnswerAsync(await App.SendClaimAsync(App.Claim(body, webhookId: "msg_once", timestamp: timestamp)));
        var size = await App.LedgerSizeAsync();

        await AssertRefusedAsync(await App.SendClaimAsync(App.Claim(body, webhookId: "msg_once", timestamp: timestamp)), "replayed");

        Assert.Equal(size, await App.LedgerSizeAsync());
    }

    [Fact]
    public async Task Webhook_SignedButMalformedClaim_Is400AfterTheSignature()
    {
        var response = await App.SendClaimAsync(App.Claim("""{"claimId":"c-1","patientId":"p-1","recordId":"r-1","serviceDate":"2026-03-02","purpose":"TREAT"}"""));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, ErrorCodes.InvalidBody);
        Assert.Equal("$.purpose", problem.GetProperty("path").GetString());
    }

    [Fact]
    public async Task Webhook_UserSessionWithoutSignature_IsRefused()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/claims/verify") { Content = new StringContent(AccessApp.ClaimBody(_recordId)) };

        await AssertRefusedAsync(await App.As("ins-1").SendAsync(request, Token), "missing-insurer");
    }
}
