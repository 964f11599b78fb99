using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace MedLedger.Access.Fhir;

/// <summary>Small writing helpers shared by the FHIR exporters.</summary>
internal static class FhirJson
{
    public static byte[] Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(2048);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>A FHIR <c>instant</c> in UTC with milliseconds, the precision ledger entries keep.</summary>
    public static string Instant(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fff'Z'", CultureInfo.InvariantCulture);

    public static void Coding(Utf8JsonWriter writer, string system, string code, string? display = null)
    {
        writer.WriteStartObject();
        writer.WriteString("system", system);
        writer.WriteString("code", code);
        if (display is not null)
        {
            writer.WriteString("display", display);
        }

        writer.WriteEndObject();
    }

    public static void CodeableConcept(Utf8JsonWriter writer, string system, string code, string? display = null)
    {
        writer.WriteStartObject();
        writer.WriteStartArray("coding");
        Coding(writer, system, code, display);
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    public static void Reference(Utf8JsonWriter writer, string reference)
    {
        writer.WriteStartObject();
        writer.WriteString("reference", reference);
        writer.WriteEndObject();
    }

    public static void IdentifierReference(Utf8JsonWriter writer, string system, string value)
    {
        writer.WriteStartObject();
        writer.WriteStartObject("identifier");
        writer.WriteString("system", system);
        writer.WriteString("value", value);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
