using MedLedger.Access.Identifiers;
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
    /// <exception cref="InvalidDataException">The record index points at an entry that is not the record's creation.</exception>
    public static async Task<(RecordCreation Creation, string EventId)?> FindByIdAsync(PatientLog patient, string recordId, CancellationToken cancellationToken)
    {
        if (!IdentifierSyntax.IsValidRecordId(recordId) || !LedgerIdentifiers.TryReadRecordId(recordId, out var number) || number != patient.Log.Number)
        {
            return null;
        }

        var indexes = await patient.Log.Store.ReadIndexAsync(new LogIndexKey(LogIndexKind.Record, recordId), 0, 1, cancellationToken).ConfigureAwait(false);
        if (indexes.Count == 0)
        {
            return null;
        }

        await foreach (var stored in patient.Log.Store.ReadEntriesAsync(indexes[0], indexes[0] + 1, cancellationToken).ConfigureAwait(false))
        {
            var parsed = LedgerEntry.Parse(stored.Bytes.Span);
            if (parsed.IsSuccess && LedgerEntryData.TryReadCreation(parsed.Entry, recordId, out var creation))
            {
                return creation.Subject == patient.Subject ? (creation, parsed.Entry.EventId) : null;
            }
        }

        throw new InvalidDataException($"The record index of log {patient.Log.Name} points at an entry that is not the record's creation.");
    }

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
