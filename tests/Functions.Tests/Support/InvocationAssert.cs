using System.Net;
using System.Text.Json;

namespace MedLedger.Functions.Tests.Support;

/// <summary>Checks the custom-handler response contract: JSON <c>{"Outputs":{},"Logs":[…],"ReturnValue":null}</c>, on success and failure alike.</summary>
public static class InvocationAssert
{
    public static async Task<IReadOnlyList<string>> IsResponseAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(status == response.StatusCode, $"Expected {status}, got {response.StatusCode}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(text);
        var root = document.RootElement;
        Assert.Equal(["Outputs", "Logs", "ReturnValue"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Object, root.GetProperty("Outputs").ValueKind);
        Assert.Empty(root.GetProperty("Outputs").EnumerateObject());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("ReturnValue").ValueKind);
        var logs = root.GetProperty("Logs").EnumerateArray().Select(l => l.GetString()!).ToList();
        Assert.NotEmpty(logs);
        Assert.DoesNotContain(logs, l => l.Contains("   at ", StringComparison.Ordinal));
        return logs;
    }
}
