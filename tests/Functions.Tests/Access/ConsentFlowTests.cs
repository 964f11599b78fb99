using System.Net;
using System.Text.Json;
using MedLedger.Access.LedgerEvents;
using MedLedger.Functions.Http;
using MedLedger.Functions.Tests.Support;
using MedLedger.Testing.Azurite;

namespace MedLedger.Functions.Tests.Access;

/// <summary>Consent as policy, end to end: grants permit, revocations deny the very next request, sensitive categories
/// need naming, break-glass needs a reason and lasts an hour — and every decision is a ledger entry.</summary>
public sealed class ConsentFlowTests(AzuriteFixture azurite) : AccessAppTests(azurite)
{
    private static async Task<string> DecisionAsync(AccessApp app, HttpResponseMessage response)
    {
        var entry = await app.DecisionEntryAsync(response);
        return $"{entry.Type} {entry.Data.GetProperty("decision").GetString()} {entry.Data.GetProperty("reason").GetString()}";
    }

    [Fact]
    public async Task Grant_ThenRead_IsPermitted_Revoke_TheVeryNextReadIsDenied()
    {
        var (recordId, _) = await App.SubmitAsync();

        var before = await App.ReadAsync("dr-bo", "p-1", recordId);
        var consentId = await App.GrantByPatientAsync("clinic-b");
        var granted = await App.ReadAsync("dr-bo", "p-1", recordId);
        var revoke = await App.RevokeAsync(consentId);
        var after = await App.ReadAsync("dr-bo", "p-1", recordId);

        Assert.Equal(HttpStatusCode.NotFound, before.StatusCode);
        Assert.Equal("access.denied deny no-matching-consent", await DecisionAsync(App, before));
        Assert.Equal(HttpStatusCode.OK, granted.StatusCode);
        Assert.Equal(RecordRequests.ObservationJson, await granted.Content.ReadAsStringAsync(Token));
        var permit = await App.DecisionEntryAsync(granted);
        Assert.Equal(("record.read", $"consent:{consentId}", "dr-bo", "clinic-b"),
            (permit.Type, permit.Data.GetProperty("decidedBy").GetString(), permit.Actor, permit.Data.GetProperty("actorOrganization").GetString()));
        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
        Assert.Equal("access.denied deny consent-revoked", await DecisionAsync(App, after));
    }

    [Fact]
    public async Task SubmittingClinic_ReadsForTreatment_OtherPurposesNeedConsent()
    {
        var (recordId, _) = await App.SubmitAsync();

        Assert.Equal(HttpStatusCode.OK, (await App.ReadAsync("dr-ada", "p-1", recordId)).StatusCode);
        var research = await App.ReadAsync("dr-ada", "p-1", recordId, purpose: "HRESCH");
        var insurer = await App.ReadAsync("ins-1", "p-1", recordId, purpose: "TREAT");

        Assert.Equal("access.denied deny no-matching-consent", await DecisionAsync(App, research));
        Assert.Equal("access.denied deny purpose-not-permitted-for-role", await DecisionAsync(App, insurer));
    }

    [Fact]
    public async Task SensitiveCategory_NeedsAConsentThatNamesIt()
    {
        var (recordId, _) = await App.SubmitAsync(category: "mental-health");
        await App.GrantByPatientAsync("clinic-b", categories: "\"non-sensitive\"");

        var withoutName = await App.ReadAsync("dr-bo", "p-1", recordId);
        await App.GrantByPatientAsync("clinic-b", categories: "\"mental-health\"");
        var named = await App.ReadAsync("dr-bo", "p-1", recordId);

        Assert.Equal("access.denied deny sensitive-category-not-named", await DecisionAsync(App, withoutName));
        Assert.Equal(HttpStatusCode.OK, named.StatusCode);
    }

