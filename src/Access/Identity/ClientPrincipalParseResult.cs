using System.Diagnostics.CodeAnalysis;

namespace MedLedger.Access.Identity;

/// <summary>The outcome of <see cref="ClientPrincipalParser.Parse"/>: a principal, or why there is none.</summary>
public sealed class ClientPrincipalParseResult
{
    private ClientPrincipalParseResult(ClientPrincipal? principal, ClientPrincipalError? error, string? detail)
    {
        Principal = principal;
        Error = error;
        Detail = detail;
    }

    /// <summary>Gets a value indicating whether the header held a usable principal.</summary>
    [MemberNotNullWhen(true, nameof(Principal))]
    [MemberNotNullWhen(false, nameof(Error), nameof(Detail))]
    public bool IsSuccess => Principal is not null;

    /// <summary>Gets the principal, when parsing succeeded.</summary>
    public ClientPrincipal? Principal { get; }

    /// <summary>Gets why parsing failed.</summary>
    public ClientPrincipalError? Error { get; }

    /// <summary>Gets a sentence for logs; never contains header content.</summary>
    public string? Detail { get; }

    internal static ClientPrincipalParseResult Success(ClientPrincipal principal) => new(principal, null, null);

    internal static ClientPrincipalParseResult Failure(ClientPrincipalError error, string detail) => new(null, error, detail);
}
