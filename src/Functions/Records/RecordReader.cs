using System.Security.Cryptography;
using Azure;
using MedLedger.Access.Authorization;
using MedLedger.Access.Consent;
using MedLedger.Access.Identity;
using MedLedger.Access.LedgerEvents;
using MedLedger.Access.Policy;
using MedLedger.Access.UserDirectory;
using MedLedger.Functions.Access;
using MedLedger.Functions.Keys;
using MedLedger.Functions.Storage;
using MedLedger.Infrastructure.Records.Envelope;

namespace MedLedger.Functions.Records;

/// <summary>
/// Reads a record of a patient (shared/design.md §1, read path): the rights table and the consent policy decide, the
/// decision is appended to the patient's log, and only then is the envelope fetched, checked against the hash the log
/// committed to, decrypted and released.
/// </summary>
/// <remarks>
/// <para>Every read is a ledger entry: a refusal by the rights table, an unknown patient or record, a policy denial and a
/// permit alike. A record of another patient, one whose creation is not in the log yet, and one the caller may not read
/// answer the same way. A permit is in the log before anything is released; if the envelope then fails its checks the
/// log shows an access that released nothing — the log may over-report an access, never under-report one.</para>
/// <para>Storage and Key Vault failures throw; the endpoint answers 503.</para>
/// </remarks>
/// <threadsafety>Safe for concurrent use.</threadsafety>
internal sealed partial class RecordReader(
    AccessGate gate,
    LedgerKeysProvider keysProvider,
    LedgerStorage storage,
    StorageProvisioner provisioner,
    LedgerLogs.LedgerLogSet logs,
    IPatientPseudonyms pseudonyms,
    ILogger<RecordReader> logger)
{
    /// <summary>
    /// Reads <paramref name="recordId"/> for <paramref name="caller"/> without the request naming the patient: the record
    /// id names its log, the log's creation entry names the patient's pseudonym, the directory's reverse index names the
    /// patient, and then <see cref="ReadAsync"/> runs for that patient — the same checks, decisions and answers.
    /// </summary>
    /// <remarks>
    /// A record id that is malformed, names no log of this ledger, is not in the log (yet), or whose patient the directory
    /// does not know is refused like a forbidden record, and the refusal is logged: to log 0 without a subject, as
    /// decisions about no patient are (there is no patient whose log could hold it).
    /// </remarks>
    /// <inheritdoc cref="ReadAsync" path="/param"/>
    public async Task<RecordReadResult> ReadByRecordIdAsync(
        Caller caller, string recordId, PurposeOfUse? statedPurpose, string? breakGlassReason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        await provisioner.WaitForFirstAttemptAsync(cancellationToken).ConfigureAwait(false);
        string? patientId = null;
        (LedgerLogs.RecordCreation Creation, string EventId)? found = null;
        LedgerLogs.LedgerLog? log = null;
        if (LedgerLogs.LedgerIdentifiers.TryReadRecordId(recordId, out var number) && (log = logs.ByNumber(number)) is not null)
        {
            try
            {
                found = await RecordFinder.FindCreationAsync(log, recordId, cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidDataException exception)
            {
                LogIntegrity(logger, recordId, exception.Message);
                var broken = DecisionDetails.Refusal(
                    AccessOperation.ReadRecord, "record-integrity-failed", gate.Now(), statedPurpose ?? RolePurposes.DefaultFor(caller.Roles), IdentifierRecordId(recordId));
                return RecordReadResult.IntegrityFailure(await gate.RefuseUnscopedAsync(caller, broken, cancellationToken).ConfigureAwait(false));
            }

            if (found is { } creation)
            {
                patientId = await pseudonyms.FindPatientIdAsync(creation.Creation.Subject, cancellationToken).ConfigureAwait(false);
            }
        }

        if (patientId is null)
        {
            var unknown = DecisionDetails.Refusal(
                AccessOperation.ReadRecord, "unknown-record", gate.Now(), statedPurpose ?? RolePurposes.DefaultFor(caller.Roles), IdentifierRecordId(recordId));
            return RecordReadResult.Refused(await gate.RefuseUnscopedAsync(caller, unknown, cancellationToken).ConfigureAwait(false));
        }

        var known = found!.Value;
        return await ReadForPatientAsync(caller, patientId, recordId, statedPurpose, breakGlassReason, (known.Creation, known.EventId, log!), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads <paramref name="recordId"/> of <paramref name="patientId"/> for <paramref name="caller"/>.</summary>
    /// <param name="caller">The caller.</param>
    /// <param name="patientId">The patient the request names.</param>
    /// <param name="recordId">The record.</param>
    /// <param name="statedPurpose">The purpose the request stated, or null for the caller's default.</param>
    /// <param name="breakGlassReason">The break-glass reason the request stated, if any.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public async Task<RecordReadResult> ReadAsync(
        Caller caller, string patientId, string recordId, PurposeOfUse? statedPurpose, string? breakGlassReason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        await provisioner.WaitForFirstAttemptAsync(cancellationToken).ConfigureAwait(false);
        return await ReadForPatientAsync(caller, patientId, recordId, statedPurpose, breakGlassReason, found: null, cancellationToken).ConfigureAwait(false);
    }

    // The read proper. `found` is the creation the short route already read from `found.Log`; it is used only when that
    // is the patient's own log and the creation is about the patient (what FindByIdAsync would check), else looked up.
    private async Task<RecordReadResult> ReadForPatientAsync(
        Caller caller,
        string patientId,
        string recordId,
        PurposeOfUse? statedPurpose,
        string? breakGlassReason,
        (LedgerLogs.RecordCreation Creation, string EventId, LedgerLogs.LedgerLog Log)? found,
        CancellationToken cancellationToken)
    {
        var purpose = statedPurpose ?? RolePurposes.DefaultFor(caller.Roles);
        var screened = await gate.ScreenRecordReadAsync(caller, patientId, recordId, purpose, cancellationToken).ConfigureAwait(false);
        if (screened.Refusal is { } refusal)
        {
            return RecordReadResult.Refused(refusal);
        }

        var patient = screened.Log!;
        (LedgerLogs.RecordCreation Creation, string EventId)? record;
        try
        {
            record = found is { } known && known.Log.Number == patient.Log.Number && known.Creation.Subject == patient.Subject
                ? (known.Creation, known.EventId)
                : await RecordFinder.FindByIdAsync(patient, recordId, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException exception)
        {
            // The record index names an entry that is not the record's creation: the log was changed. Refused, and logged.
            LogIntegrity(logger, recordId, exception.Message);
            var broken = DecisionDetails.Refusal(AccessOperation.ReadRecord, "record-integrity-failed", gate.Now(), purpose, IdentifierRecordId(recordId));
            return RecordReadResult.IntegrityFailure(await gate.LogAsync(caller, broken, screened.Patient, patient, cancellationToken).ConfigureAwait(false));
        }

        if (record is not { Creation: { Organization: { } organization } creation } || ConsentCodes.ParseCategory(creation.Category) is not { } category)
        {
            var unknown = DecisionDetails.Refusal(AccessOperation.ReadRecord, "unknown-record", gate.Now(), purpose, IdentifierRecordId(recordId));
            return RecordReadResult.Refused(await gate.LogAsync(caller, unknown, screened.Patient, patient, cancellationToken).ConfigureAwait(false));
        }

        var decision = await gate.DecideRecordAccessAsync(
            caller, screened, recordId, new RecordAttributes(organization, category), purpose!.Value, breakGlassReason, cancellationToken).ConfigureAwait(false);
        if (!decision.IsPermit)
        {
            return RecordReadResult.Refused(decision);
        }

        ReadOnlyMemory<byte> envelope;
        try
        {
            envelope = (await storage.Records.DownloadAsync(creation.BlobName, cancellationToken).ConfigureAwait(false)).Content.ToMemory();
        }
        catch (RequestFailedException exception) when (exception.Status == 404 && exception.ErrorCode == "BlobNotFound")
        {
            LogIntegrity(logger, recordId, "the envelope named by the log is missing");
            return RecordReadResult.IntegrityFailure(decision);
        }

        if (!string.Equals(Convert.ToHexStringLower(SHA256.HashData(envelope.Span)), creation.CiphertextSha256, StringComparison.Ordinal))
        {
            LogIntegrity(logger, recordId, "the envelope differs from the one the log committed to");
            return RecordReadResult.IntegrityFailure(decision);
        }

        var keys = await keysProvider.GetAsync(cancellationToken).ConfigureAwait(false);
        var decrypted = await keys.Decryptor.DecryptAsync(envelope, new EnvelopeContext(creation.Log, recordId, creation.Subject), cancellationToken).ConfigureAwait(false);
        if (!decrypted.Succeeded)
        {
            LogDecryption(logger, recordId, decrypted.Failure.Kind);
            return RecordReadResult.DecryptionFailure(decision);
        }

        return RecordReadResult.Released(decrypted.Plaintext, creation.ContentType, decision);
    }

    // A refusal names the record only when the id is one (a malformed id is logged without it).
    private static string? IdentifierRecordId(string recordId) =>
        MedLedger.Access.Identifiers.IdentifierSyntax.IsValidRecordId(recordId) ? recordId : null;

    [LoggerMessage(Level = LogLevel.Error, Message = "Read of record {RecordId} refused: {Problem}; nothing was released")]
    private static partial void LogIntegrity(ILogger logger, string recordId, string problem);

    [LoggerMessage(Level = LogLevel.Error, Message = "Read of record {RecordId} refused: decryption failed ({Kind}); nothing was released")]
    private static partial void LogDecryption(ILogger logger, string recordId, EnvelopeFailureKind kind);
}
