namespace MedLedger.Functions.Checkpointing;

/// <summary>What one checkpoint run did for one log.</summary>
/// <param name="LogName">The log.</param>
/// <param name="TreeSize">The tree size of the log's latest checkpoint after the run.</param>
/// <param name="Signed">Whether this run signed a new checkpoint (false when the log had not grown).</param>
public sealed record LogCheckpointOutcome(string LogName, long TreeSize, bool Signed);
