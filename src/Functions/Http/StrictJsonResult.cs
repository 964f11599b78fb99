using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MedLedger.Functions.Http;

/// <summary>The outcome of reading a strict JSON body: the value, or the problem to answer with.</summary>
/// <typeparam name="T">The body type.</typeparam>
public sealed class StrictJsonResult<T>
    where T : class
{
    private StrictJsonResult(T? value, ProblemHttpResult? problem)
    {
        Value = value;
        Problem = problem;
    }

    /// <summary>Gets the body, when <see cref="Succeeded"/>.</summary>
    public T? Value { get; }

    /// <summary>Gets the problem (400, 413 or 415), when the body was refused.</summary>
    public ProblemHttpResult? Problem { get; }

    /// <summary>Gets a value indicating whether the body was read and bound.</summary>
    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Problem))]
    public bool Succeeded => Value is not null;

    internal static StrictJsonResult<T> Success(T value) => new(value, null);

    internal static StrictJsonResult<T> Failure(ProblemHttpResult problem) => new(null, problem);
}
