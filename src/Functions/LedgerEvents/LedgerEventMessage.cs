using System.Text.Json.Serialization;

namespace MedLedger.Functions.LedgerEvents;

/// <summary>
/// One ledger event on its way from intake to the appender: the queue message of <see cref="LedgerEventQueue"/>.
/// Encoded by <see cref="LedgerEventMessageCodec"/> as UTF-8 JSON that starts with its version, <c>{"v":1,</c>.
/// </summary>
/// <remarks>
/// It carries no patient data: <see cref="Subject"/> is the patient's pseudonym, <see cref="Actor"/> a pseudonymous
/// caller id, and the record itself stays in Blob storage, named by <see cref="BlobName"/> and pinned by
/// <see cref="CiphertextSha256"/>. The appender assigns the sequence number and the link to the previous entry.
/// </remarks>
public sealed record LedgerEventMessage
{
    /// <summary>The version this type encodes.</summary>
    public const int CurrentVersion = 1;

    /// <summary>Gets the format version; always <see cref="CurrentVersion"/>.</summary>
    [JsonPropertyName("v")]
    [JsonPropertyOrder(0)]
    public int Version { get; init; } = CurrentVersion;

    /// <summary>Gets the event id: the idempotency key of the append (1–64 of <c>A-Z a-z 0-9 _ -</c>).</summary>
    [JsonPropertyOrder(1)]
    public required string EventId { get; init; }

    /// <summary>Gets the name of the log the event belongs to (the patient's shard).</summary>
    [JsonPropertyOrder(2)]
    public required string Log { get; init; }

    /// <summary>Gets the event type, one of <see cref="LedgerEventTypes"/>.</summary>
    [JsonPropertyOrder(3)]
    public required string Type { get; init; }

    /// <summary>Gets when the event happened (UTC, as intake's clock saw it).</summary>
    [JsonPropertyOrder(4)]
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>Gets the pseudonymous id of the caller who caused the event.</summary>
    [JsonPropertyOrder(5)]
    public required string Actor { get; init; }

    /// <summary>Gets the patient pseudonym (HMAC of the patient id under the ledger secret).</summary>
    [JsonPropertyOrder(6)]
    public required string Subject { get; init; }

    /// <summary>Gets the record id, for record events.</summary>
    [JsonPropertyOrder(7)]
    public string? RecordId { get; init; }

    /// <summary>Gets the name of the blob that holds the record's envelope, for <see cref="LedgerEventTypes.RecordCreated"/>.</summary>
    [JsonPropertyOrder(8)]
    public string? BlobName { get; init; }

    /// <summary>Gets the SHA-256 of the stored blob bytes, 64 lowercase hex digits; the appender re-hashes the blob against it.</summary>
    [JsonPropertyOrder(9)]
    public string? CiphertextSha256 { get; init; }

    /// <summary>Gets the id (with version) of the key that wrapped the record's data key.</summary>
    [JsonPropertyOrder(10)]
    public string? KeyId { get; init; }

    /// <summary>Gets the record's category (for example <c>general</c> or <c>mental-health</c>), for <see cref="LedgerEventTypes.RecordCreated"/>.</summary>
    [JsonPropertyOrder(11)]
    public string? Category { get; init; }

    /// <summary>Gets the media type of the record's plaintext, for <see cref="LedgerEventTypes.RecordCreated"/>; reads return it.</summary>
    [JsonPropertyOrder(12)]
    public string? ContentType { get; init; }

    /// <summary>Gets the purpose of use of a read (HL7 v3 PurposeOfUse code, for example <c>TREAT</c>).</summary>
    [JsonPropertyOrder(13)]
    public string? Purpose { get; init; }

    /// <summary>Gets the reason code of a denial (for example <c>no-consent</c>).</summary>
    [JsonPropertyOrder(14)]
    public string? Reason { get; init; }

    /// <summary>Gets the submitting clinic (the caller's organization, from the directory), for <see cref="LedgerEventTypes.RecordCreated"/>.</summary>
    [JsonPropertyOrder(15)]
    public string? Organization { get; init; }

    /// <summary>Gets the record's date of service (<c>yyyy-MM-dd</c>), when the clinic gave one, for <see cref="LedgerEventTypes.RecordCreated"/>.</summary>
    [JsonPropertyOrder(16)]
    public string? ServiceDate { get; init; }
}
