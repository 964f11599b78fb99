namespace MedLedger.Functions.Records;

/// <summary>The outcome of a record submission that reached a decision (storage failures throw instead).</summary>
/// <param name="Status">Accepted, or refused because the idempotency key was used for another request.</param>
/// <param name="RecordId">The record id, when accepted.</param>
/// <param name="EventId">The id of the <c>record.created</c> ledger event, when accepted.</param>
internal sealed record IntakeResult(IntakeStatus Status, string? RecordId, string? EventId)
{
    public static IntakeResult Accepted(string recordId, string eventId) => new(IntakeStatus.Accepted, recordId, eventId);

    public static IntakeResult KeyReused() => new(IntakeStatus.IdempotencyKeyReused, null, null);
}
