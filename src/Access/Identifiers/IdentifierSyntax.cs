using System.Buffers;
using System.Diagnostics.CodeAnalysis;

namespace MedLedger.Access.Identifiers;

/// <summary>
/// The one syntax for every id this library handles: user keys, organization ids, patient ids, consent ids, record ids
/// and claim ids. It is the FHIR <c>id</c> syntax — 1 to <see cref="MaxLength"/> characters from
/// <c>A–Z a–z 0–9 - .</c> — except that <c>.</c> and <c>..</c> alone are refused.
/// </summary>
/// <remarks>
/// Ids travel into URL paths, FHIR references (<c>Organization/{id}</c>), ledger entries and log lines. A narrow
/// alphabet keeps each of those contexts free of escaping questions: no spaces, slashes, quotes, control characters,
/// or dot segments that a path could resolve. Entra object ids (GUIDs) and the demo keys (<c>dr-ada</c>,
/// <c>clinic-a</c>) fit.
/// </remarks>
public static class IdentifierSyntax
{
    /// <summary>The longest id accepted (as FHIR ids).</summary>
    public const int MaxLength = 64;

    /// <summary>The characters an id may contain.</summary>
    public const string Alphabet = "A-Z a-z 0-9 - .";

    /// <summary>The characters a record id may contain: <see cref="Alphabet"/> and <c>_</c>.</summary>
    public const string RecordIdAlphabet = "A-Z a-z 0-9 - . _";

    private static readonly SearchValues<char> Allowed =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-.");

    private static readonly SearchValues<char> RecordIdAllowed =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._");

    /// <summary>Tells whether <paramref name="value"/> is a well-formed id.</summary>
    public static bool IsValid([NotNullWhen(true)] string? value) =>
        value is { Length: > 0 and <= MaxLength } and not ("." or "..") && !value.AsSpan().ContainsAnyExcept(Allowed);

    /// <summary>
    /// Tells whether <paramref name="value"/> is a well-formed record id: like <see cref="IsValid"/>, with <c>_</c> allowed
    /// too, because the records pipeline mints record ids in base64url (<c>r0-Q1w…</c>).
    /// </summary>
    /// <remarks>Record ids appear only in URL paths, FHIR identifier values and ledger entries — never in a FHIR reference,
    /// whose id syntax has no <c>_</c>.</remarks>
    public static bool IsValidRecordId([NotNullWhen(true)] string? value) =>
        value is { Length: > 0 and <= MaxLength } and not ("." or "..") && !value.AsSpan().ContainsAnyExcept(RecordIdAllowed);

    /// <summary>Throws when <paramref name="value"/> is not a well-formed record id (<see cref="IsValidRecordId"/>).</summary>
    /// <exception cref="ArgumentException"><paramref name="value"/> is null or not a well-formed record id.</exception>
    public static string RequireRecordId([NotNull] string? value, string parameterName)
    {
        if (!IsValidRecordId(value))
        {
            throw new ArgumentException($"'{parameterName}' must be 1 to {MaxLength} characters from {RecordIdAlphabet} (not . or ..).", parameterName);
        }

        return value;
    }

    /// <summary>Throws when <paramref name="value"/> is not a well-formed id (for values that were already validated).</summary>
    /// <exception cref="ArgumentException"><paramref name="value"/> is null or not a well-formed id.</exception>
    public static string Require([NotNull] string? value, string parameterName)
    {
        if (!IsValid(value))
        {
            throw new ArgumentException($"'{parameterName}' must be 1 to {MaxLength} characters from {Alphabet} (not . or ..).", parameterName);
        }

        return value;
    }
}
