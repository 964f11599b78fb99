using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using MedLedger.Access.Identity;
using MedLedger.Clients.Blobs;
using MedLedger.Functions.Keys;
using MedLedger.Functions.LedgerEvents;
using MedLedger.Functions.LedgerLogs;
using MedLedger.Functions.Patients;
using MedLedger.Functions.Storage;
using MedLedger.Infrastructure.Records.Envelope;
using MedLedger.Infrastructure.Records.Idempotency;

namespace MedLedger.Functions.Records;

/// <summary>
/// Takes in a record (shared/design.md §1, write path): pseudonymize the patient, pick the log, encrypt under a fresh
/// data key with the log, record id and pseudonym bound into the AAD, store the envelope as a create-only blob, and only
/// then enqueue the <c>record.created</c> event carrying the envelope's SHA-256.
/// </summary>
/// <remarks>
/// <para>Failure at any step leaves nothing a reader can see: a record becomes readable only once its event is in the
/// log, and the event is enqueued only after the blob exists. An enqueue failure leaves an orphan blob that no log entry
/// names; <c>medledger verify</c> reports such blobs.</para>
/// <para>With an idempotency key the first request's ids are claimed in a table before anything is written. A repeat
/// with the same body returns the same ids; if the first attempt stopped half-way, the repeat finishes it with the same
/// ids (an existing blob is kept, after checking it holds this very record; the event may be enqueued twice, and the
/// appender keeps one). A repeat with another body is refused.</para>
/// <para>Storage and Key Vault failures throw (Azure.Core <see cref="Azure.RequestFailedException"/> and transport
/// exceptions); the endpoint answers 503.</para>
/// </remarks>
/// <threadsafety>Safe for concurrent use.</threadsafety>
internal sealed partial class RecordIntake(
    LedgerLogSet logs,
    LedgerIdentifiers ids,
    PatientPseudonymizer pseudonymizer,
    LedgerSecrets secrets,
    LedgerKeysProvider keysProvider,
    LedgerStorage storage,
    StorageProvisioner provisioner,
    TimeProvider time,
    ILogger<RecordIntake> logger)
{
    private readonly TableIdempotencyStore _idempotency = new(storage.Idempotency);

    /// <summary>Stores the record and enqueues its creation event, in the name of the caller's clinic.</summary>
    /// <remarks>The caller was authorized for <c>submit-record</c> on the patient before (a clinician with an organization).</remarks>
    public async Task<IntakeResult> SubmitAsync(
        RecordSubmission submission, Caller caller, IdempotencyRequest? idempotency, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(submission);
        ArgumentNullException.ThrowIfNull(caller);
        var organization = caller.OrganizationId ?? throw new ArgumentException("Records are submitted in the name of a clinic.", nameof(caller));
        await provisioner.WaitForFirstAttemptAsync(cancellationToken).ConfigureAwait(false);
        var pseudonym = pseudonymizer.Pseudonymize(submission.PatientId);
        var log = logs.ForPatient(pseudonym);
        var recordId = LedgerIdentifiers.NewRecordId(log.Number);
        var eventId = ids.NewEventId(log.Number);
        IdempotencyRecord? claimed = null;
        var resuming = false;
        if (idempotency is not null)
        {
            var claim = await _idempotency.ClaimAsync(
                new IdempotencyRecord(ScopedKey(caller, idempotency.Key), Fingerprint(idempotency.Body), recordId, eventId, Completed: false),
                cancellationToken).ConfigureAwait(false);
            switch (claim.Status)
            {
                case IdempotencyClaimStatus.Mismatch:
                    return IntakeResult.KeyReused();
                case IdempotencyClaimStatus.Repeated when claim.Record.Completed:
                    return IntakeResult.Accepted(claim.Record.RecordId, claim.Record.EventId);
                case IdempotencyClaimStatus.Repeated:
                    // The first attempt may have stopped anywhere: finish its work under its ids (and in its log).
                    (recordId, eventId, resuming) = (claim.Record.RecordId, claim.Record.EventId, true);
                    log = LogOf(recordId);
                    break;
                case IdempotencyClaimStatus.Claimed:
                    break;
                default:
                    throw new System.Diagnostics.UnreachableException();
            }

            claimed = claim.Record;
        }

        var context = new EnvelopeContext(log.Name, recordId, pseudonym);
        var envelope = await StoreEnvelopeAsync(submission, context, resuming, cancellationToken).ConfigureAwait(false);
        var message = new LedgerEventMessage
        {
            EventId = eventId,
            Log = log.Name,
            Type = LedgerEventTypes.RecordCreated,
            OccurredAt = time.GetUtcNow(),
            Actor = caller.UserKey,
            Subject = pseudonym,
            RecordId = recordId,
            BlobName = RecordBlobs.NameOf(recordId),
            CiphertextSha256 = Convert.ToHexStringLower(SHA256.HashData(envelope.Bytes.Span)),
            KeyId = envelope.KeyId,
            Category = submission.Category,
            ContentType = submission.ContentType,
            Organization = organization,
            ServiceDate = submission.ServiceDate?.ToString("yyyy'-'MM'-'dd", System.Globalization.CultureInfo.InvariantCulture),
        };
        await storage.Events.SendMessageAsync(Encoding.UTF8.GetString(LedgerEventMessageCodec.Encode(message)), cancellationToken: cancellationToken).ConfigureAwait(false);

        if (claimed is not null)
        {
            try
            {
                await _idempotency.MarkCompletedAsync(claimed, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (DependencyFailure.IsDependencyFailure(exception))
            {
                // The record is accepted; a repeat would only redo the idempotent steps under the same ids.
                LogMarkFailed(logger, eventId, Http.ExceptionDescription.Describe(exception));
            }
        }

        return IntakeResult.Accepted(recordId, eventId);
    }

    private async Task<(ReadOnlyMemory<byte> Bytes, string KeyId)> StoreEnvelopeAsync(
        RecordSubmission submission, EnvelopeContext context, bool resuming, CancellationToken cancellationToken)
    {
        var keys = await keysProvider.GetAsync(cancellationToken).ConfigureAwait(false);
        var blobName = RecordBlobs.NameOf(context.RecordId);
        var envelope = await keys.Encryptor.EncryptAsync(submission.Plaintext, context, cancellationToken).ConfigureAwait(false);
        var upload = await storage.Records.UploadIfNotExistsAsync(
            blobName, BinaryData.FromBytes(envelope), new BlobUploadOptions { ContentType = RecordBlobs.EnvelopeContentType }, cancellationToken).ConfigureAwait(false);
        if (upload.Created)
        {
            return (envelope, keys.WrappingKeyId);
        }

        if (!resuming)
        {
            throw new InvalidOperationException("A fresh record id is already taken in blob storage.");
        }

        // The first attempt stored its envelope: keep it (blobs are write-once), after checking it is this record.
        var stored = (await storage.Records.DownloadAsync(blobName, cancellationToken).ConfigureAwait(false)).Content.ToMemory();
        var decrypted = await keys.Decryptor.DecryptAsync(stored, context, cancellationToken).ConfigureAwait(false);
        if (!decrypted.Succeeded || !decrypted.Plaintext.AsSpan().SequenceEqual(submission.Plaintext.Span))
        {
            throw new InvalidOperationException("The stored envelope of an idempotent retry does not hold the submitted record.");
        }

        return (stored, decrypted.KeyId!);
    }

    private LedgerLog LogOf(string recordId) =>
        LedgerIdentifiers.TryReadRecordId(recordId, out var number) && logs.ByNumber(number) is { } log
            ? log
            : throw new InvalidOperationException("An idempotency record names a record in a log this ledger does not have.");

    // Keys are scoped to the caller: another caller's key never returns this caller's record ids.
    private string ScopedKey(Caller caller, string key) =>
        Base64Url.EncodeToString(secrets.IdempotencyMac(Encoding.UTF8.GetBytes("key\0" + caller.UserKey + "\0" + key)));

    // A MAC rather than a plain hash: a stored fingerprint cannot be used to confirm a guess of a small record.
    private string Fingerprint(ReadOnlyMemory<byte> body)
    {
        var prefix = "body\0"u8;
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message);
        body.Span.CopyTo(message.AsSpan(prefix.Length));
        return Base64Url.EncodeToString(secrets.IdempotencyMac(message));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Intake of event {EventId}: marking the idempotency key completed failed ({Exception}); the record is accepted")]
    private static partial void LogMarkFailed(ILogger logger, string eventId, string exception);
}
