using MedLedger.Access.LedgerEvents;
using MedLedger.Functions.LedgerLogs;
using MedLedger.Functions.Patients;
using MedLedger.Ledger.Entries;
using MedLedger.Ledger.Storage;

namespace MedLedger.Functions.Access;

/// <summary>
/// Appends access events — decisions, consent changes, break-glass sessions, claim verifications — straight to the
/// patient's log through the log's appender, and returns only once the entry is in the log.
/// </summary>
/// <remarks>
/// Unlike record creations (queued, so the appender can re-hash the stored blob), access events have nothing to check
/// outside the request, and they must be in the log before the answer: a decision before the data it permits is
/// released, a revocation before the next request is decided. Concurrent requests share store transactions (group
/// commit); event ids are minted by <see cref="LedgerIdentifiers"/>, so <c>/api/ledger/events/{eventId}</c> serves their receipts.
/// </remarks>
/// <threadsafety>Safe for concurrent use.</threadsafety>
internal sealed class AccessLedger(LedgerLogSet logs, LedgerIdentifiers ids, PatientPseudonymizer pseudonymizer)
{
    /// <summary>Finds where a patient's events go; null for an id that cannot name any patient.</summary>
    public PatientLog? For(string patientId)
    {
        if (!PatientPseudonymizer.IsValidPatientId(patientId))
        {
            return null;
        }

        var subject = pseudonymizer.Pseudonymize(patientId);
        return new PatientLog(patientId, subject, logs.ForPatient(subject));
    }

    /// <summary>Appends <paramref name="content"/> to <paramref name="patient"/>'s log, by <paramref name="actor"/>.</summary>
    public async Task<AccessEventLocation> AppendAsync(PatientLog patient, string actor, AccessEventContent content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(patient);
        ArgumentNullException.ThrowIfNull(content);
        var eventId = ids.NewEventId(patient.Log.Number);
        var draft = new EntryDraft(content.Type, actor, patient.Subject, eventId, content.Data)
        {
            IndexKeys = content.RecordId is { } recordId ? [new LogIndexKey(LogIndexKind.Record, recordId)] : [],
        };
        var result = await patient.Log.Appender.AppendAsync(draft, cancellationToken).ConfigureAwait(false);
        return new AccessEventLocation(eventId, patient.Log, result.Index, result.LeafHash);
    }

    /// <summary>Appends an event about no patient (directory administration) to log 0, with an empty subject.</summary>
    public async Task<AccessEventLocation> AppendUnscopedAsync(string actor, AccessEventContent content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var log = logs.ByNumber(0)!;
        var eventId = ids.NewEventId(log.Number);
        var result = await log.Appender.AppendAsync(new EntryDraft(content.Type, actor, string.Empty, eventId, content.Data), cancellationToken).ConfigureAwait(false);
        return new AccessEventLocation(eventId, log, result.Index, result.LeafHash);
    }
}