    [Fact]
    public async Task BreakGlass_WithAReason_OpensAnHourAndIsFlagged_ThenExpires()
    {
        var (recordId, _) = await App.SubmitAsync();

        var noSession = await App.ReadAsync("dr-bo", "p-1", recordId, purpose: "ETREAT");
        var blank = await App.ReadAsync("dr-bo", "p-1", recordId, purpose: "ETREAT", breakGlassReason: "   ");
        var opened = await App.ReadAsync("dr-bo", "p-1", recordId, purpose: "ETREAT", breakGlassReason: "unconscious on arrival, no next of kin");
        App.Clock.Advance(TimeSpan.FromMinutes(59));
        var within = await App.ReadAsync("dr-bo", "p-1", recordId, purpose: "ETREAT");
        App.Clock.Advance(TimeSpan.FromMinutes(1));
        var expired = await App.ReadAsync("dr-bo", "p-1", recordId, purpose: "ETREAT");
        var reopened = await App.ReadAsync("dr-bo", "p-1", recordId, purpose: "ETREAT", breakGlassReason: "still in theatre");

        Assert.Equal("access.denied deny break-glass-session-missing", await DecisionAsync(App, noSession));
        Assert.Equal("access.denied deny break-glass-reason-missing", await DecisionAsync(App, blank));
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.Equal("true", Assert.Single(opened.Headers.GetValues("X-MedLedger-Break-Glass")));
        var permit = await App.DecisionEntryAsync(opened);
        Assert.True(permit.Data.GetProperty("breakGlass").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, within.StatusCode);
        Assert.Equal("access.denied deny break-glass-expired", await DecisionAsync(App, expired));
        Assert.True((await App.DecisionEntryAsync(expired)).Data.GetProperty("breakGlass").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, reopened.StatusCode);

        var sessions = (await App.PatientEntriesAsync("p-1")).Where(e => e.Type == AccessEventTypes.BreakGlassOpened).ToList();
        Assert.Equal(2, sessions.Count);
        Assert.All(sessions, s => Assert.DoesNotContain("unconscious", System.Text.Encoding.UTF8.GetString(s.Bytes.Span), StringComparison.Ordinal));
        Assert.Equal(AccessEvents.HashReason("unconscious on arrival, no next of kin").ToHex(), sessions[0].Data.GetProperty("reasonSha256").GetString());
    }

    [Fact]
    public async Task BreakGlass_IsForCliniciansOnly()
    {
        var (recordId, _) = await App.SubmitAsync();

        var patient = await App.ReadAsync("pat-1", "p-1", recordId, purpose: "ETREAT", breakGlassReason: "curious");

        Assert.Equal("access.denied deny purpose-not-permitted-for-role", await DecisionAsync(App, patient));
        Assert.DoesNotContain(await App.PatientEntriesAsync("p-1"), e => e.Type == AccessEventTypes.BreakGlassOpened);
    }

