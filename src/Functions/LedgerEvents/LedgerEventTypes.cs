namespace MedLedger.Functions.LedgerEvents;

/// <summary>The event types a ledger event message may carry; a message of any other type is malformed.</summary>
/// <remarks>
/// Only <see cref="RecordCreated"/> travels through the queue (the appender re-hashes the stored blob first). Reads and
/// denials are decisions that the access layer appends directly, with their decision data, before it answers
/// (docs/ledger-events.md); the appender refuses them from the queue (<c>not-a-queued-event</c>). Their message shapes
/// stay decodable so a refused message can still be read and reported.
/// </remarks>
public static class LedgerEventTypes
{
    /// <summary>A record was stored. Needs <c>recordId</c>, <c>blobName</c>, <c>ciphertextSha256</c> and <c>keyId</c>.</summary>
    public const string RecordCreated = "record.created";

    /// <summary>A record was released to a reader. Needs <c>recordId</c>; <c>purpose</c> names the purpose of use.</summary>
    public const string RecordRead = "record.read";

    /// <summary>An access was refused. Needs <c>reason</c>; <c>recordId</c> when a record was asked for.</summary>
    public const string AccessDenied = "access.denied";

    /// <summary>Gets every known type.</summary>
    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal) { RecordCreated, RecordRead, AccessDenied };
}
