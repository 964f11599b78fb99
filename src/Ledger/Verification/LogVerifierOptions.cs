namespace MedLedger.Ledger.Verification;

/// <summary>Options for <see cref="LogVerifier"/>.</summary>
public sealed class LogVerifierOptions
{
    /// <summary>Gets or sets the expected log name; when null it is taken from the checkpoints' origin, else from entry 0.</summary>
    public string? LogName { get; set; }

    /// <summary>Gets or sets how many threads parse and hash entries in parallel.</summary>
    /// <value>Defaults to <see cref="Environment.ProcessorCount"/>; 1 verifies on the calling thread only (plus reading).</value>
    public int MaxDegreeOfParallelism { get; set; } = Environment.ProcessorCount;

    /// <summary>Gets or sets how many entries are read, hashed and checked per batch.</summary>
    /// <value>Defaults to 4096. Memory use is about two batches of entries, whatever the log's length.</value>
    public int BatchSize { get; set; } = 4096;
}
