using MedLedger.Functions.Checkpointing;
using MedLedger.Functions.Keys;
using MedLedger.Functions.Storage;
using MedLedger.Ledger.Checkpoints;
using MedLedger.Ledger.Storage;

namespace MedLedger.Functions.LedgerLogs;

/// <summary>
/// Signs a checkpoint for every log that grew since its latest stored checkpoint (<see cref="ILedgerCheckpointer"/>):
/// the head's size and root, after checking that the root the tiles give is the head's root, signed by the log's signer,
/// archived write-once in the <c>checkpoints</c> container, then stored in the log.
/// </summary>
/// <remarks>An empty log gets no checkpoint. A failure throws; the next timer tick tries again.</remarks>
/// <threadsafety>Safe for concurrent use; two concurrent runs archive and store the same note.</threadsafety>
internal sealed class LedgerCheckpointer(LedgerLogSet logs, LedgerKeysProvider keysProvider, LedgerStorage storage) : ILedgerCheckpointer
{
    private readonly CheckpointArchive _archive = new(storage.Checkpoints);

    public async Task<IReadOnlyList<LogCheckpointOutcome>> CheckpointAsync(CancellationToken cancellationToken = default)
    {
        var outcomes = new List<LogCheckpointOutcome>(logs.All.Count);
        foreach (var log in logs.All)
        {
            outcomes.Add(await CheckpointAsync(log, cancellationToken).ConfigureAwait(false));
        }

        return outcomes;
    }

    /// <summary>Signs a checkpoint for <paramref name="log"/> now if it grew (a claim answer's receipts need one at once).</summary>
    public Task<LogCheckpointOutcome> CheckpointLogAsync(LedgerLog log, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(log);
        return CheckpointAsync(log, cancellationToken);
    }

    private async Task<LogCheckpointOutcome> CheckpointAsync(LedgerLog log, CancellationToken cancellationToken)
    {
        var head = await log.Store.ReadHeadAsync(cancellationToken).ConfigureAwait(false);
        var latest = await log.Store.ReadLatestCheckpointAsync(cancellationToken).ConfigureAwait(false);
        var signedSize = latest?.TreeSize ?? 0;
        if (head.Size <= signedSize)
        {
            return new LogCheckpointOutcome(log.Name, signedSize, Signed: false);
        }

        // Never sign a root the tiles cannot prove: every receipt and consistency proof is computed from the tiles.
        var root = await log.Tree.ReadRootHashAsync(head.Size, cancellationToken).ConfigureAwait(false);
        if (root != head.RootHash)
        {
            throw new InvalidDataException($"The tiles of log {log.Name} give another root than its head at size {head.Size}; not signing.");
        }

        var keys = await keysProvider.GetAsync(cancellationToken).ConfigureAwait(false);
        var checkpoint = new Checkpoint(log.Name, head.Size, head.RootHash);
        var note = await checkpoint.SignAsync(keys.SignerFor(log.Name), cancellationToken).ConfigureAwait(false);
        note = await _archive.ArchiveAsync(checkpoint, note, cancellationToken).ConfigureAwait(false);
        await log.Store.SaveCheckpointAsync(new StoredCheckpoint(head.Size, note), cancellationToken).ConfigureAwait(false);
        return new LogCheckpointOutcome(log.Name, head.Size, Signed: true);
    }
}
