using MedLedger.Access.Policy;

namespace MedLedger.Infrastructure.Access;

/// <summary>A subject's access state as of the end of the log when it was read: consents and break-glass sessions.</summary>
public sealed class SubjectAccessState
{
    private readonly IReadOnlyDictionary<string, BreakGlassSession> _breakGlass;

    internal SubjectAccessState(ConsentSnapshot consents, IReadOnlyDictionary<string, BreakGlassSession> breakGlass, long nextIndex)
    {
        Consents = consents;
        _breakGlass = breakGlass;
        NextIndex = nextIndex;
    }

    /// <summary>Gets the consent state and the time of the newest consent event.</summary>
    public ConsentSnapshot Consents { get; }

    /// <summary>Gets the log index after the last entry of the subject that was read.</summary>
    public long NextIndex { get; }

    /// <summary>Gets the newest break-glass session <paramref name="userKey"/> opened for the subject, or null.</summary>
    public BreakGlassSession? BreakGlassOf(string userKey) => _breakGlass.GetValueOrDefault(userKey);
}
