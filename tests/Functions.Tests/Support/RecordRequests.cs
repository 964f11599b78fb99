using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace MedLedger.Functions.Tests.Support;

/// <summary>Builds <c>POST /api/records</c> requests and reads their answers.</summary>
public static class RecordRequests
{
    public const string ObservationJson = """{"resourceType":"Observation", "status":"final","valueQuantity":{"value":7.2,"unit":"mmol/L"}}""";

    /// <summary>A JSON record body (the content embedded as given, spacing included).</summary>
    public static string JsonBody(string patientId = "p-1", string category = "general", string contentType = "application/fhir+json", string content = ObservationJson) =>
        $$"""{"patientId":{{JsonSerializer.Serialize(patientId)}},"category":"{{category}}","contentType":"{{contentType}}","content":{{content}}}""";

    /// <summary>A binary record body.</summary>
    public static string Base64Body(byte[] content, string patientId = "p-1", string category = "general", string contentType = "application/pdf") =>
        $$"""{"patientId":{{JsonSerializer.Serialize(patientId)}},"category":"{{category}}","contentType":"{{contentType}}","contentBase64":"{{Convert.ToBase64String(content)}}"}""";

    public static HttpRequestMessage Post(string body, string? idempotencyKey = null, string? userKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/records")
        {
            Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        if (idempotencyKey is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
        }

        if (userKey is not null)
        {
            request.Headers.Remove(MedLedger.Access.Identity.ClientPrincipalHeader.Name);
            request.Headers.TryAddWithoutValidation(MedLedger.Access.Identity.ClientPrincipalHeader.Name, TestPrincipals.Header(userKey));
        }

        return request;
    }

    /// <summary>Reads a 202 answer.</summary>
    public static async Task<(string RecordId, string EventId, string? Location)> AcceptedAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Accepted, $"Expected 202, got {(int)response.StatusCode}: {text}");
        using var document = JsonDocument.Parse(text);
        var root = document.RootElement;
        Assert.Equal("pending", root.GetProperty("status").GetString());
        return (root.GetProperty("recordId").GetString()!, root.GetProperty("eventId").GetString()!, response.Headers.Location?.OriginalString);
    }
}
