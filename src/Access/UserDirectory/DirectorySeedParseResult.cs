using System.Diagnostics.CodeAnalysis;
using MedLedger.Access.Json;

namespace MedLedger.Access.UserDirectory;

/// <summary>The outcome of <see cref="DirectorySeed.Parse"/>.</summary>
public sealed class DirectorySeedParseResult
{
    private DirectorySeedParseResult(DirectorySeed? seed, InputError? error)
    {
        Seed = seed;
        Error = error;
    }

    /// <summary>Gets a value indicating whether the document is a valid directory.</summary>
    [MemberNotNullWhen(true, nameof(Seed))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Seed is not null;

    /// <summary>Gets the directory content.</summary>
    public DirectorySeed? Seed { get; }

    /// <summary>Gets the first problem found.</summary>
    public InputError? Error { get; }

    internal static DirectorySeedParseResult Success(DirectorySeed seed) => new(seed, null);

    internal static DirectorySeedParseResult Failure(InputError error) => new(null, error);
}
