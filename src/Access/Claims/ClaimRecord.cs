using MedLedger.Access.Identifiers;
using MedLedger.Access.Policy;
using MedLedger.Ledger.Hashing;

namespace MedLedger.Access.Claims;

/// <summary>What the log says about the record a claim names: its id, the hash the log committed to, its attributes and date of service.</summary>
public sealed record ClaimRecord
{
    /// <summary>Creates the facts of a record.</summary>
    /// <exception cref="ArgumentException"><paramref name="recordId"/> is malformed.</exception>
    public ClaimRecord(string recordId, LedgerHash ciphertextSha256, RecordAttributes attributes, DateOnly? serviceDate)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        RecordId = IdentifierSyntax.RequireRecordId(recordId, nameof(recordId));
        CiphertextSha256 = ciphertextSha256;
        Attributes = attributes;
        ServiceDate = serviceDate;
    }

    /// <summary>Gets the record id.</summary>
    public string RecordId { get; }

    /// <summary>Gets the SHA-256 of the stored record as its creation entry commits to it.</summary>
    public LedgerHash CiphertextSha256 { get; }

    /// <summary>Gets the submitting clinic and category.</summary>
    public RecordAttributes Attributes { get; }

    /// <summary>Gets the date of service, when the record was submitted with one.</summary>
    public DateOnly? ServiceDate { get; }
}
