using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Azure;

namespace MedLedger.Clients.Tables;

/// <summary>The JSON entity format (OData v3, <c>minimalmetadata</c>): types that JSON cannot say are annotated
/// with <c>Name@odata.type</c> ("Payload format for Table service operations"; shared/reference/azure-protocols.md §2.3).</summary>
internal static class TableEntityJson
{
    private const string TypeAnnotationSuffix = "@odata.type";
    private const string DateTimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    /// <summary>Serializes the entity (keys and properties; never ETag or Timestamp).</summary>
    public static byte[] Serialize(TableEntity entity)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("PartitionKey", entity.PartitionKey);
            writer.WriteString("RowKey", entity.RowKey);
            foreach (var (name, value) in entity.Properties)
            {
                WriteProperty(writer, name, value);
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteProperty(Utf8JsonWriter writer, string name, TableValue value)
    {
        switch (value.Type)
        {
            case TableEdmType.String:
                writer.WriteString(name, value.AsString());
                break;
            case TableEdmType.Int32:
                writer.WriteNumber(name, value.AsInt32());
                break;
            case TableEdmType.Boolean:
                writer.WriteBoolean(name, value.AsBoolean());
                break;
            case TableEdmType.Double:
                // Always annotated: an integral double would otherwise read back as Edm.Int32.
                writer.WriteString(name + TypeAnnotationSuffix, "Edm.Double");
                var d = value.AsDouble();
                if (double.IsFinite(d))
                {
                    writer.WriteNumber(name, d);
                }
                else
                {
                    writer.WriteString(name, double.IsNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity");
                }

                break;
            case TableEdmType.Int64:
                writer.WriteString(name + TypeAnnotationSuffix, "Edm.Int64");
                writer.WriteString(name, value.AsInt64().ToString(CultureInfo.InvariantCulture));
                break;
            case TableEdmType.Binary:
                writer.WriteString(name + TypeAnnotationSuffix, "Edm.Binary");
                writer.WriteBase64String(name, value.AsBinary().Span);
                break;
            case TableEdmType.DateTime:
                writer.WriteString(name + TypeAnnotationSuffix, "Edm.DateTime");
                writer.WriteString(name, value.AsDateTime().UtcDateTime.ToString(DateTimeFormat, CultureInfo.InvariantCulture));
                break;
            case TableEdmType.Guid:
                writer.WriteString(name + TypeAnnotationSuffix, "Edm.Guid");
                writer.WriteString(name, value.AsGuid().ToString("D"));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(value), value.Type, "Unknown EDM type.");
        }
    }

    /// <summary>Reads an entity from a JSON object of a response.</summary>
    /// <exception cref="FormatException">The object lacks keys or a value does not match its annotation.</exception>
    public static TableEntity Deserialize(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("A table entity must be a JSON object.");
        }

        var annotations = new Dictionary<string, string>(StringComparer.Ordinal);
        string? partitionKey = null, rowKey = null, etag = null;
        foreach (var property in element.EnumerateObject())
        {
            if (property.Name.EndsWith(TypeAnnotationSuffix, StringComparison.Ordinal))
            {
                annotations[property.Name[..^TypeAnnotationSuffix.Length]] = property.Value.GetString() ?? string.Empty;
            }
            else if (property.Name == "PartitionKey")
            {
                partitionKey = property.Value.GetString();
            }
            else if (property.Name == "RowKey")
            {
                rowKey = property.Value.GetString();
            }
            else if (property.Name == "odata.etag")
            {
                etag = property.Value.GetString();
            }
        }

        if (partitionKey is null || rowKey is null)
        {
            throw new FormatException("The service returned an entity without PartitionKey or RowKey.");
        }

        var entity = new TableEntity(partitionKey, rowKey);
        if (etag is not null)
        {
            entity.ETag = new ETag(etag);
        }

        foreach (var property in element.EnumerateObject())
        {
            var name = property.Name;
            if (name is "PartitionKey" or "RowKey" || name.StartsWith("odata.", StringComparison.Ordinal)
                || name.Contains('@', StringComparison.Ordinal) || property.Value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            var value = ReadValue(name, property.Value, annotations.GetValueOrDefault(name));
            if (name == "Timestamp")
            {
                entity.Timestamp = value.Type == TableEdmType.DateTime ? value.AsDateTime() : ParseDateTime(name, value.AsString());
                continue;
            }

            entity[name] = value;
        }

        return entity;
    }

    private static TableValue ReadValue(string name, JsonElement value, string? annotation)
    {
        try
        {
            return annotation switch
            {
                null => Infer(name, value),
                "Edm.String" => value.GetString()!,
                "Edm.Int32" => value.GetInt32(),
                "Edm.Int64" => long.Parse(value.GetString()!, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture),
                "Edm.Double" => value.ValueKind == JsonValueKind.String ? ParseSpecialDouble(name, value.GetString()!) : value.GetDouble(),
                "Edm.Boolean" => value.GetBoolean(),
                "Edm.Binary" => value.GetBytesFromBase64(),
                "Edm.DateTime" => ParseDateTime(name, value.GetString()!),
                "Edm.Guid" => Guid.ParseExact(value.GetString()!, "D"),
                _ => throw new FormatException($"Property '{name}' has the unsupported type '{annotation}'."),
            };
        }
        catch (Exception e) when (e is InvalidOperationException or OverflowException or System.FormatException)
        {
            throw new FormatException($"Property '{name}' does not hold a valid {annotation ?? "JSON"} value.", e);
        }
    }

    private static TableValue Infer(string name, JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number when value.GetRawText().AsSpan().IndexOfAny(".eE") < 0 && value.TryGetInt32(out var i) => i,
        JsonValueKind.Number => value.GetDouble(),
        _ => throw new FormatException($"Property '{name}' has an unsupported JSON value kind {value.ValueKind}."),
    };

    private static double ParseSpecialDouble(string name, string text) => text switch
    {
        "NaN" => double.NaN,
        "Infinity" or "INF" => double.PositiveInfinity,
        "-Infinity" or "-INF" => double.NegativeInfinity,
        _ => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
            ? d
            : throw new FormatException($"Property '{name}' holds '{text}', which is not an Edm.Double."),
    };

    private static DateTimeOffset ParseDateTime(string name, string text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date)
            ? date
            : throw new FormatException($"Property '{name}' holds a value that is not an Edm.DateTime.");
}
