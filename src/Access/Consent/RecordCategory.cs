namespace MedLedger.Access.Consent;

/// <summary>The category of a record, which decides how explicitly a consent must name it.</summary>
public enum RecordCategory
{
    /// <summary><c>general</c>.</summary>
    General,

    /// <summary><c>oncology</c>.</summary>
    Oncology,

    /// <summary><c>mental-health</c>: sensitive.</summary>
    MentalHealth,

    /// <summary><c>substance-use</c>: sensitive.</summary>
    SubstanceUse,

    /// <summary><c>genetic</c>: sensitive.</summary>
    Genetic,
}
