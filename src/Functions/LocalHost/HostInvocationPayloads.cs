using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using MedLedger.Functions.CustomHandler;

namespace MedLedger.Functions.LocalHost;

/// <summary>
/// Builds invocation bodies exactly as the Functions host sends them (azure-protocols.md §1.5–§1.6, form (b)), so the
/// local host exercises the same decoding as production: string values JSON-encoded a second time
/// (<c>"DequeueCount":"1"</c>, <c>"Id":"\"…\""</c>, the message text wrapped in an extra string literal), timestamps
/// to the second, and the <c>sys</c> object.
/// </summary>
internal static class HostInvocationPayloads
{
    // Escape like the host's serializer (quotes as \", no \uXXXX for non-ASCII); the payload never reaches a browser.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonSerializerOptions SerializerOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The body of a queue-trigger invocation for <paramref name="message"/>, whose decoded text is <paramref name="messageText"/>.</summary>
    public static byte[] ForQueueMessage(
        string functionName, QueueTriggerBinding binding, string messageText, TriggerQueueMessage message, DateTimeOffset now, Guid randGuid)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("Data");
            // The host serializes the string binding value to JSON text, then embeds that text as a string.
            writer.WriteString(binding.Name, JsonSerializer.Serialize(messageText, SerializerOptions));
            writer.WriteEndObject();
            writer.WriteStartObject("Metadata");
            writer.WriteString("DequeueCount", message.DequeueCount.ToString(CultureInfo.InvariantCulture));
            writer.WriteString("ExpirationTime", Timestamp(message.ExpirationTime));
            writer.WriteString("Id", JsonSerializer.Serialize(message.MessageId, SerializerOptions));
            writer.WriteString("InsertionTime", Timestamp(message.InsertionTime));
            writer.WriteString("NextVisibleTime", Timestamp(message.NextVisibleTime));
            writer.WriteString("PopReceipt", JsonSerializer.Serialize(message.PopReceipt, SerializerOptions));
            WriteSys(writer, functionName, now, randGuid);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>The body of a timer-trigger invocation: the host's <c>TimerInfo</c> object under the binding name.</summary>
    public static byte[] ForTimer(
        string functionName, TimerTriggerBinding binding, DateTimeOffset last, DateTimeOffset next, DateTimeOffset now, Guid randGuid)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("Data");
            writer.WriteStartObject(binding.Name);
            writer.WriteStartObject("Schedule");
            writer.WriteBoolean("AdjustForDST", true);
            writer.WriteEndObject();
            writer.WriteStartObject("ScheduleStatus");
            writer.WriteString("Last", Timestamp(last));
            writer.WriteString("Next", Timestamp(next));
            writer.WriteString("LastUpdated", Timestamp(last));
            writer.WriteEndObject();
            writer.WriteBoolean("IsPastDue", false);
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteStartObject("Metadata");
            WriteSys(writer, functionName, now, randGuid);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void WriteSys(Utf8JsonWriter writer, string functionName, DateTimeOffset now, Guid randGuid)
    {
        writer.WriteStartObject("sys");
        writer.WriteString("MethodName", functionName);
        writer.WriteString("UtcNow", now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture));
        writer.WriteString("RandGuid", randGuid.ToString("D"));
        writer.WriteEndObject();
    }

    // The host round-trips timestamps through ToString(), which drops fractions of a second.
    private static string Timestamp(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
