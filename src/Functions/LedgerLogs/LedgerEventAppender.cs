using System.Security.Cryptography;
using Azure;
using MedLedger.Access.Consent;
using MedLedger.Functions.LedgerEvents;
using MedLedger.Functions.Patients;
using MedLedger.Functions.Records;
using MedLedger.Functions.Storage;
using MedLedger.Ledger.Entries;
using MedLedger.Ledger.Storage;

namespace MedLedger.Functions.LedgerLogs;

/// <summary>
/// Appends queue messages to their log (<see cref="ILedgerEventAppender"/>). Before a <c>record.created</c> event it
/// downloads the record's blob and compares its SHA-256 with the message, so the log commits to exactly the bytes that
/// are stored. Entries go through the log's <see cref="Ledger.Appending.LogAppender"/>: concurrent deliveries share one
/// store transaction, and an event id already in the log is answered from the log (a redelivery adds nothing).
/// </summary>
/// <remarks>
/// Refusals are reason codes with no patient data: <c>unknown-log</c>, <c>foreign-event-id</c> (an event id this
/// service did not issue for that log), <c>foreign-record-id</c>, <c>unexpected-blob-name</c>, <c>unknown-category</c>,
/// <c>invalid-content-type</c>, <c>invalid-subject</c>, <c>invalid-actor</c>, <c>not-a-queued-event</c> (only record
/// creations travel through the queue), <c>missing-organization</c>, <c>blob-missing</c>,
/// <c>ciphertext-hash-mismatch</c>. A refused message is never appended; the host retries it and then poisons it.
/// </remarks>
/// <threadsafety>Safe for concurrent use.</threadsafety>
internal sealed class LedgerEventAppender(LedgerLogSet logs, LedgerIdentifiers ids, LedgerStorage storage) : ILedgerEventAppender
{
    public async Task<LedgerAppendResult> AppendAsync(LedgerEventMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (LedgerEventMessageCodec.Validate(message) is not null)
        {
            return LedgerAppendResult.Rejected("malformed-message");
        }

        if (logs.ByName(message.Log) is not { } log)
        {
            return LedgerAppendResult.Rejected("unknown-log");
        }

        if (Check(message, log) is { } reason)
        {
            return LedgerAppendResult.Rejected(reason);
        }

        if (message.Type != LedgerEventTypes.RecordCreated)
        {
            // Reads and denials are decisions: the access layer appends them itself, with their decision data, before it
            // answers (docs/ledger-events.md). One arriving through the queue was not written by this service's intake.
            return LedgerAppendResult.Rejected("not-a-queued-event");
        }

        if (message.Type == LedgerEventTypes.RecordCreated &&
            await CheckBlobAsync(message.BlobName!, message.CiphertextSha256!, cancellationToken).ConfigureAwait(false) is { } blobReason)
        {
            // A redelivery of an event that is already in the log stays a success even if the blob changed since: the
            // log committed to the bytes that were there then (and verification will name the blob that changed).
            return await log.Store.FindEventAsync(message.EventId, cancellationToken).ConfigureAwait(false) is { } existing
                ? LedgerAppendResult.AlreadyAppended(existing.Index)
                : LedgerAppendResult.Rejected(blobReason);
        }

        var draft = new EntryDraft(message.Type, message.Actor, message.Subject, message.EventId, LedgerEntryData.From(message))
        {
            IndexKeys = message.RecordId is { } recordId ? [new LogIndexKey(LogIndexKind.Record, recordId)] : [],
        };
        var result = await log.Appender.AppendAsync(draft, cancellationToken).ConfigureAwait(false);
        return result.AlreadyPresent ? LedgerAppendResult.AlreadyAppended(result.Index) : LedgerAppendResult.Appended(result.Index);
    }

    private string? Check(LedgerEventMessage message, LedgerLog log)
    {
        if (!ids.TryReadEventId(message.EventId, out var eventLog) || eventLog != log.Number)
        {
            return "foreign-event-id";
        }

        if (message.RecordId is { } recordId && (!LedgerIdentifiers.TryReadRecordId(recordId, out var recordLog) || recordLog != log.Number))
        {
            return "foreign-record-id";
        }

        if (message.Subject.Length != PatientPseudonymizer.PseudonymLength || !EntryFormat.IsValidIdentifier(message.Subject))
        {
            return "invalid-subject";
        }

        if (!EntryFormat.IsValidIdentifier(message.Actor))
        {
            return "invalid-actor";
        }

        if (message.Type != LedgerEventTypes.RecordCreated)
        {
            return null;
        }

        if (message.BlobName != RecordBlobs.NameOf(message.RecordId!))
        {
            return "unexpected-blob-name";
        }

        if (ConsentCodes.ParseCategory(message.Category!) is null)
        {
            return "unknown-category";
        }

        if (message.Organization is null)
        {
            // The policy's submitting-organization rule and the access log's "who" read the clinic from the entry.
            return "missing-organization";
        }

        return RecordContentTypes.IsValid(message.ContentType, jsonContent: false) ? null : "invalid-content-type";
    }

    private async Task<string?> CheckBlobAsync(string blobName, string expectedSha256, CancellationToken cancellationToken)
    {
        BinaryData content;
        try
        {
            content = (await storage.Records.DownloadAsync(blobName, cancellationToken).ConfigureAwait(false)).Content;
        }
        catch (RequestFailedException exception) when (exception.Status == 404 && exception.ErrorCode == "BlobNotFound")
        {
            // Intake stores the blob before it enqueues the event, so a missing blob is not going to appear later.
            return "blob-missing";
        }

        var actual = Convert.ToHexStringLower(SHA256.HashData(content.ToMemory().Span));
        return string.Equals(actual, expectedSha256, StringComparison.Ordinal) ? null : "ciphertext-hash-mismatch";
    }
}
