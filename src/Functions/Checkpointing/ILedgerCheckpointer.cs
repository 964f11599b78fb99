namespace MedLedger.Functions.Checkpointing;

/// <summary>Signs new checkpoints for logs that grew: the port the <c>Checkpoint</c> function calls.</summary>
/// <remarks>
/// The contract: for each log, sign and store a checkpoint when its size is larger than the latest stored
/// checkpoint's, and do nothing otherwise; a storage or signing failure throws, and the next tick tries again.
/// </remarks>
/// <threadsafety>Implementations are safe for concurrent use.</threadsafety>
public interface ILedgerCheckpointer
{
    /// <summary>Checkpoints every log that grew since its last checkpoint; returns one outcome per log.</summary>
    Task<IReadOnlyList<LogCheckpointOutcome>> CheckpointAsync(CancellationToken cancellationToken = default);
}
