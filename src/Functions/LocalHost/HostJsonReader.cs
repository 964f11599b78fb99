using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;

namespace MedLedger.Functions.LocalHost;

/// <summary>Reads the queue settings of host.json as the Functions host would, so the local host behaves the same.</summary>
/// <remarks>Lenient where the host is (comments, trailing commas, key case, numbers written as strings); strict about ranges.</remarks>
internal static class HostJsonReader
{
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>Reads <c>extensions.queues</c> from the host.json text; absent keys take the host's defaults.</summary>
    public static bool TryReadQueueSettings(
        string hostJson,
        [NotNullWhen(true)] out HostQueueSettings? settings,
        [NotNullWhen(false)] out string? error)
    {
        settings = null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(hostJson, DocumentOptions);
        }
        catch (JsonException)
        {
            error = "host.json is not valid JSON";
            return false;
        }

        using (document)
        {
            var queues = Child(Child(document.RootElement, "extensions"), "queues");
            var batchSize = 16;
            var maxDequeueCount = 5;
            var visibilityTimeout = TimeSpan.Zero;
            var maxPollingInterval = TimeSpan.FromMinutes(1);
            var encoding = QueueMessageEncoding.Base64;
            int? newBatchThreshold = null;
            error =
                ReadInt(queues, "batchSize", 1, 32, ref batchSize) ??
                ReadOptionalInt(queues, "newBatchThreshold", 0, int.MaxValue, ref newBatchThreshold) ??
                ReadInt(queues, "maxDequeueCount", 1, int.MaxValue, ref maxDequeueCount) ??
                ReadDuration(queues, "visibilityTimeout", TimeSpan.Zero, ref visibilityTimeout) ??
                ReadDuration(queues, "maxPollingInterval", HostQueueSettings.MinPollingInterval, ref maxPollingInterval) ??
                ReadEncoding(queues, ref encoding);
            if (error is not null)
            {
                return false;
            }

            // The host's default: half a batch per processor (azure-protocols.md §1.10).
            var threshold = newBatchThreshold ?? checked(batchSize / 2 * Environment.ProcessorCount);
            settings = new HostQueueSettings(batchSize, threshold, maxDequeueCount, visibilityTimeout, maxPollingInterval, encoding);
            return true;
        }
    }

    private static JsonElement? Child(JsonElement? parent, string name)
    {
        if (parent is not { ValueKind: JsonValueKind.Object } element)
        {
            return null;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (property.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return null;
    }

    private static string? ReadInt(JsonElement? queues, string name, int min, int max, ref int value)
    {
        int? read = value;
        var error = ReadOptionalInt(queues, name, min, max, ref read);
        value = read!.Value;
        return error;
    }

    private static string? ReadOptionalInt(JsonElement? queues, string name, int min, int max, ref int? value)
    {
        if (Child(queues, name) is not { } element)
        {
            return null;
        }

        var parsed = element.ValueKind switch
        {
            JsonValueKind.Number when element.TryGetInt32(out var n) => n,
            JsonValueKind.String when int.TryParse(element.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) => n,
            _ => (int?)null,
        };
        if (parsed is not { } number || number < min || number > max)
        {
            return $"host.json extensions.queues.{name} must be a whole number from {min} to {max}";
        }

        value = number;
        return null;
    }

    private static string? ReadDuration(JsonElement? queues, string name, TimeSpan min, ref TimeSpan value)
    {
        if (Child(queues, name) is not { } element)
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.String ||
            !TimeSpan.TryParseExact(element.GetString(), "c", CultureInfo.InvariantCulture, out var duration) ||
            duration < min)
        {
            return $"host.json extensions.queues.{name} must be a duration hh:mm:ss of at least {min:c}";
        }

        value = duration;
        return null;
    }

    private static string? ReadEncoding(JsonElement? queues, ref QueueMessageEncoding value)
    {
        if (Child(queues, "messageEncoding") is not { } element)
        {
            return null;
        }

        var text = element.ValueKind == JsonValueKind.String ? element.GetString() : null;
        if (string.Equals(text, "base64", StringComparison.OrdinalIgnoreCase))
        {
            value = QueueMessageEncoding.Base64;
            return null;
        }

        if (string.Equals(text, "none", StringComparison.OrdinalIgnoreCase))
        {
            value = QueueMessageEncoding.None;
            return null;
        }

        return "host.json extensions.queues.messageEncoding must be base64 or none";
    }
}
