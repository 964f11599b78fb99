using System.Net;
using MedLedger.Access.LedgerEvents;
using MedLedger.Access.UserDirectory;
using MedLedger.Functions.Http;
using MedLedger.Functions.Patients;
using MedLedger.Functions.Tests.Support;
using MedLedger.Infrastructure.Access;
using MedLedger.Testing.Azurite;
using Microsoft.Extensions.DependencyInjection;

namespace MedLedger.Functions.Tests.Records;

/// <summary>
/// <c>GET /api/records/{recordId}</c>: the patient is found from the record (its log's creation entry names the
/// pseudonym, the directory's reverse index the patient), then the long route's read runs for that patient. Anything
/// that leads to no patient answers like a forbidden record, and is logged.
/// </summary>
public sealed class RecordReadByIdTests(AzuriteFixture azurite) : AccessAppTests(azurite)
{
    [Fact]
    public async Task ReadById_PermittedCaller_GetsTheSameBytesAndHeadersAsTheLongRoute_AndTheDecisionIsInThePatientsLog()
    {
        var (recordId, _) = await App.SubmitAsync("p-1");

        var shortRead = await App.As("pat-1").GetAsync($"/api/records/{recordId}", Token);
        var longRead = await App.ReadAsync("pat-1", "p-1", recordId);

        Assert.Equal(HttpStatusCode.OK, shortRead.StatusCode);
        Assert.Equal(await longRead.Content.ReadAsByteArrayAsync(Token), await shortRead.Content.ReadAsByteArrayAsync(Token));
        Assert.Equal(longRead.Content.Headers.ContentType, shortRead.Content.Headers.ContentType);
        Assert.Equal("no-store", shortRead.Headers.CacheControl?.ToString());
        var decision = await App.DecisionEntryAsync(shortRead);
        Assert.Equal(AccessEventTypes.RecordRead, decision.Type);
        Assert.Equal(Pseudonym("p-1"), decision.Subject);
        Assert.Equal(recordId, decision.Data.GetProperty("recordId").GetString());
    }

    [Fact]
    public async Task ReadById_BeforeTheCreationIsInTheLog_Is404LoggedToLogZeroWithoutSubject_ThenReadableOnceAppended()
    {
        var (recordId, _, _) = await RecordRequests.AcceptedAsync(await App.As("dr-ada").SendAsync(RecordRequests.Post(RecordRequests.JsonBody()), Token));

        var early = await App.As("dr-ada").GetAsync($"/api/records/{recordId}", Token);
        var earlyLong = await App.ReadAsync("dr-ada", "p-1", recordId);

        await ProblemAssert.IsProblemAsync(early, HttpStatusCode.NotFound, ErrorCodes.NotFound);
        await ProblemAssert.IsProblemAsync(earlyLong, HttpStatusCode.NotFound, ErrorCodes.NotFound);
        var refusal = await App.DecisionEntryAsync(early);
        Assert.Equal(AccessEventTypes.AccessDenied, refusal.Type);
        Assert.Equal(string.Empty, refusal.Subject);
        Assert.Equal(App.Factory.Ledger.All[0].Name, refusal.Log);
        Assert.Equal("unknown-record", refusal.Data.GetProperty("reason").GetString());
        Assert.Equal(recordId, refusal.Data.GetProperty("recordId").GetString());
        Assert.Equal("dr-ada", refusal.Actor);

        // The long route's refusal is indexed under the record id before its creation: the record must still be found.
        Assert.All(await App.Factory.DeliverQueuedAsync(), outcome => Assert.True(outcome.Succeeded));
        var late = await App.As("dr-ada").GetAsync($"/api/records/{recordId}", Token);
        var lateLong = await App.ReadAsync("dr-ada", "p-1", recordId);
        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        Assert.Equal(HttpStatusCode.OK, lateLong.StatusCode);
        Assert.Equal(RecordRequests.ObservationJson, await late.Content.ReadAsStringAsync(Token));
    }

