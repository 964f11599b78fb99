using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MedLedger.Access.Identity;
using MedLedger.Functions.Http;
using MedLedger.Functions.Tests.Support;
using MedLedger.Testing.Azurite;

namespace MedLedger.Functions.Tests.Access;

/// <summary>The directory's administration: admins only, every decision logged, changes effective at once.</summary>
public sealed class DirectoryEndpointTests(AzuriteFixture azurite) : AccessAppTests(azurite)
{
    private Task<HttpResponseMessage> PutUserAsync(string userKey, object body, string admin = "admin-1") =>
        App.As(admin).PutAsJsonAsync($"/api/directory/users/{userKey}", body, Token);

    [Fact]
    public async Task Admin_AddsAPatientAndTheirUser_WhoCanThenReadTheirLog()
    {
        var patient = await App.As("admin-1").PostAsJsonAsync("/api/directory/patients", new { id = "p-3", organization = "clinic-b" }, Token);
        var user = await PutUserAsync("pat-3", new { roles = new[] { "patient" }, patient = "p-3" });
        using var client = App.Factory.CreateClient();
        client.DefaultRequestHeaders.Remove(ClientPrincipalHeader.Name);
        client.DefaultRequestHeaders.Add(ClientPrincipalHeader.Name, TestPrincipals.Header("pat-3", Role.Patient));

        var log = await client.GetAsync("/api/patients/p-3/access-log", Token);

        Assert.Equal(HttpStatusCode.Created, patient.StatusCode);
        Assert.Equal(HttpStatusCode.Created, user.StatusCode);
        Assert.Equal(HttpStatusCode.OK, log.StatusCode);
    }

    [Fact]
    public async Task Admin_ListsReplacesAndRemovesUsers_RemovalTakesEffectAtOnce()
    {
        var listed = JsonDocument.Parse(await App.As("admin-1").GetStringAsync("/api/directory/users?limit=3", Token)).RootElement;
        var replaced = await PutUserAsync("dr-bo", new { roles = new[] { "clinician" }, organization = "clinic-a" });
        var removed = await App.As("admin-1").DeleteAsync("/api/directory/users/pat-1", Token);
        var afterRemoval = await App.As("pat-1").GetAsync("/api/patients/p-1/access-log", Token);
        var again = await App.As("admin-1").DeleteAsync("/api/directory/users/pat-1", Token);

        Assert.Equal(["admin-1", "aud-1", "dr-ada"], listed.GetProperty("users").EnumerateArray().Select(u => u.GetProperty("userKey").GetString()));
        Assert.Equal("dr-ada", listed.GetProperty("next").GetString());
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        await ProblemAssert.IsProblemAsync(afterRemoval, HttpStatusCode.Forbidden, ErrorCodes.UnknownCaller);
        await ProblemAssert.IsProblemAsync(again, HttpStatusCode.NotFound, ErrorCodes.NotFound);
    }

    [Fact]
    public async Task UnknownPatient_AddedByAnAdmin_IsFoundOnTheVeryNextRequest()
    {
        // Found patients are remembered (add-only); "not found" never is.
        static StringContent Record() => new(
            """{"patientId":"p-7","category":"general","contentType":"text/plain","contentBase64":"aGVsbG8="}""", System.Text.Encoding.UTF8, "application/json");

        var before = await App.As("dr-ada").PostAsync("/api/records", Record(), Token);
        var added = await App.As("admin-1").PostAsJsonAsync("/api/directory/patients", new { id = "p-7", organization = "clinic-a" }, Token);
        var after = await App.As("dr-ada").PostAsync("/api/records", Record(), Token);
        var again = await App.As("dr-ada").PostAsync("/api/records", Record(), Token);

        await ProblemAssert.IsProblemAsync(before, HttpStatusCode.NotFound, ErrorCodes.NotFound);
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, after.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
    }

    [Fact]
    public async Task UserRemovedAfterUsingTheService_IsRefusedOnTheVeryNextRequest()
    {
        // The directory remembers found patients but asks for the caller on every request.
        var first = await App.As("pat-1").GetAsync("/api/patients/p-1/access-log", Token);
        var removed = await App.As("admin-1").DeleteAsync("/api/directory/users/pat-1", Token);
        var next = await App.As("pat-1").GetAsync("/api/patients/p-1/access-log", Token);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        await ProblemAssert.IsProblemAsync(next, HttpStatusCode.Forbidden, ErrorCodes.UnknownCaller);
    }

    [Theory]
    [InlineData("pat-9", """{"roles":["patient"],"patient":"p-1"}""", HttpStatusCode.Conflict, "directory-conflict")]
    [InlineData("dr-x", """{"roles":["clinician"],"organization":"insurer-x"}""", HttpStatusCode.BadRequest, "invalid-body")]
    [InlineData("dr-x", """{"roles":["surgeon"]}""", HttpStatusCode.BadRequest, "invalid-body")]
    [InlineData("dr-x", """{"roles":["clinician"],"organization":"clinic-a","tenant":"x"}""", HttpStatusCode.BadRequest, "invalid-body")]
    public async Task Admin_InvalidOrConflictingUser_IsRefused(string userKey, string body, HttpStatusCode status, string code)
    {
        var response = await App.As("admin-1").PutAsync($"/api/directory/users/{userKey}", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Token);

        await ProblemAssert.IsProblemAsync(response, status, code);
    }

    [Theory]
    [InlineData("dr-ada")]
    [InlineData("pat-1")]
    [InlineData("ins-1")]
    [InlineData("aud-1")]
    public async Task NonAdmins_GetTheSame404_AndTheDenialIsLogged(string userKey)
    {
        var response = await App.As(userKey).GetAsync("/api/directory/users", Token);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound, ErrorCodes.NotFound);
        var entry = await App.DecisionEntryAsync(response);
        Assert.Equal(("access.denied", userKey, "manage-directory", string.Empty), (entry.Type, entry.Actor, entry.Data.GetProperty("operation").GetString(), entry.Subject));
    }
}
