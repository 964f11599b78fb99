namespace MedLedger.Functions.LedgerLogs;

/// <summary>What the log says about a record's creation: where its envelope is and what exactly was stored.</summary>
/// <param name="Log">The log the record belongs to.</param>
/// <param name="Index">The index of the <c>record.created</c> entry.</param>
/// <param name="Subject">The patient's pseudonym.</param>
/// <param name="RecordId">The record id.</param>
/// <param name="BlobName">The envelope's blob name.</param>
/// <param name="CiphertextSha256">The SHA-256 of the envelope bytes, lowercase hex.</param>
/// <param name="KeyId">The id of the key that wrapped the record's data key.</param>
/// <param name="Category">The record's category.</param>
/// <param name="ContentType">The media type of the plaintext.</param>
internal sealed record RecordCreation(
    string Log, long Index, string Subject, string RecordId, string BlobName, string CiphertextSha256, string KeyId, string Category, string ContentType)
{
    /// <summary>Gets the clinic that submitted the record; null only for entries written before organizations were recorded.</summary>
    public string? Organization { get; init; }

    /// <summary>Gets the record's date of service, when the clinic gave one.</summary>
    public DateOnly? ServiceDate { get; init; }
}