    [Theory]
    [InlineData("X-MedLedger-Purpose", "treat")]
    [InlineData("X-MedLedger-Purpose", "CURIOUS")]
    public async Task Read_MalformedPurpose_Is400AndNothingIsDecided(string header, string value)
    {
        var (recordId, _) = await App.SubmitAsync();
        var size = await App.LedgerSizeAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/patients/p-1/records/{recordId}");
        request.Headers.Add(header, value);

        var response = await App.As("dr-ada").SendAsync(request, Token);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, ErrorCodes.InvalidParameter);
        Assert.Equal(size, await App.LedgerSizeAsync());
    }

    [Fact]
    public async Task Consents_JsonGrantListRevoke_AreLedgerEventsAndTheListComesFromTheLog()
    {
        var consentId = await App.GrantByPatientAsync("clinic-b");

        var listed = JsonDocument.Parse(await App.As("pat-1").GetStringAsync("/api/patients/p-1/consents", Token)).RootElement;
        var revoked = await App.RevokeAsync(consentId, userKey: "dr-ada");
        var again = await App.RevokeAsync(consentId);
        var after = JsonDocument.Parse(await App.As("aud-1").GetStringAsync("/api/patients/p-1/consents", Token)).RootElement;

        var consent = Assert.Single(listed.GetProperty("consents").EnumerateArray());
        Assert.Equal((consentId, "active", "clinic-b"), (consent.GetProperty("consentId").GetString(), consent.GetProperty("status").GetString(), consent.GetProperty("grantee").GetProperty("id").GetString()));
        var revokedBody = JsonDocument.Parse(await revoked.Content.ReadAsStringAsync(Token)).RootElement;
        var revocation = await App.EntryAsync(revokedBody.GetProperty("eventId").GetString()!);
        Assert.Equal((AccessEventTypes.ConsentRevoked, "dr-ada", "clinic-a"), (revocation.Type, revocation.Actor, revocation.Data.GetProperty("actorOrganization").GetString()));
        Assert.Equal(consent.GetProperty("termsSha256").GetString(), revocation.Data.GetProperty("termsSha256").GetString());
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(JsonValueKind.Null, JsonDocument.Parse(await again.Content.ReadAsStringAsync(Token)).RootElement.GetProperty("eventId").ValueKind);
        Assert.Equal("revoked", Assert.Single(after.GetProperty("consents").EnumerateArray()).GetProperty("status").GetString());
        Assert.Single(await App.PatientEntriesAsync("p-1"), e => e.Type == AccessEventTypes.ConsentRevoked);
    }

    [Fact]
    public async Task Consents_FhirExportThenImport_GivesTheSameTermsUnderANewId()
    {
        var consentId = await App.GrantByPatientAsync("clinic-b", purposes: "\"TREAT\",\"HRESCH\"", categories: "\"general\",\"genetic\"");
        var bundle = JsonDocument.Parse(await App.As("pat-1").GetStringAsync("/api/patients/p-1/consents?format=fhir", Token)).RootElement;
        var resource = Assert.Single(bundle.GetProperty("entry").EnumerateArray()).GetProperty("resource");
        Assert.Equal(("Consent", consentId), (resource.GetProperty("resourceType").GetString(), resource.GetProperty("id").GetString()));

        var imported = await App.PostConsentAsync("dr-ada", "p-1", resource.GetRawText(), "application/fhir+json");

        Assert.Equal(HttpStatusCode.Created, imported.StatusCode);
        var body = JsonDocument.Parse(await imported.Content.ReadAsStringAsync(Token)).RootElement;
        Assert.NotEqual(consentId, body.GetProperty("consentId").GetString());
        var hash = resource.GetProperty("extension")[0].GetProperty("valueBase64Binary").GetString();
        Assert.Equal(Convert.FromBase64String(hash!), Convert.FromHexString(body.GetProperty("termsSha256").GetString()!));
    }

    [Theory]
    [InlineData("""{"grantee":"clinic-b","actions":["access"],"purposes":["TREAT"],"categories":["general"],"period":{"start":"2026-01-01T00:00:00Z","end":"2027-01-01T00:00:00Z"},"patientId":"p-2"}""", "$.patientId")]
    [InlineData("""{"grantee":"clinic-b","actions":["access"],"purposes":["ETREAT"],"categories":["general"],"period":{"start":"2026-01-01T00:00:00Z","end":"2027-01-01T00:00:00Z"}}""", "$.purposes[0]")]
    [InlineData("""{"grantee":"nobody-here","actions":["access"],"purposes":["TREAT"],"categories":["general"],"period":{"start":"2026-01-01T00:00:00Z","end":"2027-01-01T00:00:00Z"}}""", "$.grantee")]
    [InlineData("""{"grantee":"clinic-b","grantee":"clinic-a","actions":["access"],"purposes":["TREAT"],"categories":["general"],"period":{"start":"2026-01-01T00:00:00Z","end":"2027-01-01T00:00:00Z"}}""", null)]
    public async Task Grant_InvalidBody_Is400AndNothingIsGranted(string body, string? path)
    {
        var response = await App.PostConsentAsync("pat-1", "p-1", body);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, ErrorCodes.InvalidBody);
        if (path is not null)
        {
            Assert.Equal(path, problem.GetProperty("path").GetString());
        }

        Assert.DoesNotContain(await App.PatientEntriesAsync("p-1"), e => e.Type == AccessEventTypes.ConsentGranted);
    }

    [Fact]
    public async Task Grant_FhirForAnotherPatient_Is400()
    {
        var consentId = await App.GrantByPatientAsync("clinic-b");
        var bundle = JsonDocument.Parse(await App.As("pat-1").GetStringAsync("/api/patients/p-1/consents?format=fhir", Token)).RootElement;
        var resource = bundle.GetProperty("entry")[0].GetProperty("resource").GetRawText().Replace("Patient/p-1", "Patient/p-2", StringComparison.Ordinal);

        var response = await App.PostConsentAsync("pat-1", "p-1", resource, "application/fhir+json");

        Assert.NotNull(consentId);
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, ErrorCodes.InvalidBody);
    }

    [Fact]
    public async Task Revoke_UnknownConsent_IsTheSame404AsAForbiddenOne_AndBothAreLogged()
    {
        var consentId = await App.GrantByPatientAsync("clinic-b");

        var unknown = await App.RevokeAsync("c-0123456789abcdef0123456789abcdef");
        var forbidden = await App.RevokeAsync(consentId, userKey: "dr-bo");

        var a = await ProblemAssert.IsProblemAsync(unknown, HttpStatusCode.NotFound, ErrorCodes.NotFound);
        var b = await ProblemAssert.IsProblemAsync(forbidden, HttpStatusCode.NotFound, ErrorCodes.NotFound);
        Assert.Equal(Without(a, "correlationId"), Without(b, "correlationId"));
        Assert.Equal("access.denied deny unknown-consent", await DecisionAsync(App, unknown));
        Assert.Equal("access.denied deny operation-not-permitted", await DecisionAsync(App, forbidden));
    }

    internal static string Without(JsonElement problem, string member) =>
        string.Join(",", problem.EnumerateObject().Where(p => p.Name != member).Select(p => $"{p.Name}={p.Value.GetRawText()}"));
}
