using System.Diagnostics.CodeAnalysis;
using MedLedger.Access.Consent;
using MedLedger.Access.Json;

namespace MedLedger.Access.Fhir;

/// <summary>The outcome of <see cref="FhirConsentImporter.Import"/>: the patient and terms, or every problem found.</summary>
public sealed class FhirConsentImportResult
{
    private FhirConsentImportResult(string? patientId, ConsentTerms? terms, IReadOnlyList<InputError> errors)
    {
        PatientId = patientId;
        Terms = terms;
        Errors = errors;
    }

    /// <summary>Gets a value indicating whether the resource was imported.</summary>
    [MemberNotNullWhen(true, nameof(PatientId), nameof(Terms))]
    public bool IsSuccess => Terms is not null;

    /// <summary>Gets the patient the consent concerns (the request's patient must be the same).</summary>
    public string? PatientId { get; }

    /// <summary>Gets the imported terms.</summary>
    public ConsentTerms? Terms { get; }

    /// <summary>Gets every problem found, each with its JSON path (empty on success).</summary>
    public IReadOnlyList<InputError> Errors { get; }

    internal static FhirConsentImportResult Success(string patientId, ConsentTerms terms) => new(patientId, terms, []);

    internal static FhirConsentImportResult Failure(IReadOnlyList<InputError> errors) => new(null, null, errors);
}
