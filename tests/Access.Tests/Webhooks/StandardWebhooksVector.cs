using System.Text.Json;

namespace MedLedger.Access.Tests.Webhooks;

/// <summary>The Standard Webhooks project's published signing example (TestVectors/standard-webhooks.json names the source).</summary>
internal sealed record StandardWebhooksVector(string Secret, string Id, long Timestamp, string Payload, string Signature)
{
    public static StandardWebhooksVector Load()
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestVectors", "standard-webhooks.json")));
        var root = document.RootElement;
        return new StandardWebhooksVector(
            root.GetProperty("secret").GetString()!,
            root.GetProperty("id").GetString()!,
            root.GetProperty("timestamp").GetInt64(),
            root.GetProperty("payload").GetString()!,
            root.GetProperty("signature").GetString()!);
    }
}
