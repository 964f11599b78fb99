using System.Text.Json;

namespace MedLedger.Access.LedgerEvents;

/// <summary>What an access event contributes to a ledger entry: its type and <c>data</c>; the caller adds actor, subject and event id.</summary>
/// <param name="Type">The event type (<see cref="AccessEventTypes"/>).</param>
/// <param name="Data">The entry's <c>data</c> object (docs/ledger-events.md).</param>
/// <param name="RecordId">The record the event concerns, to be indexed under the record index too; null when none.</param>
public sealed record AccessEventContent(string Type, JsonElement Data, string? RecordId);
