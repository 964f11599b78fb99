using System.Text.Json;

namespace MedLedger.Functions.Records;

/// <summary>The body of <c>POST /api/records</c>: exactly one of <paramref name="Content"/> and <paramref name="ContentBase64"/>.</summary>
/// <param name="PatientId">The patient's id in the clinic's system; turned into a pseudonym, never stored in the clear.</param>
/// <param name="Category">A record category code (<see cref="MedLedger.Access.Consent.ConsentCodes.Categories"/>: <c>general</c>, <c>oncology</c>, and the sensitive <c>mental-health</c>, <c>substance-use</c>, <c>genetic</c>).</param>
/// <param name="ContentType">The record's media type; reads return the record with it.</param>
/// <param name="Content">The record as JSON (stored as the exact text sent); needs a JSON media type.</param>
/// <param name="ContentBase64">The record's bytes in base64 (RFC 4648 §4, padded).</param>
/// <param name="ServiceDate">The date of service (<c>yyyy-MM-dd</c>), optional; insurer claims are checked against it.</param>
public sealed record CreateRecordRequest(
    string PatientId,
    string Category,
    string ContentType,
    JsonElement? Content = null,
    string? ContentBase64 = null,
    string? ServiceDate = null);
