namespace MedLedger.Access.Json;

/// <summary>Why an input document was refused: where (a JSON path such as <c>$.period.end</c>) and what.</summary>
/// <param name="Path">The JSON path of the offending value; <c>$</c> for the whole document.</param>
/// <param name="Message">A sentence naming the rule that was broken; never echoes the input's content.</param>
public sealed record InputError(string Path, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Path}: {Message}";
}
