using System.Diagnostics.CodeAnalysis;
using MedLedger.Access.Json;

namespace MedLedger.Access.Consent;

/// <summary>The outcome of <see cref="ConsentRequest.Parse"/>.</summary>
public sealed class ConsentRequestParseResult
{
    private ConsentRequestParseResult(ConsentRequest? request, InputError? error)
    {
        Request = request;
        Error = error;
    }

    /// <summary>Gets a value indicating whether the body is a valid consent request.</summary>
    [MemberNotNullWhen(true, nameof(Request))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Request is not null;

    /// <summary>Gets the request.</summary>
    public ConsentRequest? Request { get; }

    /// <summary>Gets the first problem found.</summary>
    public InputError? Error { get; }

    internal static ConsentRequestParseResult Success(ConsentRequest request) => new(request, null);

    internal static ConsentRequestParseResult Failure(InputError error) => new(null, error);
}
