namespace MedLedger.Access.UserDirectory;

/// <summary>The outcome of a directory change: its status and, when invalid, the rule that was broken.</summary>
/// <param name="Status">How the change ended.</param>
/// <param name="Problem">For <see cref="DirectoryChangeStatus.Invalid"/>: a sentence naming the broken rule; null otherwise.</param>
public sealed record DirectoryChangeResult(DirectoryChangeStatus Status, string? Problem = null)
{
    /// <summary>The change was made.</summary>
    public static DirectoryChangeResult Applied { get; } = new(DirectoryChangeStatus.Applied);

    /// <summary>Gets a value indicating whether the change was made.</summary>
    public bool Succeeded => Status == DirectoryChangeStatus.Applied;

    /// <summary>A change refused by a rule.</summary>
    public static DirectoryChangeResult Invalid(string problem)
    {
        ArgumentException.ThrowIfNullOrEmpty(problem);
        return new(DirectoryChangeStatus.Invalid, problem);
    }
}
