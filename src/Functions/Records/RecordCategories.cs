namespace MedLedger.Functions.Records;

/// <summary>
/// The categories a record may have. Consent grants name categories, and the sensitive ones (42 CFR Part 2 style:
/// mental health, substance use, genetics) need a grant that names them explicitly.
/// </summary>
internal static class RecordCategories
{
    /// <summary>Everything without a more specific category.</summary>
    public const string General = "general";

    /// <summary>Cancer care.</summary>
    public const string Oncology = "oncology";

    /// <summary>Mental health (sensitive).</summary>
    public const string MentalHealth = "mental-health";

    /// <summary>Substance use disorder treatment (sensitive).</summary>
    public const string SubstanceUse = "substance-use";

    /// <summary>Genetic test results and counselling (sensitive).</summary>
    public const string Genetic = "genetic";

    /// <summary>Gets every category, in the order the API documents them.</summary>
    public static IReadOnlyList<string> All { get; } = [General, Oncology, MentalHealth, SubstanceUse, Genetic];

    /// <summary>Gets the categories that need explicit consent.</summary>
    public static IReadOnlySet<string> Sensitive { get; } = new HashSet<string>(StringComparer.Ordinal) { MentalHealth, SubstanceUse, Genetic };

    /// <summary>Checks a category name (exact, lowercase).</summary>
    public static bool IsKnown(string? category) => category is not null && All.Contains(category, StringComparer.Ordinal);
}
