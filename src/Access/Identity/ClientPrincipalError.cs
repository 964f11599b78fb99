namespace MedLedger.Access.Identity;

/// <summary>Why an <c>X-MS-CLIENT-PRINCIPAL</c> value was refused.</summary>
public enum ClientPrincipalError
{
    /// <summary>The header is absent or empty.</summary>
    Missing,

    /// <summary>The header is longer than <see cref="ClientPrincipalParser.MaxHeaderLength"/> characters.</summary>
    TooLarge,

    /// <summary>The header is not canonical base64.</summary>
    NotBase64,

    /// <summary>The decoded bytes are not strict UTF-8 JSON.</summary>
    MalformedJson,

    /// <summary>The JSON does not have the principal's shape (types, sizes, <c>auth_typ</c>, <c>claims</c>).</summary>
    InvalidShape,

    /// <summary>No object id claim (<c>oid</c> or its long URI form).</summary>
    MissingUserKey,

    /// <summary>Object id claims disagree with each other.</summary>
    ConflictingUserKeys,

    /// <summary>The object id is not a well-formed id.</summary>
    InvalidUserKey,
}
