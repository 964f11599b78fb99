using System.Globalization;
using System.Text.Json;
using MedLedger.Access.Identifiers;

namespace MedLedger.Access.Json;

/// <summary>
/// Shape checks over a parsed document for this library's parsers. Each throws <see cref="JsonInputException"/> with
/// the JSON path of the offending value; parsers turn that into a failure value.
/// </summary>
internal static class JsonRead
{
    /// <summary>Requires <paramref name="element"/> to be an object whose member names are all in <paramref name="allowed"/>.</summary>
    public static JsonElement Object(JsonElement element, string path, params ReadOnlySpan<string> allowed)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new JsonInputException(path, "Expected a JSON object.");
        }

        foreach (var member in element.EnumerateObject())
        {
            if (!allowed.Contains(member.Name))
            {
                throw new JsonInputException(Member(path, member.Name), "This member is not part of the format.");
            }
        }

        return element;
    }

    /// <summary>Gets a required member.</summary>
    public static JsonElement Required(JsonElement obj, string path, string name) =>
        obj.TryGetProperty(name, out var value) ? value : throw new JsonInputException(Member(path, name), "This member is required.");

    /// <summary>Gets an optional member; null values count as present (and are refused by the typed readers).</summary>
    public static JsonElement? Optional(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) ? value : null;

    /// <summary>Reads a string value.</summary>
    public static string String(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            throw new JsonInputException(path, "Expected a string.");
        }

        try
        {
            return value.GetString()!;
        }
        catch (InvalidOperationException)
        {
            // An escaped unpaired surrogate has no UTF-8 form.
            throw new JsonInputException(path, "The string holds an unpaired surrogate.");
        }
    }

    /// <summary>Reads a required string member.</summary>
    public static string RequiredString(JsonElement obj, string path, string name) =>
        String(Required(obj, path, name), Member(path, name));

    /// <summary>Reads a required member holding an id (<see cref="IdentifierSyntax"/>).</summary>
    public static string RequiredId(JsonElement obj, string path, string name) =>
        Id(Required(obj, path, name), Member(path, name));

    /// <summary>Reads an id value (<see cref="IdentifierSyntax"/>).</summary>
    public static string Id(JsonElement value, string path)
    {
        var text = String(value, path);
        return IdentifierSyntax.IsValid(text)
            ? text
            : throw new JsonInputException(path, $"Expected an id: 1 to {IdentifierSyntax.MaxLength} characters from {IdentifierSyntax.Alphabet}.");
    }

    /// <summary>Reads a record id value (<see cref="IdentifierSyntax.IsValidRecordId"/>).</summary>
    public static string RecordId(JsonElement value, string path)
    {
        var text = String(value, path);
        return IdentifierSyntax.IsValidRecordId(text)
            ? text
            : throw new JsonInputException(path, $"Expected a record id: 1 to {IdentifierSyntax.MaxLength} characters from {IdentifierSyntax.RecordIdAlphabet}.");
    }

    /// <summary>Reads a non-empty array with at most <paramref name="maxItems"/> items.</summary>
    public static IReadOnlyList<JsonElement> Array(JsonElement value, string path, int maxItems, bool allowEmpty = false)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw new JsonInputException(path, "Expected an array.");
        }

        var length = value.GetArrayLength();
        if (length == 0 && !allowEmpty)
        {
            throw new JsonInputException(path, "The array must not be empty.");
        }

        if (length > maxItems)
        {
            throw new JsonInputException(path, $"The array has more than {maxItems} items.");
        }

        return [.. value.EnumerateArray()];
    }

    /// <summary>Reads a non-empty array of distinct codes, each mapped by <paramref name="parse"/> (null = unknown code).</summary>
    public static IReadOnlyList<T> DistinctCodes<T>(JsonElement value, string path, int maxItems, Func<string, T?> parse, string vocabulary)
        where T : struct
    {
        var items = Array(value, path, maxItems);
        var result = new List<T>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var itemPath = Index(path, i);
            var code = String(items[i], itemPath);
            var parsed = parse(code) ?? throw new JsonInputException(itemPath, $"Unknown code; expected one of: {vocabulary}.");
            if (result.Contains(parsed))
            {
                throw new JsonInputException(itemPath, "This code appears twice.");
            }

            result.Add(parsed);
        }

        return result;
    }

    /// <summary>The path of a member of the object at <paramref name="path"/>.</summary>
    public static string Member(string path, string name) => $"{path}.{name}";

    /// <summary>The path of an item of the array at <paramref name="path"/>.</summary>
    public static string Index(string path, int index) => string.Create(CultureInfo.InvariantCulture, $"{path}[{index}]");
}
