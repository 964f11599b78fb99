using System.Text.Json;
using MedLedger.Access.Identifiers;
using MedLedger.Access.Json;

namespace MedLedger.Access.Identity;

/// <summary>
/// Reads App Service authentication's <c>X-MS-CLIENT-PRINCIPAL</c> header: base64 of UTF-8 JSON
/// <c>{"auth_typ","claims":[{"typ","val"}],"name_typ","role_typ"}</c>.
/// </summary>
/// <remarks>
/// <para>Whether the header may be believed at all is a separate decision (<see cref="PrincipalHeaderTrust"/>); this
/// parser only makes sure that a believed header cannot crash or mislead us: bounded size and claim count, strict
/// base64 and JSON (no duplicate members), and an unambiguous user key.</para>
/// <para>The user key is the object id claim, <c>http://schemas.microsoft.com/identity/claims/objectidentifier</c> or
/// <c>oid</c>; if both appear they must agree. Roles are the values of claims typed <c>roles</c> or typed as the
/// header's <c>role_typ</c>; values other than the five known roles are ignored. Members the platform may add in
/// future are ignored, since the platform, not the caller, writes this header.</para>
/// </remarks>
public static class ClientPrincipalParser
{
    /// <summary>The longest header value accepted, in characters.</summary>
    public const int MaxHeaderLength = 16 * 1024;

    /// <summary>The most claims accepted.</summary>
    public const int MaxClaims = 512;

    /// <summary>The claim type of the Entra object id in its long form.</summary>
    public const string ObjectIdClaimType = "http://schemas.microsoft.com/identity/claims/objectidentifier";

    /// <summary>The claim type of the Entra object id in its short form.</summary>
    public const string ShortObjectIdClaimType = "oid";

    /// <summary>The claim type of app roles in Entra tokens.</summary>
    public const string RolesClaimType = "roles";

    /// <summary>Parses a header value.</summary>
    public static ClientPrincipalParseResult Parse(string? headerValue)
    {
        if (string.IsNullOrEmpty(headerValue))
        {
            return ClientPrincipalParseResult.Failure(ClientPrincipalError.Missing, "The X-MS-CLIENT-PRINCIPAL header is missing.");
        }

        if (headerValue.Length > MaxHeaderLength)
        {
            return ClientPrincipalParseResult.Failure(ClientPrincipalError.TooLarge, $"The X-MS-CLIENT-PRINCIPAL header is longer than {MaxHeaderLength} characters.");
        }

        if (!TryDecodeCanonicalBase64(headerValue, out var json))
        {
            return ClientPrincipalParseResult.Failure(ClientPrincipalError.NotBase64, "The X-MS-CLIENT-PRINCIPAL header is not canonical base64.");
        }

        using var document = StrictJson.TryParse(json, json.Length, out var jsonError);
        if (document is null)
        {
            return ClientPrincipalParseResult.Failure(ClientPrincipalError.MalformedJson, $"The X-MS-CLIENT-PRINCIPAL JSON is malformed: {jsonError}.");
        }

        try
        {
            return Read(document.RootElement);
        }
        catch (JsonInputException exception)
        {
            return ClientPrincipalParseResult.Failure(ClientPrincipalError.InvalidShape, $"The X-MS-CLIENT-PRINCIPAL JSON is invalid at {exception.Path}: {exception.Message}");
        }
    }

    private static ClientPrincipalParseResult Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new JsonInputException("$", "Expected a JSON object.");
        }

        var authenticationType = JsonRead.RequiredString(root, "$", "auth_typ");
        if (authenticationType.Length is 0 or > 64)
        {
            throw new JsonInputException("$.auth_typ", "Expected 1 to 64 characters.");
        }

        var roleType = OptionalNullableString(root, "role_typ");
        _ = OptionalNullableString(root, "name_typ");
        var claims = JsonRead.Array(JsonRead.Required(root, "$", "claims"), "$.claims", MaxClaims, allowEmpty: true);

        string? userKey = null;
        var conflicting = false;
        var roles = new HashSet<Role>();
        for (var i = 0; i < claims.Count; i++)
        {
            var path = JsonRead.Index("$.claims", i);
            if (claims[i].ValueKind != JsonValueKind.Object)
            {
                throw new JsonInputException(path, "Expected a JSON object.");
            }

            var type = JsonRead.RequiredString(claims[i], path, "typ");
            var value = JsonRead.RequiredString(claims[i], path, "val");
            if (type is ObjectIdClaimType or ShortObjectIdClaimType)
            {
                conflicting |= userKey is not null && !string.Equals(userKey, value, StringComparison.Ordinal);
                userKey ??= value;
            }
            else if (type == RolesClaimType || (!string.IsNullOrEmpty(roleType) && type == roleType))
            {
                if (RoleNames.Parse(value) is { } role)
                {
                    roles.Add(role);
                }
            }
        }

        if (conflicting)
        {
            return ClientPrincipalParseResult.Failure(ClientPrincipalError.ConflictingUserKeys, "The X-MS-CLIENT-PRINCIPAL object id claims disagree.");
        }

        if (userKey is null)
        {
            return ClientPrincipalParseResult.Failure(ClientPrincipalError.MissingUserKey, "The X-MS-CLIENT-PRINCIPAL has no object id claim (oid).");
        }

        if (!IdentifierSyntax.IsValid(userKey))
        {
            return ClientPrincipalParseResult.Failure(ClientPrincipalError.InvalidUserKey, "The X-MS-CLIENT-PRINCIPAL object id is not a well-formed id.");
        }

        return ClientPrincipalParseResult.Success(new ClientPrincipal(authenticationType, userKey, roles));
    }

    private static string? OptionalNullableString(JsonElement obj, string name) =>
        JsonRead.Optional(obj, name) is { } value && value.ValueKind != JsonValueKind.Null
            ? JsonRead.String(value, JsonRead.Member("$", name))
            : null;

    private static bool TryDecodeCanonicalBase64(string text, out byte[] bytes)
    {
        bytes = [];
        if (text.Length % 4 != 0)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (c is not ((>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '+' or '/' or '='))
            {
                return false;
            }
        }

        var buffer = new byte[text.Length / 4 * 3];
        if (!Convert.TryFromBase64String(text, buffer, out var written))
        {
            return false;
        }

        bytes = buffer[..written];

        // Non-zero padding bits decode too; only the canonical spelling is accepted.
        return string.Equals(Convert.ToBase64String(bytes), text, StringComparison.Ordinal);
    }
}
