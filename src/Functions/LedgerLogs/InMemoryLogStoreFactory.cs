using MedLedger.Ledger.Storage;

namespace MedLedger.Functions.LedgerLogs;

/// <summary>Keeps every log in process memory (<see cref="InMemoryLogStore"/>): lost when the process ends.</summary>
internal sealed class InMemoryLogStoreFactory : ILogStoreFactory
{
    public ILogStore Create(string logName) => new InMemoryLogStore(logName);
}
