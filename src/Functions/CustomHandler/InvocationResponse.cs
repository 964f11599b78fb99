using System.Text.Json;
using System.Text.Json.Serialization;

namespace MedLedger.Functions.CustomHandler;

/// <summary>
/// The body a handler answers to the host: <c>{"Outputs":{…},"Logs":[…],"ReturnValue":…}</c> (azure-protocols.md §1.7).
/// Always a complete JSON object, on success and on failure, so the host never waits on an empty body.
/// </summary>
/// <param name="Outputs">Output binding values by name; MedLedger writes storage itself, so this is empty.</param>
/// <param name="Logs">Lines the host writes to the invocation log; never secrets or patient data.</param>
/// <param name="ReturnValue">The value of a <c>$return</c> binding; none is used.</param>
public sealed record InvocationResponse(
    [property: JsonPropertyName("Outputs")] IReadOnlyDictionary<string, object?> Outputs,
    [property: JsonPropertyName("Logs")] IReadOnlyList<string> Logs,
    [property: JsonPropertyName("ReturnValue")] object? ReturnValue)
{
    /// <summary>Gets the serializer options: exact member names, nulls written.</summary>
    public static JsonSerializerOptions SerializerOptions { get; } = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>Creates a response with no outputs and the given log lines.</summary>
    public static InvocationResponse FromLogs(IReadOnlyList<string> logs) =>
        new(new Dictionary<string, object?>(), logs, null);
}
