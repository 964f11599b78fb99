using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using MedLedger.Access.Consent;
using MedLedger.Access.Fhir;
using MedLedger.Access.LedgerEvents;
using MedLedger.Functions.Tests.Support;
using MedLedger.Testing.Azurite;

namespace MedLedger.Functions.Tests.Access;

/// <summary>
/// Every endpoint × every role × own / other organization × own / other patient (and a patient who does not exist),
/// against one table of expected statuses written out below — not derived from the code under test. Zero surprises:
/// every cell is checked and every mismatch reported. Every 404 has the same body, whether forbidden or missing, and
/// names the ledger entry that recorded the denial.
/// </summary>
public sealed class AuthorizationMatrixTests(AzuriteFixture azurite) : AccessAppTests(azurite)
{
    // Columns: p-1 (clinic-a: dr-ada's clinic; pat-1 is p-1), p-2 (clinic-b: dr-bo's clinic), p-404 (no such patient).
    private static readonly string[] Patients = ["p-1", "p-2", "p-404"];

    // Rows: the users of the demo directory, and nobody.
    private static readonly string?[] Users = ["dr-ada", "dr-bo", "pat-1", "ins-1", "aud-1", "admin-1", null];

    /// <summary>The expected statuses: endpoint → user → one status per patient column ("-" for anonymous means 401 everywhere).</summary>
    private static readonly Dictionary<string, Dictionary<string, int[]>> Expected = new()
    {
        ["submit-record"] = Row(adaP1P2: [202, 202, 404], boP1P2: [202, 202, 404], patient: [404, 404, 404], insurer: [404, 404, 404], auditor: [404, 404, 404], admin: [404, 404, 404]),
        ["read-record"] = Row(adaP1P2: [200, 404, 404], boP1P2: [404, 200, 404], patient: [200, 404, 404], insurer: [404, 404, 404], auditor: [404, 404, 404], admin: [404, 404, 404]),
        // The short route finds the patient from the record: the same answers as the long one, cell for cell.
        ["read-record-by-id"] = Row(adaP1P2: [200, 404, 404], boP1P2: [404, 200, 404], patient: [200, 404, 404], insurer: [404, 404, 404], auditor: [404, 404, 404], admin: [404, 404, 404]),
        ["list-consents"] = Row(adaP1P2: [200, 404, 404], boP1P2: [404, 200, 404], patient: [200, 404, 404], insurer: [404, 404, 404], auditor: [200, 200, 404], admin: [404, 404, 404]),
        ["list-consents-fhir"] = Row(adaP1P2: [200, 404, 404], boP1P2: [404, 200, 404], patient: [200, 404, 404], insurer: [404, 404, 404], auditor: [200, 200, 404], admin: [404, 404, 404]),
        ["grant-consent"] = Row(adaP1P2: [201, 404, 404], boP1P2: [404, 201, 404], patient: [201, 404, 404], insurer: [404, 404, 404], auditor: [404, 404, 404], admin: [404, 404, 404]),
        ["grant-consent-fhir"] = Row(adaP1P2: [201, 404, 404], boP1P2: [404, 201, 404], patient: [201, 404, 404], insurer: [404, 404, 404], auditor: [404, 404, 404], admin: [404, 404, 404]),
        ["revoke-consent"] = Row(adaP1P2: [200, 404, 404], boP1P2: [404, 200, 404], patient: [200, 404, 404], insurer: [404, 404, 404], auditor: [404, 404, 404], admin: [404, 404, 404]),
        ["read-access-log"] = Row(adaP1P2: [404, 404, 404], boP1P2: [404, 404, 404], patient: [200, 404, 404], insurer: [404, 404, 404], auditor: [200, 200, 404], admin: [404, 404, 404]),
        ["read-access-log-fhir"] = Row(adaP1P2: [404, 404, 404], boP1P2: [404, 404, 404], patient: [200, 404, 404], insurer: [404, 404, 404], auditor: [200, 200, 404], admin: [404, 404, 404]),
        ["directory-list"] = Row(adaP1P2: [404, 404, 404], boP1P2: [404, 404, 404], patient: [404, 404, 404], insurer: [404, 404, 404], auditor: [404, 404, 404], admin: [200, 200, 200]),
        ["directory-put-user"] = Row(adaP1P2: [404, 404, 404], boP1P2: [404, 404, 404], patient: [404, 404, 404], insurer: [404, 404, 404], auditor: [404, 404, 404], admin: [201, 201, 201]),
        ["directory-remove-user"] = Row(adaP1P2: [404, 404, 404], boP1P2: [404, 404, 404], patient: [404, 404, 404], insurer: [404, 404, 404], auditor: [404, 404, 404], admin: [204, 204, 204]),
        ["directory-add-patient"] = Row(adaP1P2: [404, 404, 404], boP1P2: [404, 404, 404], patient: [404, 404, 404], insurer: [404, 404, 404], auditor: [404, 404, 404], admin: [201, 201, 201]),
        ["directory-add-organization"] = Row(adaP1P2: [404, 404, 404], boP1P2: [404, 404, 404], patient: [404, 404, 404], insurer: [404, 404, 404], auditor: [404, 404, 404], admin: [201, 201, 201]),
        // A user session cannot verify claims: only a signed webhook can (every user, anonymous too, is refused unsigned).
        ["verify-claim-unsigned"] = Row(adaP1P2: [401, 401, 401], boP1P2: [401, 401, 401], patient: [401, 401, 401], insurer: [401, 401, 401], auditor: [401, 401, 401], admin: [401, 401, 401], anonymous: 401),
        ["ledger-public-key"] = Row(adaP1P2: [200, 200, 200], boP1P2: [200, 200, 200], patient: [200, 200, 200], insurer: [200, 200, 200], auditor: [200, 200, 200], admin: [200, 200, 200]),
    };

