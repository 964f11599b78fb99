namespace MedLedger.Access.Json;

/// <summary>Raised inside this library's parsers when input does not have the expected shape; never escapes a parser.</summary>
/// <remarks>Parsers catch it and return a failure value naming <see cref="Path"/>, so callers only ever see values.</remarks>
internal sealed class JsonInputException(string path, string message) : Exception(message)
{
    /// <summary>Gets where in the document the problem is (<c>$.period.start</c>).</summary>
    public string Path { get; } = path;
}
