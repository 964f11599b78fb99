using MedLedger.Clients.Blobs;
using MedLedger.Clients.Queues;
using MedLedger.Clients.Storage;
using MedLedger.Clients.Tables;
using Microsoft.Extensions.Options;

namespace MedLedger.Functions.Storage;

/// <summary>The clients of every container, queue and table the app uses, over one storage account.</summary>
/// <remarks>Creating it sends no request; <see cref="StorageProvisioner"/> creates what is missing.</remarks>
/// <threadsafety>Safe for concurrent use.</threadsafety>
internal sealed class LedgerStorage(StorageAccount account, IOptions<LedgerStorageNames> names)
{
    /// <summary>Gets the names in use.</summary>
    public LedgerStorageNames Names { get; } = names.Value;

    /// <summary>Gets the account.</summary>
    public StorageAccount Account { get; } = account;

    /// <summary>Gets the container of record envelopes.</summary>
    public BlobContainerClient Records { get; } = account.GetBlobContainerClient(names.Value.RecordsContainer);

    /// <summary>Gets the container of checkpoint copies.</summary>
    public BlobContainerClient Checkpoints { get; } = account.GetBlobContainerClient(names.Value.CheckpointsContainer);

    /// <summary>Gets the ledger event queue (base64 text, as host.json's <c>messageEncoding</c> says).</summary>
    public QueueClient Events { get; } = account.GetQueueClient(names.Value.EventsQueue, QueueMessageEncoding.Base64);

    /// <summary>Gets the ledger table.</summary>
    public TableClient Ledger { get; } = account.GetTableClient(names.Value.LedgerTable);

    /// <summary>Gets the idempotency table.</summary>
    public TableClient Idempotency { get; } = account.GetTableClient(names.Value.IdempotencyTable);

    /// <summary>Gets the directory table.</summary>
    public TableClient Directory { get; } = account.GetTableClient(names.Value.DirectoryTable);

    /// <summary>Gets the webhook replay table.</summary>
    public TableClient Replays { get; } = account.GetTableClient(names.Value.ReplayTable);

    /// <summary>Maps a queue name as function.json declares it to the queue in use (tests rename queues).</summary>
    public string PhysicalQueueName(string declaredName) => declaredName switch
    {
        LedgerEvents.LedgerEventQueue.Name => Names.EventsQueue,
        LedgerEvents.LedgerEventQueue.PoisonName => Names.EventsQueue + QueueLimits.PoisonQueueSuffix,
        _ => declaredName,
    };
}