    private readonly Dictionary<string, string> _records = [];
    private int _unique;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        _records["p-1"] = (await App.SubmitAsync("p-1", clinician: "dr-ada")).RecordId;
        _records["p-2"] = (await App.SubmitAsync("p-2", clinician: "dr-bo")).RecordId;
        _records["p-404"] = "r0-AAAAAAAAAAAAAAAAAAAAAAAA";
    }

    private static Dictionary<string, int[]> Row(int[] adaP1P2, int[] boP1P2, int[] patient, int[] insurer, int[] auditor, int[] admin, int anonymous = 401) => new()
    {
        ["dr-ada"] = adaP1P2,
        ["dr-bo"] = boP1P2,
        ["pat-1"] = patient,
        ["ins-1"] = insurer,
        ["aud-1"] = auditor,
        ["admin-1"] = admin,
        ["-"] = [anonymous, anonymous, anonymous],
    };

    [Fact]
    public async Task EveryEndpoint_EveryRole_EveryTarget_AnswersAsTheTableSays_AndEveryDenialIsInTheLedger()
    {
        var surprises = new List<string>();
        var notFoundBodies = new HashSet<string>(StringComparer.Ordinal);
        var cells = 0;
        foreach (var (endpoint, rows) in Expected)
        {
            foreach (var user in Users)
            {
                for (var column = 0; column < Patients.Length; column++)
                {
                    var patient = Patients[column];
                    var expected = rows[user ?? "-"][column];
                    using var request = await RequestAsync(endpoint, patient);
                    var response = await App.As(user).SendAsync(request, Token);
                    var body = await response.Content.ReadAsStringAsync(Token);
                    cells++;
                    var cell = $"{endpoint} as {user ?? "anonymous"} on {patient}";
                    if ((int)response.StatusCode != expected)
                    {
                        surprises.Add($"{cell}: expected {expected}, got {(int)response.StatusCode} {body}");
                        continue;
                    }

                    if (expected == 404)
                    {
                        notFoundBodies.Add(WithoutCorrelation(body));
                        var problem = await CheckDenialLoggedAsync(response, user!, endpoint);
                        if (problem is not null)
                        {
                            surprises.Add($"{cell}: {problem}");
                        }
                    }
                }
            }
        }

        Assert.True(surprises.Count == 0, $"{surprises.Count} of {cells} cells surprised:\n" + string.Join("\n", surprises));
        Assert.Equal(Expected.Count * Users.Length * Patients.Length, cells);
        Assert.Single(notFoundBodies);
    }

    // Every 404 names the entry that recorded it: an access.denied by this caller (nothing else answers 404 here).
    private async Task<string?> CheckDenialLoggedAsync(HttpResponseMessage response, string user, string endpoint)
    {
        if (!response.Headers.TryGetValues("X-MedLedger-Decision-Event", out var values))
        {
            return "the denial names no ledger entry";
        }

        var entry = await App.EntryAsync(values.Single());
        if (entry.Type != AccessEventTypes.AccessDenied || entry.Actor != user)
        {
            return $"the named entry is {entry.Type} by {entry.Actor}";
        }

        var operation = entry.Data.GetProperty("operation").GetString();
        var expected = endpoint switch
        {
            "submit-record" => "submit-record",
            "read-record" or "read-record-by-id" => "read-record",
            _ when endpoint.StartsWith("list-consents", StringComparison.Ordinal) => "list-consents",
            _ when endpoint.StartsWith("grant-consent", StringComparison.Ordinal) => "grant-consent",
            "revoke-consent" => "revoke-consent",
            _ when endpoint.StartsWith("read-access-log", StringComparison.Ordinal) => "read-access-log",
            _ => "manage-directory",
        };
        return operation == expected ? null : $"the denial is logged as {operation}, not {expected}";
    }

    private async Task<HttpRequestMessage> RequestAsync(string endpoint, string patient)
    {
        var unique = Interlocked.Increment(ref _unique);
        return endpoint switch
        {
            "submit-record" => Json(HttpMethod.Post, "/api/records", RecordRequests.JsonBody(patientId: patient)),
            "read-record" => new HttpRequestMessage(HttpMethod.Get, $"/api/patients/{patient}/records/{_records[patient]}"),
            "read-record-by-id" => new HttpRequestMessage(HttpMethod.Get, $"/api/records/{_records[patient]}"),
            "list-consents" => new HttpRequestMessage(HttpMethod.Get, $"/api/patients/{patient}/consents"),
            "list-consents-fhir" => new HttpRequestMessage(HttpMethod.Get, $"/api/patients/{patient}/consents?format=fhir"),
            "grant-consent" => Json(HttpMethod.Post, $"/api/patients/{patient}/consents", App.ConsentBody("insurer-x", "\"disclose\"", "\"HPAYMT\"")),
            "grant-consent-fhir" => Json(HttpMethod.Post, $"/api/patients/{patient}/consents", FhirConsent(patient), "application/fhir+json"),
            "revoke-consent" => new HttpRequestMessage(HttpMethod.Delete, $"/api/patients/{patient}/consents/{await FreshConsentAsync(patient)}"),
            "read-access-log" => new HttpRequestMessage(HttpMethod.Get, $"/api/patients/{patient}/access-log"),
            "read-access-log-fhir" => new HttpRequestMessage(HttpMethod.Get, $"/api/patients/{patient}/access-log?format=fhir"),
            "directory-list" => new HttpRequestMessage(HttpMethod.Get, "/api/directory/users"),
            "directory-put-user" => Json(HttpMethod.Put, $"/api/directory/users/aud-{unique}", """{"roles":["auditor"]}"""),
            "directory-remove-user" => new HttpRequestMessage(HttpMethod.Delete, $"/api/directory/users/{await FreshUserAsync(unique)}"),
            "directory-add-patient" => Json(HttpMethod.Post, "/api/directory/patients", $$"""{"id":"p-new-{{unique}}","organization":"clinic-a"}"""),
            "directory-add-organization" => Json(HttpMethod.Post, "/api/directory/organizations", $$"""{"id":"org-{{unique}}","kind":"clinic"}"""),
            "verify-claim-unsigned" => Json(HttpMethod.Post, "/api/claims/verify", AccessApp.ClaimBody(_records["p-1"], patientId: patient)),
            "ledger-public-key" => new HttpRequestMessage(HttpMethod.Get, "/api/ledger/public-key"),
            _ => throw new ArgumentOutOfRangeException(nameof(endpoint), endpoint, null),
        };
    }

    private static HttpRequestMessage Json(HttpMethod method, string path, string body, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(method, path) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return request;
    }

    // A consent of the patient, made by someone entitled to (the patient's clinic), for a revocation cell.
    private async Task<string> FreshConsentAsync(string patient)
    {
        if (patient == "p-404")
        {
            return "c-0123456789abcdef0123456789abcdef";
        }

        var clinician = patient == "p-1" ? "dr-ada" : "dr-bo";
        var response = await App.PostConsentAsync(clinician, patient, App.ConsentBody("insurer-x", "\"disclose\"", "\"HPAYMT\""));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token)).RootElement.GetProperty("consentId").GetString()!;
    }

    private async Task<string> FreshUserAsync(int unique)
    {
        var key = $"gone-{unique}";
        var response = await App.As("admin-1").SendAsync(Json(HttpMethod.Put, $"/api/directory/users/{key}", """{"roles":["auditor"]}"""), Token);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return key;
    }

    private string FhirConsent(string patient)
    {
        var terms = ConsentTerms.Create(
            Grantee.Organization("insurer-x"), [ConsentAction.Disclose], [PurposeOfUse.Payment], [RecordCategory.General], false,
            new ConsentPeriod(WholeSeconds(App.Clock.GetUtcNow().AddHours(-1)), WholeSeconds(App.Clock.GetUtcNow().AddDays(30))));
        return Encoding.UTF8.GetString(FhirConsentExporter.Export(new ConsentGrant("c-import", patient, terms, App.Clock.GetUtcNow(), "pat-1")));
    }

    private static DateTimeOffset WholeSeconds(DateTimeOffset instant) => DateTimeOffset.FromUnixTimeSeconds(instant.ToUnixTimeSeconds());

    private static string WithoutCorrelation(string body) =>
        ConsentFlowTests.Without(JsonDocument.Parse(body).RootElement, "correlationId");
}
