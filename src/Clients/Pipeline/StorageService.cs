namespace MedLedger.Clients.Pipeline;

/// <summary>The storage service a pipeline talks to; it decides the version header and the signing scheme.</summary>
internal enum StorageService
{
    /// <summary>Blob storage.</summary>
    Blob,

    /// <summary>Queue storage.</summary>
    Queue,

    /// <summary>Table storage.</summary>
    Table,
}