    [Theory]
    [InlineData("r0-AAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("r7-AAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("r0-AAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("rec-1")]
    [InlineData("r00-AAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("bad~id")]
    public async Task ReadById_UnknownOrMalformedId_Is404LikeAForbiddenRecord_AndLogged(string recordId)
    {
        var (otherRecord, _) = await App.SubmitAsync("p-2", clinician: "dr-bo");

        var unknown = await App.As("dr-ada").GetAsync($"/api/records/{recordId}", Token);
        var forbidden = await App.As("dr-ada").GetAsync($"/api/records/{otherRecord}", Token);

        var unknownBody = await ProblemAssert.IsProblemAsync(unknown, HttpStatusCode.NotFound, ErrorCodes.NotFound);
        var forbiddenBody = await ProblemAssert.IsProblemAsync(forbidden, HttpStatusCode.NotFound, ErrorCodes.NotFound);
        Assert.Equal(WithoutCorrelation(forbiddenBody.GetRawText()), WithoutCorrelation(unknownBody.GetRawText()));
        var refusal = await App.DecisionEntryAsync(unknown);
        Assert.Equal(AccessEventTypes.AccessDenied, refusal.Type);
        Assert.Equal("read-record", refusal.Data.GetProperty("operation").GetString());
        // An id that is not even a well-formed identifier is never written into the log.
        Assert.Equal(MedLedger.Access.Identifiers.IdentifierSyntax.IsValidRecordId(recordId), refusal.Data.TryGetProperty("recordId", out _));
        Assert.Equal(string.Empty, refusal.Subject);
        // The forbidden one is decided for its patient, in the patient's log, like the long route.
        Assert.Equal(Pseudonym("p-2"), (await App.DecisionEntryAsync(forbidden)).Subject);
    }

    [Fact]
    public async Task ReadById_PatientNotInTheReverseIndex_Is404_UntilTheAdminAddsThePatientWithItsPseudonym()
    {
        // A patient added without a pseudonym (as before the reverse index existed): the long route works, the short cannot find them.
        var directory = App.Factory.Services.GetRequiredService<TableDirectory>();
        await App.Factory.Services.GetRequiredService<MedLedger.Functions.Access.DirectorySeeding>().EnsureAsync(Token);
        Assert.True((await directory.AddPatientAsync(new DirectoryPatient("p-old", "clinic-a"), Token)).Succeeded);
        var (recordId, _) = await App.SubmitAsync("p-old");

        var before = await App.As("dr-ada").GetAsync($"/api/records/{recordId}", Token);
        var longRoute = await App.ReadAsync("dr-ada", "p-old", recordId);
        var added = await App.As("admin-1").PostAsync("/api/directory/patients", Json("""{"id":"p-old","organization":"clinic-a"}"""), Token);
        var after = await App.As("dr-ada").GetAsync($"/api/records/{recordId}", Token);

        await ProblemAssert.IsProblemAsync(before, HttpStatusCode.NotFound, ErrorCodes.NotFound);
        Assert.Equal("unknown-record", (await App.DecisionEntryAsync(before)).Data.GetProperty("reason").GetString());
        Assert.Equal(HttpStatusCode.OK, longRoute.StatusCode);
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal("p-old", await directory.FindPatientIdAsync(Pseudonym("p-old"), Token));
    }

    [Fact]
    public async Task ReadById_DemoSeedAppliedBeforeTheReverseIndexExisted_IsBackfilledOnStart()
    {
        // The directory as an earlier version seeded it: the demo patients without pseudonym rows.
        var earlier = new TableDirectory(App.Factory.Direct.GetTableClient(App.Factory.Names.DirectoryTable));
        await earlier.CreateTableIfNotExistsAsync(Token);
        Assert.True(await earlier.SeedAsync(DemoDirectory.Load(), Token));
        Assert.Null(await earlier.FindPatientIdAsync(Pseudonym("p-1"), Token));

        var (recordId, _) = await App.SubmitAsync("p-1");
        var response = await App.As("pat-1").GetAsync($"/api/records/{recordId}", Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("p-1", await earlier.FindPatientIdAsync(Pseudonym("p-1"), Token));
        Assert.Equal("p-2", await earlier.FindPatientIdAsync(Pseudonym("p-2"), Token));
    }

    [Fact]
    public async Task ReadById_IndexedEntryIsNoLongerTheCreation_Is500IntegrityFailure_LoggedAndNothingReleased()
    {
        var (recordId, _) = await App.SubmitAsync("p-1");
        var store = (Infrastructure.Ledger.TableLogStore)App.Factory.Ledger.All[0].Store;
        var table = App.Factory.Direct.GetTableClient(App.Factory.Names.LedgerTable);
        var row = await table.GetEntityAsync(store.PartitionKey, "entry|" + 0L.ToString("D19", System.Globalization.CultureInfo.InvariantCulture), Token);
        var text = System.Text.Encoding.UTF8.GetString(row.GetBinary("Entry").Span);
        Assert.Contains("\"type\":\"record.created\"", text, StringComparison.Ordinal);
        row["Entry"] = Clients.Tables.TableValue.FromBinary(System.Text.Encoding.UTF8.GetBytes(text.Replace("\"type\":\"record.created\"", "\"type\":\"record.deleted\"", StringComparison.Ordinal)));
        await table.UpdateEntityAsync(row, row.ETag, Clients.Tables.TableUpdateMode.Replace, Token);

        var response = await App.As("pat-1").GetAsync($"/api/records/{recordId}", Token);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.InternalServerError, ErrorCodes.RecordIntegrityFailed);
        Assert.DoesNotContain("Observation", problem.GetRawText(), StringComparison.Ordinal);
        var refusal = await App.DecisionEntryAsync(response);
        Assert.Equal("record-integrity-failed", refusal.Data.GetProperty("reason").GetString());
        Assert.Equal(string.Empty, refusal.Subject);
    }

    [Fact]
    public async Task ReadById_BreakGlass_OpensTheSessionAndFlagsTheAnswer_LikeTheLongRoute()
    {
        var (recordId, _) = await App.SubmitAsync("p-1");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/records/{recordId}");
        request.Headers.Add("X-MedLedger-Purpose", "ETREAT");
        request.Headers.Add("X-MedLedger-Break-Glass-Reason", "unconscious in the emergency room");

        var response = await App.As("dr-bo").SendAsync(request, Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("true", Assert.Single(response.Headers.GetValues("X-MedLedger-Break-Glass")));
        Assert.Contains(await App.PatientEntriesAsync("p-1"), entry => entry.Type == AccessEventTypes.BreakGlassOpened && entry.Actor == "dr-bo");
    }

    [Theory]
    [InlineData("X-MedLedger-Purpose", "SHOPPING")]
    [InlineData("X-MedLedger-Break-Glass-Reason", "two\nlines")]
    public async Task ReadById_BadPurposeHeaders_Are400BeforeAnythingIsLooked(string header, string value)
    {
        var (recordId, _) = await App.SubmitAsync("p-1");
        var size = await App.LedgerSizeAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/records/{recordId}");
        request.Headers.TryAddWithoutValidation(header, value);

        var response = await App.As("dr-ada").SendAsync(request, Token);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, ErrorCodes.InvalidParameter);
        Assert.Equal(size, await App.LedgerSizeAsync());
    }

    [Fact]
    public async Task ReadById_Anonymous_Is401()
    {
        var (recordId, _) = await App.SubmitAsync("p-1");

        var response = await App.As(null).GetAsync($"/api/records/{recordId}", Token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private string Pseudonym(string patientId) => App.Factory.Services.GetRequiredService<PatientPseudonymizer>().Pseudonymize(patientId);

    private static StringContent Json(string body) => new(body, System.Text.Encoding.UTF8, "application/json");

    private static string WithoutCorrelation(string body) => System.Text.RegularExpressions.Regex.Replace(body, "\"correlationId\":\"[^\"]*\"", string.Empty);
}
