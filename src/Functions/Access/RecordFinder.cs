using MedLedger.Access.Identifiers;
using MedLedger.Access.LedgerEvents;
using MedLedger.Functions.LedgerLogs;
using MedLedger.Infrastructure.Access;
using MedLedger.Ledger.Entries;
using MedLedger.Ledger.Hashing;
using MedLedger.Ledger.Storage;

namespace MedLedger.Functions.Access;

/// <summary>Finds a patient's record in the patient's log: by id (the record index) or by the hash the log committed to.</summary>
/// <remarks>A record of another patient is not found: the creation entry's subject must be the patient's pseudonym.</remarks>
internal static class RecordFinder
{
    /// <summary>Finds <paramref name="recordId"/> among <paramref name="patient"/>'s records, or null.</summary>
    /// <exception cref="InvalidDataException">The record index points at an entry that is neither the record's creation nor a decision about it.</exception>
    public static async Task<(RecordCreation Creation, string EventId)?> FindByIdAsync(PatientLog patient, string recordId, CancellationToken cancellationToken)
    {
        if (!LedgerIdentifiers.TryReadRecordId(recordId, out var number) || number != patient.Log.Number)
        {
            return null;
        }

        var found = await FindCreationAsync(patient.Log, recordId, cancellationToken).ConfigureAwait(false);
        return found is { } creation && creation.Creation.Subject == patient.Subject ? creation : null;
    }

    /// <summary>Finds the creation of <paramref name="recordId"/> in <paramref name="log"/>, whoever the patient; null when the log does not hold it.</summary>
    /// <remarks>
    /// The record index lists the creation and every decision that named the record. Decisions can come first: a read
    /// refused while the creation was still queued is indexed under the record id too. So the index is walked until the
    /// creation; any other entry there means the log was changed.
    /// </remarks>
    /// <exception cref="InvalidDataException">The record index points at an entry that is neither the record's creation nor a decision about it.</exception>
    public static async Task<(RecordCreation Creation, string EventId)?> FindCreationAsync(LedgerLog log, string recordId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(log);
        if (!IdentifierSyntax.IsValidRecordId(recordId) || !LedgerIdentifiers.TryReadRecordId(recordId, out var number) || number != log.Number)
        {
            return null;
        }

        const int PageSize = 32;
        var key = new LogIndexKey(LogIndexKind.Record, recordId);
        for (long from = 0; ;)
        {
            var indexes = await log.Store.ReadIndexAsync(key, from, PageSize, cancellationToken).ConfigureAwait(false);
            foreach (var index in indexes)
            {
                await foreach (var stored in log.Store.ReadEntriesAsync(index, index + 1, cancellationToken).ConfigureAwait(false))
                {
                    var parsed = LedgerEntry.Parse(stored.Bytes.Span);
                    if (parsed.IsSuccess && LedgerEntryData.TryReadCreation(parsed.Entry, recordId, out var creation))
                    {
                        return (creation, parsed.Entry.EventId);
                    }

                    if (!parsed.IsSuccess || !IsDecisionAbout(parsed.Entry, recordId))
                    {
                        throw new InvalidDataException($"The record index of log {log.Name} points at an entry that is not the record's creation.");
                    }
                }
            }

            if (indexes.Count < PageSize)
            {
                return null;
            }

            from = indexes[^1] + 1;
        }
    }

    private static bool IsDecisionAbout(LedgerEntry entry, string recordId) =>
        entry.Type is AccessEventTypes.RecordRead or AccessEventTypes.AccessDenied or AccessEventTypes.AccessPermitted or AccessEventTypes.ClaimVerified
        && entry.Data.ValueKind == System.Text.Json.JsonValueKind.Object
        && entry.Data.TryGetProperty("recordId", out var named) && named.ValueKind == System.Text.Json.JsonValueKind.String && named.GetString() == recordId;

    /// <summary>Finds the first of <paramref name="patient"/>'s records stored with <paramref name="ciphertextSha256"/>, or null.</summary>
    public static async Task<(RecordCreation Creation, string EventId)?> FindByHashAsync(PatientLog patient, LedgerHash ciphertextSha256, CancellationToken cancellationToken)
    {
        var hex = ciphertextSha256.ToHex();
        await foreach (var entry in SubjectEntries.ReadAsync(patient.Log.Store, patient.Subject, 0, cancellationToken).ConfigureAwait(false))
        {
            if (entry.Type == "record.created" && entry.Data.TryGetProperty("recordId", out var id) && id.GetString() is { } recordId
                && LedgerEntryData.TryReadCreation(entry, recordId, out var creation) && creation.CiphertextSha256 == hex)
            {
                return (creation, entry.EventId);
            }
        }

        return null;
    }
}
