namespace MedLedger.Functions.Http;

/// <summary>Why a text is not strict JSON.</summary>
/// <param name="Detail">A client-safe sentence that quotes nothing from the text.</param>
/// <param name="Path">The JSON path of the fault, when known.</param>
/// <param name="Line">The 0-based line of the fault, when known.</param>
internal sealed record StrictJsonFault(string Detail, string? Path, long? Line);
