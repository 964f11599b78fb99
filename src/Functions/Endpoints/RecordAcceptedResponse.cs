namespace MedLedger.Functions.Endpoints;

/// <summary>The body of <c>202</c> from <c>POST /api/records</c>.</summary>
/// <param name="RecordId">The new record's id (it names the record's log).</param>
/// <param name="EventId">The id of its <c>record.created</c> ledger event; poll <c>/api/ledger/events/{eventId}</c>.</param>
/// <param name="Status">Always <c>pending</c>: the event is queued, not yet in the log.</param>
public sealed record RecordAcceptedResponse(string RecordId, string EventId, string Status);
