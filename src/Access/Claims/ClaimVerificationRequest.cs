using System.Globalization;
using System.Text.Json;
using MedLedger.Access.Consent;
using MedLedger.Access.Json;
using MedLedger.Ledger.Hashing;

namespace MedLedger.Access.Claims;

/// <summary>
/// The body of <c>POST /api/claims/verify</c>, parsed only after its webhook signature has been verified:
/// <c>{"claimId":"c-77","patientId":"p-1","recordId":"r-9","serviceDate":"2026-03-02","purpose":"HPAYMT"}</c>. The record is
/// named by <c>recordId</c>, by <c>recordHash</c> (64 lowercase hex digits of the record's stored SHA-256), or by both —
/// then the hash is checked against the record's (<see cref="ClaimVerificationReason.RecordHashMismatch"/>).
/// </summary>
/// <remarks>Unknown members, a purpose other than HPAYMT and every malformed value are refused with the JSON path.</remarks>
public sealed class ClaimVerificationRequest
{
    /// <summary>The largest body accepted.</summary>
    public const int MaxBytes = 4 * 1024;

    private ClaimVerificationRequest(string claimId, string patientId, string? recordId, LedgerHash? recordHash, DateOnly serviceDate)
    {
        ClaimId = claimId;
        PatientId = patientId;
        RecordId = recordId;
        RecordHash = recordHash;
        ServiceDate = serviceDate;
    }

    /// <summary>Gets the insurer's claim id.</summary>
    public string ClaimId { get; }

    /// <summary>Gets the patient the claim concerns.</summary>
    public string PatientId { get; }

    /// <summary>Gets the record id, when the claim names the record by id (at least one of this and <see cref="RecordHash"/> is set).</summary>
    public string? RecordId { get; }

    /// <summary>Gets the SHA-256 of the stored record the claim states, when it does.</summary>
    public LedgerHash? RecordHash { get; }

    /// <summary>Gets the claimed date of service.</summary>
    public DateOnly ServiceDate { get; }

    /// <summary>Gets the stated purpose: always payment.</summary>
    public PurposeOfUse Purpose => PurposeOfUse.Payment;

    /// <summary>Parses a body.</summary>
    public static ClaimVerificationRequestParseResult Parse(ReadOnlySpan<byte> utf8Json)
    {
        using var document = StrictJson.TryParse(utf8Json, MaxBytes, out var error);
        if (document is null)
        {
            return ClaimVerificationRequestParseResult.Failure(error!);
        }

        try
        {
            var root = JsonRead.Object(document.RootElement, "$", "claimId", "patientId", "recordId", "recordHash", "serviceDate", "purpose");
            var claimId = JsonRead.RequiredId(root, "$", "claimId");
            var patientId = JsonRead.RequiredId(root, "$", "patientId");
            var recordIdValue = JsonRead.Optional(root, "recordId");
            var recordHashValue = JsonRead.Optional(root, "recordHash");
            if (recordIdValue is null && recordHashValue is null)
            {
                throw new JsonInputException("$", "Name the record by \"recordId\", \"recordHash\" or both.");
            }

            var recordId = recordIdValue is { } id ? JsonRead.RecordId(id, "$.recordId") : null;
            LedgerHash? recordHash = recordHashValue is { } hash ? ReadHash(JsonRead.String(hash, "$.recordHash")) : null;
            var serviceDateText = JsonRead.RequiredString(root, "$", "serviceDate");
            if (serviceDateText.Length != 10
                || !DateOnly.TryParseExact(serviceDateText, "yyyy'-'MM'-'dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var serviceDate))
            {
                throw new JsonInputException("$.serviceDate", "Expected a date as yyyy-MM-dd.");
            }

            if (JsonRead.RequiredString(root, "$", "purpose") != PurposeOfUse.Payment.ToCode())
            {
                throw new JsonInputException("$.purpose", "Claim verification is for payment only: expected \"HPAYMT\".");
            }

            return ClaimVerificationRequestParseResult.Success(new ClaimVerificationRequest(claimId, patientId, recordId, recordHash, serviceDate));
        }
        catch (JsonInputException exception)
        {
            return ClaimVerificationRequestParseResult.Failure(new InputError(exception.Path, exception.Message));
        }
    }

    private static LedgerHash ReadHash(string text)
    {
        if (text.Length != LedgerHash.Size * 2 || !text.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f')))
        {
            throw new JsonInputException("$.recordHash", "Expected 64 lowercase hexadecimal digits (SHA-256).");
        }

        return new LedgerHash(Convert.FromHexString(text));
    }
}
