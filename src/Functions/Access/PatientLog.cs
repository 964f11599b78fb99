using MedLedger.Functions.LedgerLogs;

namespace MedLedger.Functions.Access;

/// <summary>A patient as the ledger knows them: the id from the request, its pseudonym, and the log that holds their events.</summary>
/// <param name="PatientId">The patient id as the request gave it.</param>
/// <param name="Subject">The pseudonym: the subject of the patient's entries.</param>
/// <param name="Log">The patient's log.</param>
internal sealed record PatientLog(string PatientId, string Subject, LedgerLog Log);
