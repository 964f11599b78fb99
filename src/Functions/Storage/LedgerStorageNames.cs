using MedLedger.Functions.LedgerEvents;

namespace MedLedger.Functions.Storage;

/// <summary>
/// The containers, queue and tables the app uses (infra/storage-layout.json lists the same names for the deployment).
/// </summary>
/// <remarks>Not app settings: the names are part of the deployment contract. Tests replace them to share one emulator.</remarks>
internal sealed class LedgerStorageNames
{
    /// <summary>Gets or sets the container of record envelopes (create-only blobs named by record id).</summary>
    public string RecordsContainer { get; set; } = "records";

    /// <summary>Gets or sets the container that keeps a write-once copy of every signed checkpoint.</summary>
    public string CheckpointsContainer { get; set; } = "checkpoints";

    /// <summary>Gets or sets the queue of ledger events; its poison queue is the name followed by <c>-poison</c>.</summary>
    public string EventsQueue { get; set; } = LedgerEventQueue.Name;

    /// <summary>Gets or sets the table that holds the logs (one partition per log).</summary>
    public string LedgerTable { get; set; } = "ledger";

    /// <summary>Gets or sets the table of idempotency keys of record submissions.</summary>
    public string IdempotencyTable { get; set; } = "idempotency";

    /// <summary>Gets or sets the table of the directory: users, patients, organizations.</summary>
    public string DirectoryTable { get; set; } = "directory";

    /// <summary>Gets or sets the table of insurer webhook ids seen (the replay guard).</summary>
    public string ReplayTable { get; set; } = "webhookreplays";
}
