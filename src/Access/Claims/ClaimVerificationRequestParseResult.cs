using System.Diagnostics.CodeAnalysis;
using MedLedger.Access.Json;

namespace MedLedger.Access.Claims;

/// <summary>The outcome of <see cref="ClaimVerificationRequest.Parse"/>.</summary>
public sealed class ClaimVerificationRequestParseResult
{
    private ClaimVerificationRequestParseResult(ClaimVerificationRequest? request, InputError? error)
    {
        Request = request;
        Error = error;
    }

    /// <summary>Gets a value indicating whether the body is a valid request.</summary>
    [MemberNotNullWhen(true, nameof(Request))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Request is not null;

    /// <summary>Gets the request.</summary>
    public ClaimVerificationRequest? Request { get; }

    /// <summary>Gets the first problem found.</summary>
    public InputError? Error { get; }

    internal static ClaimVerificationRequestParseResult Success(ClaimVerificationRequest request) => new(request, null);

    internal static ClaimVerificationRequestParseResult Failure(InputError error) => new(null, error);
}
