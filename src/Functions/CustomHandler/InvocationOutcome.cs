namespace MedLedger.Functions.CustomHandler;

/// <summary>What the dispatcher answers: the HTTP status for the host and the response body.</summary>
/// <param name="StatusCode">200 on success; 400 for an unreadable invocation; 404 for an unknown function; 413 for an oversized one; 500 for a failed one.</param>
/// <param name="Response">The body, always a complete <see cref="InvocationResponse"/>.</param>
public sealed record InvocationOutcome(int StatusCode, InvocationResponse Response)
{
    /// <summary>Gets a value indicating whether the host will count the invocation as a success.</summary>
    public bool Succeeded => StatusCode is >= 200 and <= 299;
}
