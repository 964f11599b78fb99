using System.Security.Cryptography;
using System.Text;
using Azure;
using MedLedger.Functions.Identity;
using MedLedger.Functions.Keys;
using MedLedger.Functions.LedgerEvents;
using MedLedger.Functions.LedgerLogs;
using MedLedger.Functions.Storage;
using MedLedger.Infrastructure.Records.Envelope;
using MedLedger.Ledger.Entries;
using MedLedger.Ledger.Storage;

namespace MedLedger.Functions.Records;

/// <summary>
/// Reads a record (shared/design.md §1, read path) with log-before-release: find the record's creation in its log, fetch
/// the envelope and check it is the one the log committed to, durably enqueue the <c>record.read</c> event, and only
/// then hand out the plaintext.
/// </summary>
/// <remarks>
/// <para>A record whose creation is not in the log yet does not exist for readers (so a record whose event never made it
/// to the log is never readable). The access event is queued before the plaintext is released, never after: if the
/// enqueue fails, the read fails. Decryption runs alongside the enqueue; when it fails after the event was queued the log
/// shows an access attempt that released nothing — the log may over-report an access, never under-report one.</para>
/// <para>Storage and Key Vault failures throw; the endpoint answers 503.</para>
/// </remarks>
/// <threadsafety>Safe for concurrent use.</threadsafety>
internal sealed partial class RecordReader(
    LedgerLogSet logs,
    LedgerIdentifiers ids,
    LedgerKeysProvider keysProvider,
    LedgerStorage storage,
    StorageProvisioner provisioner,
    TimeProvider time,
    ILogger<RecordReader> logger)
{
    /// <summary>Reads <paramref name="recordId"/> for <paramref name="caller"/>.</summary>
    public async Task<RecordReadResult> ReadAsync(string recordId, CallerIdentity caller, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!LedgerIdentifiers.TryReadRecordId(recordId, out var number) || logs.ByNumber(number) is not { } log)
        {
            return RecordReadResult.NotFound;
        }

        await provisioner.WaitForFirstAttemptAsync(cancellationToken).ConfigureAwait(false);
        var (indexed, creation) = await FindCreationAsync(log, recordId, cancellationToken).ConfigureAwait(false);
        if (!indexed)
        {
            return RecordReadResult.NotFound;
        }

        if (creation is null)
        {
            LogIntegrity(logger, recordId, "the record index names an entry that is not the record's creation");
            return RecordReadResult.IntegrityFailure;
        }

        ReadOnlyMemory<byte> envelope;
        try
        {
            envelope = (await storage.Records.DownloadAsync(creation.BlobName, cancellationToken).ConfigureAwait(false)).Content.ToMemory();
        }
        catch (RequestFailedException exception) when (exception.Status == 404 && exception.ErrorCode == "BlobNotFound")
        {
            LogIntegrity(logger, recordId, "the envelope named by the log is missing");
            return RecordReadResult.IntegrityFailure;
        }

        if (!string.Equals(Convert.ToHexStringLower(SHA256.HashData(envelope.Span)), creation.CiphertextSha256, StringComparison.Ordinal))
        {
            LogIntegrity(logger, recordId, "the envelope differs from the one the log committed to");
            return RecordReadResult.IntegrityFailure;
        }

        var keys = await keysProvider.GetAsync(cancellationToken).ConfigureAwait(false);
        var readEventId = ids.NewEventId(log.Number);
        var read = new LedgerEventMessage
        {
            EventId = readEventId,
            Log = log.Name,
            Type = LedgerEventTypes.RecordRead,
            OccurredAt = time.GetUtcNow(),
            Actor = caller.Actor,
            Subject = creation.Subject,
            RecordId = recordId,
        };

        // Both must succeed before anything is released; the enqueue is what makes the release legitimate.
        var decrypting = keys.Decryptor.DecryptAsync(envelope, new EnvelopeContext(log.Name, recordId, creation.Subject), cancellationToken);
        var logging = storage.Events.SendMessageAsync(Encoding.UTF8.GetString(LedgerEventMessageCodec.Encode(read)), cancellationToken: cancellationToken);
        await Task.WhenAll(decrypting, logging).ConfigureAwait(false);
        var decrypted = await decrypting.ConfigureAwait(false);
        if (!decrypted.Succeeded)
        {
            LogDecryption(logger, recordId, decrypted.Failure.Kind);
            return RecordReadResult.DecryptionFailure;
        }

        return RecordReadResult.Released(decrypted.Plaintext, creation.ContentType, readEventId);
    }

    /// <summary>Finds the record's creation through the log's record index.</summary>
    /// <returns>Whether the index knows the record, and its creation — null when the indexed entry is not the creation (the table was changed).</returns>
    private static async Task<(bool Indexed, RecordCreation? Creation)> FindCreationAsync(LedgerLog log, string recordId, CancellationToken cancellationToken)
    {
        // The record index's first entry is the creation: reads are logged only after the creation was found.
        var indexes = await log.Store.ReadIndexAsync(new LogIndexKey(LogIndexKind.Record, recordId), 0, 1, cancellationToken).ConfigureAwait(false);
        if (indexes.Count == 0)
        {
            return (false, null);
        }

        await foreach (var stored in log.Store.ReadEntriesAsync(indexes[0], indexes[0] + 1, cancellationToken).ConfigureAwait(false))
        {
            var parsed = LedgerEntry.Parse(stored.Bytes.Span);
            if (parsed.IsSuccess && LedgerEntryData.TryReadCreation(parsed.Entry, recordId, out var creation))
            {
                return (true, creation);
            }
        }

        return (true, null);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Read of record {RecordId} refused: {Problem}; nothing was released")]
    private static partial void LogIntegrity(ILogger logger, string recordId, string problem);

    [LoggerMessage(Level = LogLevel.Error, Message = "Read of record {RecordId} refused: decryption failed ({Kind}); nothing was released")]
    private static partial void LogDecryption(ILogger logger, string recordId, EnvelopeFailureKind kind);
}
