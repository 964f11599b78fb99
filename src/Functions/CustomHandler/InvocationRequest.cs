using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace MedLedger.Functions.CustomHandler;

/// <summary>
/// The body the Functions host posts to <c>/&lt;FunctionName&gt;</c> for a non-HTTP trigger: <c>{"Data":{…},"Metadata":{…}}</c>
/// (azure-protocols.md §1.5). Values are kept as raw JSON; <see cref="HostValueDecoder"/> reads them tolerantly.
/// </summary>
/// <remarks>Binding names are matched case-insensitively, as the host's binding data is.</remarks>
public sealed class InvocationRequest
{
    private InvocationRequest(IReadOnlyDictionary<string, JsonElement> data, IReadOnlyDictionary<string, JsonElement> metadata)
    {
        Data = data;
        Metadata = metadata;
    }

    /// <summary>Gets the input values by binding name (the trigger's value first).</summary>
    public IReadOnlyDictionary<string, JsonElement> Data { get; }

    /// <summary>Gets the trigger metadata (for a queue: <c>DequeueCount</c>, <c>Id</c>, <c>PopReceipt</c>…, and <c>sys</c>).</summary>
    public IReadOnlyDictionary<string, JsonElement> Metadata { get; }

    /// <summary>Parses an invocation body; <paramref name="error"/> says why when it is not one.</summary>
    /// <remarks>Tolerant of key case and of absent <c>Data</c> or <c>Metadata</c> (read as empty); strict about the overall shape.</remarks>
    public static bool TryParse(ReadOnlyMemory<byte> utf8Json, [NotNullWhen(true)] out InvocationRequest? request, [NotNullWhen(false)] out string? error)
    {
        request = null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Json);
        }
        catch (JsonException)
        {
            error = "the body is not JSON";
            return false;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                error = "the body is not a JSON object";
                return false;
            }

            JsonElement? data = null;
            JsonElement? metadata = null;
            foreach (var property in root.EnumerateObject())
            {
                if (property.Name.Equals("Data", StringComparison.OrdinalIgnoreCase))
                {
                    if (data is not null)
                    {
                        error = "Data appears twice";
                        return false;
                    }

                    data = property.Value;
                }
                else if (property.Name.Equals("Metadata", StringComparison.OrdinalIgnoreCase))
                {
                    if (metadata is not null)
                    {
                        error = "Metadata appears twice";
                        return false;
                    }

                    metadata = property.Value;
                }
            }

            if (!TryReadSection(data, "Data", out var dataValues, out error) ||
                !TryReadSection(metadata, "Metadata", out var metadataValues, out error))
            {
                return false;
            }

            request = new InvocationRequest(dataValues, metadataValues);
            return true;
        }
    }

    private static bool TryReadSection(
        JsonElement? section,
        string name,
        [NotNullWhen(true)] out IReadOnlyDictionary<string, JsonElement>? values,
        [NotNullWhen(false)] out string? error)
    {
        var result = new Dictionary<string, JsonElement>(StringComparer.OrdinalIgnoreCase);
        values = result;
        error = null;
        if (section is not { } element || element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            values = null;
            error = $"{name} is not a JSON object";
            return false;
        }

        foreach (var property in element.EnumerateObject())
        {
            // Two keys that differ only in case would make the binding ambiguous.
            if (!result.TryAdd(property.Name, property.Value.Clone()))
            {
                values = null;
                error = $"{name} has a key twice";
                return false;
            }
        }

        return true;
    }
}
