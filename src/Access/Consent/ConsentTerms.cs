using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using MedLedger.Access.Json;
using MedLedger.Ledger.Entries;
using MedLedger.Ledger.Hashing;

namespace MedLedger.Access.Consent;

/// <summary>
/// What a consent grants: grantee, actions, purposes, record categories and period. Its canonical JSON
/// (<see cref="ToCanonicalJson"/>) and that JSON's SHA-256 (<see cref="ComputeHash"/>) are what ledger entries commit
/// to, so "which exact terms were in force" can be proven later.
/// </summary>
/// <remarks>
/// <para>Canonical form (RFC 8785 key order, no whitespace, via <see cref="CanonicalJson"/>):
/// <c>{"actions":[…],"categories":[…],"format":"medledger-consent-terms/v1","grantee":{"id":…,"kind":…},
/// "period":{"end":…,"start":…},"purposes":[…]}</c>; code arrays sorted by ordinal code order without duplicates;
/// instants as <c>yyyy-MM-ddTHH:mm:ssZ</c>. The patient is not part of the terms: ledger entries name the patient
/// only by pseudonym, and the terms travel inside those entries.</para>
/// <para>Categories: named categories match exactly; the selector <c>non-sensitive</c> matches every category that is
/// not sensitive. A sensitive category (mental-health, substance-use, genetic) is covered only when named.</para>
/// </remarks>
/// <threadsafety>Immutable; safe to share.</threadsafety>
public sealed class ConsentTerms
{
    /// <summary>The format name and version carried in the canonical JSON.</summary>
    public const string Format = "medledger-consent-terms/v1";

    /// <summary>The largest canonical terms document accepted when reading.</summary>
    public const int MaxBytes = 8 * 1024;

    private ConsentTerms(
        Grantee grantee,
        IReadOnlyList<ConsentAction> actions,
        IReadOnlyList<PurposeOfUse> purposes,
        IReadOnlyList<RecordCategory> categories,
        bool includesAllNonSensitive,
        ConsentPeriod period)
    {
        Grantee = grantee;
        Actions = actions;
        Purposes = purposes;
        Categories = categories;
        IncludesAllNonSensitive = includesAllNonSensitive;
        Period = period;
    }

    /// <summary>Gets the grantee.</summary>
    public Grantee Grantee { get; }

    /// <summary>Gets the granted actions, in code order.</summary>
    public IReadOnlyList<ConsentAction> Actions { get; }

    /// <summary>Gets the granted purposes, in code order.</summary>
    public IReadOnlyList<PurposeOfUse> Purposes { get; }

    /// <summary>Gets the categories named explicitly, in code order.</summary>
    public IReadOnlyList<RecordCategory> Categories { get; }

    /// <summary>Gets a value indicating whether every non-sensitive category is covered (the <c>non-sensitive</c> selector).</summary>
    public bool IncludesAllNonSensitive { get; }

    /// <summary>Gets when the consent applies.</summary>
    public ConsentPeriod Period { get; }

    /// <summary>Creates terms; duplicates are removed and codes put in canonical order.</summary>
    /// <exception cref="ArgumentException">No action, purpose or category; a purpose that cannot be granted (ETREAT, PATRQT).</exception>
    public static ConsentTerms Create(
        Grantee grantee,
        IEnumerable<ConsentAction> actions,
        IEnumerable<PurposeOfUse> purposes,
        IEnumerable<RecordCategory> categories,
        bool includesAllNonSensitive,
        ConsentPeriod period)
    {
        ArgumentNullException.ThrowIfNull(grantee);
        ArgumentNullException.ThrowIfNull(actions);
        ArgumentNullException.ThrowIfNull(purposes);
        ArgumentNullException.ThrowIfNull(categories);
        ArgumentNullException.ThrowIfNull(period);

        var actionList = actions.Distinct().OrderBy(a => a.ToCode(), StringComparer.Ordinal).ToList();
        var purposeList = purposes.Distinct().OrderBy(p => p.ToCode(), StringComparer.Ordinal).ToList();
        var categoryList = categories.Distinct().OrderBy(c => c.ToCode(), StringComparer.Ordinal).ToList();
        if (actionList.Count == 0)
        {
            throw new ArgumentException("A consent grants at least one action.", nameof(actions));
        }

        if (purposeList.Count == 0)
        {
            throw new ArgumentException("A consent grants at least one purpose.", nameof(purposes));
        }

        if (purposeList.Any(p => !p.IsGrantable()))
        {
            throw new ArgumentException(
                $"A consent cannot grant {purposeList.First(p => !p.IsGrantable()).ToCode()}: it is decided by its own rule.", nameof(purposes));
        }

        if (categoryList.Count == 0 && !includesAllNonSensitive)
        {
            throw new ArgumentException("A consent covers at least one category (or the non-sensitive selector).", nameof(categories));
        }

        return new ConsentTerms(grantee, actionList, purposeList, categoryList, includesAllNonSensitive, period);
    }

