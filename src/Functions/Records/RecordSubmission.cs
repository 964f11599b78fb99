using System.Diagnostics.CodeAnalysis;
using System.Text;
using MedLedger.Access.Consent;

namespace MedLedger.Functions.Records;

/// <summary>A checked record submission: the patient, the category, the media type and the plaintext bytes.</summary>
/// <param name="PatientId">The patient id (valid per <see cref="Patients.PatientPseudonymizer.IsValidPatientId"/>).</param>
/// <param name="Category">A known category.</param>
/// <param name="ContentType">A valid media type.</param>
/// <param name="Plaintext">The record's bytes (never empty).</param>
internal sealed record RecordSubmission(string PatientId, string Category, string ContentType, ReadOnlyMemory<byte> Plaintext)
{
    /// <summary>Gets the date of service, when the clinic gave one.</summary>
    public DateOnly? ServiceDate { get; init; }

    /// <summary>Checks a request body; on failure <paramref name="error"/> names the member at fault and why, never its value.</summary>
    public static bool TryCreate(
        CreateRecordRequest request,
        [NotNullWhen(true)] out RecordSubmission? submission,
        [NotNullWhen(false)] out (string Path, string Detail)? error)
    {
        ArgumentNullException.ThrowIfNull(request);
        submission = null;
        if (!Patients.PatientPseudonymizer.IsValidPatientId(request.PatientId))
        {
            error = ("$.patientId", $"The patient id must be 1 to {Patients.PatientPseudonymizer.MaxPatientIdLength} characters without control characters or surrounding spaces.");
            return false;
        }

        // The consent vocabulary's categories: a record's category is what consents name.
        if (ConsentCodes.ParseCategory(request.Category) is null)
        {
            error = ("$.category", "The category must be one of: " + string.Join(", ", ConsentCodes.Categories.Select(c => c.ToCode())) + ".");
            return false;
        }

        DateOnly? serviceDate = null;
        if (request.ServiceDate is { } dateText)
        {
            if (dateText.Length != 10 || !DateOnly.TryParseExact(dateText, "yyyy'-'MM'-'dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date))
            {
                error = ("$.serviceDate", "The date of service must be a date as yyyy-MM-dd.");
                return false;
            }

            serviceDate = date;
        }

        var isJson = request.Content is not null;
        if (isJson == (request.ContentBase64 is not null))
        {
            error = ("$", "Give exactly one of content (JSON) and contentBase64.");
            return false;
        }

        if (!RecordContentTypes.IsValid(request.ContentType, isJson))
        {
            error = ("$.contentType", isJson
                ? "The content type must be a concrete media type, and JSON content needs application/json or a +json type."
                : "The content type must be a concrete media type (type/subtype, printable ASCII, at most 255 characters).");
            return false;
        }

        byte[] plaintext;
        if (request.Content is { } json)
        {
            // Stored as the exact text the client sent, so a read returns the same bytes.
            plaintext = Encoding.UTF8.GetBytes(json.GetRawText());
        }
        else if (!TryDecodeBase64(request.ContentBase64!, out plaintext))
        {
            error = ("$.contentBase64", "contentBase64 must be canonical padded base64 (RFC 4648 §4) without whitespace.");
            return false;
        }

        if (plaintext.Length == 0)
        {
            error = (isJson ? "$.content" : "$.contentBase64", "The record is empty.");
            return false;
        }

        submission = new RecordSubmission(request.PatientId, request.Category, request.ContentType, plaintext) { ServiceDate = serviceDate };
        error = null;
        return true;
    }

    private static bool TryDecodeBase64(string text, out byte[] bytes)
    {
        bytes = [];
        if (text.Length % 4 != 0 || text.Any(char.IsWhiteSpace))
        {
            return false;
        }

        var buffer = new byte[text.Length / 4 * 3];
        if (!Convert.TryFromBase64String(text, buffer, out var written))
        {
            return false;
        }

        bytes = buffer[..written];
        // Reject non-zero padding bits: one byte string, one spelling.
        return string.Equals(Convert.ToBase64String(bytes), text, StringComparison.Ordinal);
    }
}
