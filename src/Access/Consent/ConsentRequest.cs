using System.Text.Json;
using MedLedger.Access.Json;

namespace MedLedger.Access.Consent;

/// <summary>
/// The body of <c>POST /api/patients/{patientId}/consents</c>:
/// <c>{"grantee":"clinic-b","actions":["access"],"purposes":["TREAT"],"categories":["general"],
/// "period":{"start":"2026-01-01T00:00:00Z","end":"2026-07-01T00:00:00Z"}}</c>.
/// </summary>
/// <remarks>
/// The grantee is an organization id or a user key; which one is decided against the directory
/// (<see cref="ResolveGrantee"/>), never guessed. Members other than these five are refused (mass assignment, OWASP API3).
/// </remarks>
public sealed class ConsentRequest
{
    /// <summary>The largest body accepted.</summary>
    public const int MaxBytes = 8 * 1024;

    private readonly ConsentTerms _termsForOrganization;

    private ConsentRequest(string granteeId, ConsentTerms termsForOrganization)
    {
        GranteeId = granteeId;
        _termsForOrganization = termsForOrganization;
    }

    /// <summary>Gets the grantee as written: an organization id or a user key.</summary>
    public string GranteeId { get; }

    /// <summary>Parses and checks a request body.</summary>
    public static ConsentRequestParseResult Parse(ReadOnlySpan<byte> utf8Json)
    {
        using var document = StrictJson.TryParse(utf8Json, MaxBytes, out var error);
        if (document is null)
        {
            return ConsentRequestParseResult.Failure(error!);
        }

        try
        {
            var root = JsonRead.Object(document.RootElement, "$", "grantee", "actions", "purposes", "categories", "period");
            var grantee = JsonRead.RequiredId(root, "$", "grantee");
            var terms = ConsentTermsReader.ReadBody(root, "$", Grantee.Organization(grantee));
            return ConsentRequestParseResult.Success(new ConsentRequest(grantee, terms));
        }
        catch (JsonInputException exception)
        {
            return ConsentRequestParseResult.Failure(new InputError(exception.Path, exception.Message));
        }
    }

    /// <summary>Gets the terms once the directory has said what <see cref="GranteeId"/> names.</summary>
    public ConsentTerms ResolveGrantee(GranteeKind kind) =>
        kind == GranteeKind.Organization
            ? _termsForOrganization
            : ConsentTerms.Create(
                Grantee.Of(kind, GranteeId),
                _termsForOrganization.Actions,
                _termsForOrganization.Purposes,
                _termsForOrganization.Categories,
                _termsForOrganization.IncludesAllNonSensitive,
                _termsForOrganization.Period);
}
