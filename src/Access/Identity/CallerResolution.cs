using System.Diagnostics.CodeAnalysis;

namespace MedLedger.Access.Identity;

/// <summary>The outcome of <see cref="CallerResolver.Resolve"/>: a caller, or why an authenticated principal is refused.</summary>
public sealed class CallerResolution
{
    private CallerResolution(Caller? caller, CallerResolutionFailure? failure)
    {
        Caller = caller;
        Failure = failure;
    }

    /// <summary>Gets a value indicating whether the principal is a known caller with at least one role.</summary>
    [MemberNotNullWhen(true, nameof(Caller))]
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool IsResolved => Caller is not null;

    /// <summary>Gets the caller.</summary>
    public Caller? Caller { get; }

    /// <summary>Gets why the principal was refused.</summary>
    public CallerResolutionFailure? Failure { get; }

    internal static CallerResolution Resolved(Caller caller) => new(caller, null);

    internal static CallerResolution Refused(CallerResolutionFailure failure) => new(null, failure);
}
