using System.Buffers.Text;
using System.Text;
using MedLedger.Functions.Keys;

namespace MedLedger.Functions.Patients;

/// <summary>
/// Turns patient ids into pseudonyms: base64url (no padding) of HMAC-SHA256(key = UTF-8 of
/// <c>MedLedger:PseudonymSecret</c>, message = UTF-8 of the patient id). The pseudonym is stable, 43 characters long,
/// and reveals nothing about the id without the secret; it is the only form of a patient the ledger ever holds.
/// </summary>
/// <threadsafety>Safe for concurrent use.</threadsafety>
internal sealed class PatientPseudonymizer(LedgerSecrets secrets)
{
    /// <summary>The length of every pseudonym.</summary>
    public const int PseudonymLength = 43;

    /// <summary>The longest patient id accepted, in characters.</summary>
    public const int MaxPatientIdLength = 256;

    /// <summary>Checks a patient id: 1 to <see cref="MaxPatientIdLength"/> characters of well-formed text, no control characters, no surrounding spaces.</summary>
    /// <remarks>Ids are used exactly as given (no case folding or trimming): two spellings would be two patients.</remarks>
    public static bool IsValidPatientId(string? patientId)
    {
        if (patientId is not { Length: > 0 and <= MaxPatientIdLength } ||
            char.IsWhiteSpace(patientId[0]) || char.IsWhiteSpace(patientId[^1]))
        {
            return false;
        }

        var rest = patientId.AsSpan();
        while (!rest.IsEmpty)
        {
            // Lone surrogates have no UTF-8 form: refuse them rather than hash a replacement character.
            if (Rune.DecodeFromUtf16(rest, out var rune, out var used) != System.Buffers.OperationStatus.Done || Rune.IsControl(rune))
            {
                return false;
            }

            rest = rest[used..];
        }

        return true;
    }

    /// <summary>Returns the pseudonym of <paramref name="patientId"/>.</summary>
    /// <exception cref="ArgumentException">The id is not valid (<see cref="IsValidPatientId"/>).</exception>
    public string Pseudonymize(string patientId)
    {
        if (!IsValidPatientId(patientId))
        {
            throw new ArgumentException("The patient id is not valid.", nameof(patientId));
        }

        return Base64Url.EncodeToString(secrets.PseudonymMac(Encoding.UTF8.GetBytes(patientId)));
    }
}