    /// <summary>Tells whether the terms cover records of <paramref name="category"/>.</summary>
    public bool Covers(RecordCategory category) =>
        Categories.Contains(category) || (IncludesAllNonSensitive && !category.IsSensitive());

    /// <summary>Gets the category codes as written on the wire, in code order (named categories and, if set, <c>non-sensitive</c>).</summary>
    public IReadOnlyList<string> CategoryCodes =>
        [.. Categories.Select(c => c.ToCode()).Concat(IncludesAllNonSensitive ? [ConsentCodes.NonSensitive] : []).Order(StringComparer.Ordinal)];

    /// <summary>Serializes the terms canonically (the bytes ledger entries commit to).</summary>
    public byte[] ToCanonicalJson()
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            WriteCodes(writer, "actions", Actions.Select(a => a.ToCode()));
            WriteCodes(writer, "categories", CategoryCodes);
            writer.WriteString("format", Format);
            writer.WriteStartObject("grantee");
            writer.WriteString("id", Grantee.Id);
            writer.WriteString("kind", Grantee.KindCode);
            writer.WriteEndObject();
            writer.WriteStartObject("period");
            writer.WriteString("end", InstantText.Format(Period.End));
            writer.WriteString("start", InstantText.Format(Period.Start));
            writer.WriteEndObject();
            WriteCodes(writer, "purposes", Purposes.Select(p => p.ToCode()));
            writer.WriteEndObject();
        }

        // Re-spell through the ledger's canonicalizer so escaping and key order follow exactly one implementation.
        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return CanonicalJson.Serialize(document.RootElement);
    }

    /// <summary>Computes SHA-256 of <see cref="ToCanonicalJson"/>.</summary>
    public LedgerHash ComputeHash() => LedgerHash.Sha256(ToCanonicalJson());

    /// <summary>Reads terms from their canonical JSON, refusing any other spelling of the same terms.</summary>
    public static bool TryParseCanonical(ReadOnlySpan<byte> utf8Json, [NotNullWhen(true)] out ConsentTerms? terms, [NotNullWhen(false)] out InputError? error)
    {
        terms = null;
        if (utf8Json.Length > MaxBytes || !CanonicalJson.IsCanonical(utf8Json))
        {
            error = new InputError("$", "The consent terms are not in canonical form.");
            return false;
        }

        using var document = StrictJson.TryParse(utf8Json, MaxBytes, out var jsonError);
        if (document is null)
        {
            error = jsonError!;
            return false;
        }

        try
        {
            var root = JsonRead.Object(document.RootElement, "$", "actions", "categories", "format", "grantee", "period", "purposes");
            if (JsonRead.RequiredString(root, "$", "format") != Format)
            {
                throw new JsonInputException("$.format", $"Expected \"{Format}\".");
            }

            var grantee = JsonRead.Object(JsonRead.Required(root, "$", "grantee"), "$.grantee", "id", "kind");
            var kind = JsonRead.RequiredString(grantee, "$.grantee", "kind") switch
            {
                "organization" => GranteeKind.Organization,
                "user" => GranteeKind.User,
                _ => throw new JsonInputException("$.grantee.kind", "Expected \"organization\" or \"user\"."),
            };
            var parsed = ConsentTermsReader.ReadBody(root, "$", Grantee.Of(kind, JsonRead.RequiredId(grantee, "$.grantee", "id")));
            if (!parsed.ToCanonicalJson().AsSpan().SequenceEqual(utf8Json))
            {
                throw new JsonInputException("$", "The consent terms are not in canonical form.");
            }

            terms = parsed;
            error = null;
            return true;
        }
        catch (JsonInputException exception)
        {
            error = new InputError(exception.Path, exception.Message);
            return false;
        }
    }

    private static void WriteCodes(Utf8JsonWriter writer, string name, IEnumerable<string> codes)
    {
        writer.WriteStartArray(name);
        foreach (var code in codes)
        {
            writer.WriteStringValue(code);
        }

        writer.WriteEndArray();
    }
}
