namespace MedLedger.Access.Consent;

/// <summary>The wire codes of consent vocabulary: actions, purposes and record categories.</summary>
/// <remarks>Codes are exact and case-sensitive; unknown codes are refused, never ignored, because ignoring a term
/// of a consent would change what it permits.</remarks>
public static class ConsentCodes
{
    /// <summary>The category selector meaning "every category that is not sensitive" (in consents only, never on records).</summary>
    public const string NonSensitive = "non-sensitive";

    /// <summary>Every action.</summary>
    public static IReadOnlyList<ConsentAction> Actions { get; } = [ConsentAction.Access, ConsentAction.Disclose];

    /// <summary>Every purpose.</summary>
    public static IReadOnlyList<PurposeOfUse> Purposes { get; } =
        [PurposeOfUse.Treatment, PurposeOfUse.EmergencyTreatment, PurposeOfUse.Payment, PurposeOfUse.Operations, PurposeOfUse.Research, PurposeOfUse.PatientRequest];

    /// <summary>The purposes a consent may grant: all but ETREAT (break-glass) and PATRQT (the patient's own access).</summary>
    public static IReadOnlyList<PurposeOfUse> GrantablePurposes { get; } =
        [PurposeOfUse.Treatment, PurposeOfUse.Payment, PurposeOfUse.Operations, PurposeOfUse.Research];

    /// <summary>Every record category.</summary>
    public static IReadOnlyList<RecordCategory> Categories { get; } =
        [RecordCategory.General, RecordCategory.Oncology, RecordCategory.MentalHealth, RecordCategory.SubstanceUse, RecordCategory.Genetic];

    /// <summary>Gets the code of <paramref name="action"/>.</summary>
    public static string ToCode(this ConsentAction action) => action switch
    {
        ConsentAction.Access => "access",
        ConsentAction.Disclose => "disclose",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Not a defined action."),
    };

    /// <summary>Gets the code of <paramref name="purpose"/>.</summary>
    public static string ToCode(this PurposeOfUse purpose) => purpose switch
    {
        PurposeOfUse.Treatment => "TREAT",
        PurposeOfUse.EmergencyTreatment => "ETREAT",
        PurposeOfUse.Payment => "HPAYMT",
        PurposeOfUse.Operations => "HOPERAT",
        PurposeOfUse.Research => "HRESCH",
        PurposeOfUse.PatientRequest => "PATRQT",
        _ => throw new ArgumentOutOfRangeException(nameof(purpose), purpose, "Not a defined purpose."),
    };

    /// <summary>Gets the code of <paramref name="category"/>.</summary>
    public static string ToCode(this RecordCategory category) => category switch
    {
        RecordCategory.General => "general",
        RecordCategory.Oncology => "oncology",
        RecordCategory.MentalHealth => "mental-health",
        RecordCategory.SubstanceUse => "substance-use",
        RecordCategory.Genetic => "genetic",
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, "Not a defined category."),
    };

    /// <summary>Tells whether records of <paramref name="category"/> need a consent that names the category itself.</summary>
    public static bool IsSensitive(this RecordCategory category) =>
        category is RecordCategory.MentalHealth or RecordCategory.SubstanceUse or RecordCategory.Genetic;

    /// <summary>Tells whether a consent may grant <paramref name="purpose"/>.</summary>
    public static bool IsGrantable(this PurposeOfUse purpose) =>
        purpose is PurposeOfUse.Treatment or PurposeOfUse.Payment or PurposeOfUse.Operations or PurposeOfUse.Research;

    /// <summary>Maps an action code; null when unknown.</summary>
    public static ConsentAction? ParseAction(string code) => Actions.Cast<ConsentAction?>().FirstOrDefault(a => a!.Value.ToCode() == code);

    /// <summary>Maps a purpose code; null when unknown.</summary>
    public static PurposeOfUse? ParsePurpose(string code) => Purposes.Cast<PurposeOfUse?>().FirstOrDefault(p => p!.Value.ToCode() == code);

    /// <summary>Maps a category code; null when unknown (including <see cref="NonSensitive"/>, which is not a record category).</summary>
    public static RecordCategory? ParseCategory(string code) => Categories.Cast<RecordCategory?>().FirstOrDefault(c => c!.Value.ToCode() == code);
}
