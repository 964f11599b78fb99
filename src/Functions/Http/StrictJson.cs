using System.Text.Json;
using System.Text.Json.Serialization;

namespace MedLedger.Functions.Http;

/// <summary>The one JSON policy for request bodies and queue messages: strict in what it accepts.</summary>
/// <remarks>
/// No duplicate properties (a second value must not silently win), no unknown members, case-sensitive names, required
/// constructor parameters and nullable annotations respected, no comments, no trailing commas, numbers only as
/// numbers, and a bounded depth so a deeply nested body cannot exhaust the stack.
/// </remarks>
public static class StrictJson
{
    /// <summary>The deepest nesting accepted (objects and arrays).</summary>
    public const int MaxDepth = 64;

    /// <summary>Gets the serializer options (camelCase names, <see cref="JsonSerializerOptions.Strict"/> rules).</summary>
    public static JsonSerializerOptions SerializerOptions { get; } = CreateSerializerOptions();

    private static JsonSerializerOptions CreateSerializerOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerOptions.Strict)
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            MaxDepth = MaxDepth,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
