namespace MedLedger.Functions.Http;

/// <summary>The names of the extension members MedLedger adds to problem responses.</summary>
public static class ProblemExtensions
{
    /// <summary>The stable error code (<see cref="ErrorCodes"/>).</summary>
    public const string Code = "code";

    /// <summary>The id that ties a response to the server's log lines for the same request.</summary>
    public const string CorrelationId = "correlationId";

    /// <summary>The JSON path of the offending member, for body errors (for example <c>$.patientId</c>).</summary>
    public const string Path = "path";

    /// <summary>The 1-based line of the body where a JSON error was found.</summary>
    public const string Line = "line";

    /// <summary>The query parameter at fault, for <c>invalid-parameter</c> problems.</summary>
    public const string Parameter = "parameter";
}
