namespace MedLedger.Access.Policy;

/// <summary>
/// An emergency-access (break-glass) session a clinician opened with a stated reason. It lasts at most
/// <see cref="MaxDuration"/> from <see cref="StartedAt"/>; every decision under it is flagged.
/// </summary>
/// <param name="Reason">The clinician's stated reason; a blank reason permits nothing.</param>
/// <param name="StartedAt">When the session was opened (recorded by the server, never taken from the client).</param>
public sealed record BreakGlassSession(string Reason, DateTimeOffset StartedAt)
{
    /// <summary>The longest a session lasts (HIPAA 164.312(a)(2)(ii) emergency access, kept short on purpose).</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromHours(1);

    /// <summary>Gets the first instant the session no longer permits anything.</summary>
    public DateTimeOffset EndsAt => StartedAt + MaxDuration;
}
