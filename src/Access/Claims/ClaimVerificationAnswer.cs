using System.Buffers;
using System.Text.Json;
using MedLedger.Access.Identifiers;
using MedLedger.Ledger.Receipts;

namespace MedLedger.Access.Claims;

/// <summary>
/// The answer to a claim verification:
/// <c>{"claimId":…,"verified":true|false,"reasons":[…],"receipts":{"record":&lt;receipt&gt;|null,"consentDecision":&lt;receipt&gt;|null}}</c>.
/// </summary>
/// <remarks>
/// A verified answer has no reasons and both receipts: the record's creation entry and the consent decision that
/// permitted the disclosure, each verifiable offline (<see cref="Receipt"/>). An unverified answer has at least one
/// reason and whatever receipts exist (a denied decision is logged and has a receipt too).
/// </remarks>
public sealed class ClaimVerificationAnswer
{
    private ClaimVerificationAnswer(string claimId, bool verified, IReadOnlyList<ClaimVerificationReason> reasons, Receipt? recordReceipt, Receipt? consentDecisionReceipt)
    {
        ClaimId = claimId;
        Verified = verified;
        Reasons = reasons;
        RecordReceipt = recordReceipt;
        ConsentDecisionReceipt = consentDecisionReceipt;
    }

    /// <summary>Gets the claim id.</summary>
    public string ClaimId { get; }

    /// <summary>Gets a value indicating whether the claim is verified.</summary>
    public bool Verified { get; }

    /// <summary>Gets why the claim is not verified (empty when verified).</summary>
    public IReadOnlyList<ClaimVerificationReason> Reasons { get; }

    /// <summary>Gets the receipt of the record's creation entry.</summary>
    public Receipt? RecordReceipt { get; }

    /// <summary>Gets the receipt of the consent decision entry.</summary>
    public Receipt? ConsentDecisionReceipt { get; }

    /// <summary>A verified claim, with both receipts.</summary>
    public static ClaimVerificationAnswer Confirmed(string claimId, Receipt recordReceipt, Receipt consentDecisionReceipt)
    {
        ArgumentNullException.ThrowIfNull(recordReceipt);
        ArgumentNullException.ThrowIfNull(consentDecisionReceipt);
        return new(IdentifierSyntax.Require(claimId, nameof(claimId)), true, [], recordReceipt, consentDecisionReceipt);
    }

    /// <summary>An unverified claim.</summary>
    /// <exception cref="ArgumentException"><paramref name="reasons"/> is empty.</exception>
    public static ClaimVerificationAnswer Refuted(string claimId, IEnumerable<ClaimVerificationReason> reasons, Receipt? recordReceipt = null, Receipt? consentDecisionReceipt = null)
    {
        ArgumentNullException.ThrowIfNull(reasons);
        var list = reasons.Distinct().Order().ToList();
        if (list.Count == 0)
        {
            throw new ArgumentException("An unverified claim needs at least one reason.", nameof(reasons));
        }

        return new(IdentifierSyntax.Require(claimId, nameof(claimId)), false, list, recordReceipt, consentDecisionReceipt);
    }

    /// <summary>Gets the code of <paramref name="reason"/>.</summary>
    public static string ToCode(ClaimVerificationReason reason) => reason switch
    {
        ClaimVerificationReason.RecordNotFound => "record-not-found",
        ClaimVerificationReason.RecordHashMismatch => "record-hash-mismatch",
        ClaimVerificationReason.ConsentMissing => "consent-missing",
        ClaimVerificationReason.ConsentRevoked => "consent-revoked",
        ClaimVerificationReason.ConsentExpired => "consent-expired",
        ClaimVerificationReason.ConsentNotYetActive => "consent-not-yet-active",
        ClaimVerificationReason.SensitiveCategoryNotConsented => "sensitive-category-not-consented",
        ClaimVerificationReason.ServiceDateMismatch => "service-date-mismatch",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "Not a defined reason."),
    };

    /// <summary>Serializes the answer as UTF-8 JSON.</summary>
    public byte[] ToJson()
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("claimId", ClaimId);
            writer.WriteBoolean("verified", Verified);
            writer.WriteStartArray("reasons");
            foreach (var reason in Reasons)
            {
                writer.WriteStringValue(ToCode(reason));
            }

            writer.WriteEndArray();
            writer.WriteStartObject("receipts");
            WriteReceipt(writer, "record", RecordReceipt);
            WriteReceipt(writer, "consentDecision", ConsentDecisionReceipt);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteReceipt(Utf8JsonWriter writer, string name, Receipt? receipt)
    {
        writer.WritePropertyName(name);
        if (receipt is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteRawValue(receipt.ToJson(), skipInputValidation: true);
        }
    }
}
