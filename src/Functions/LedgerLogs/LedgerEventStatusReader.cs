using MedLedger.Ledger.Receipts;

namespace MedLedger.Functions.LedgerLogs;

/// <summary>
/// Answers "where is my event?": unknown (not an id this service issued), pending (issued, not in the log yet), or
/// appended with its index — plus, once the latest signed checkpoint covers the entry, a receipt built from the stored
/// entry, an inclusion proof computed from the tiles and that checkpoint (verifiable offline with the public key alone).
/// </summary>
/// <remarks>
/// Pending is all an issued id can be until it is appended: an event whose message was poisoned stays pending (operators
/// watch <c>ledger-events-poison</c>).
/// </remarks>
/// <threadsafety>Safe for concurrent use.</threadsafety>
internal sealed class LedgerEventStatusReader(LedgerLogSet logs, LedgerIdentifiers ids)
{
    /// <summary>Returns the event's status, or <see langword="null"/> when this service never issued <paramref name="eventId"/>.</summary>
    public async Task<LedgerEventStatus?> ReadAsync(string eventId, CancellationToken cancellationToken = default)
    {
        if (!ids.TryReadEventId(eventId, out var number) || logs.ByNumber(number) is not { } log)
        {
            return null;
        }

        if (await log.Store.FindEventAsync(eventId, cancellationToken).ConfigureAwait(false) is not { } location)
        {
            return new LedgerEventStatus(eventId, log.Name, null, null);
        }

        var checkpoint = await log.Store.ReadLatestCheckpointAsync(cancellationToken).ConfigureAwait(false);
        if (checkpoint is null || checkpoint.TreeSize <= location.Index)
        {
            return new LedgerEventStatus(eventId, log.Name, location.Index, null);
        }

        byte[]? entry = null;
        await foreach (var stored in log.Store.ReadEntriesAsync(location.Index, location.Index + 1, cancellationToken).ConfigureAwait(false))
        {
            entry = stored.Bytes.ToArray();
        }

        if (entry is null)
        {
            return new LedgerEventStatus(eventId, log.Name, location.Index, null, "the event index points at a missing entry");
        }

        var proof = await log.Tree.ProveInclusionAsync(location.Index, checkpoint.TreeSize, cancellationToken).ConfigureAwait(false);
        try
        {
            // The builder checks that the parts fit (entry, index, proof, checkpoint root): a receipt that would not verify is never handed out.
            var receipt = ReceiptBuilder.Build(entry, location.Index, proof, checkpoint.SignedNote);
            return new LedgerEventStatus(eventId, log.Name, location.Index, receipt.ToJson());
        }
        catch (ArgumentException exception)
        {
            return new LedgerEventStatus(eventId, log.Name, location.Index, null, exception.Message);
        }
    }
}
