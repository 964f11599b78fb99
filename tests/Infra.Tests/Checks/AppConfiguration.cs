namespace MedLedger.Infra.Tests.Checks;

/// <summary>
/// The configuration keys the app reads: flat settings, array sections with the keys of each element, and the
/// subset of flat settings read only in local development.
/// </summary>
internal sealed record AppConfiguration(
    IReadOnlyList<string> Settings,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Sections,
    IReadOnlyList<string> LocalOnly);
