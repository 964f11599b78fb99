using MedLedger.Functions.Storage;
using MedLedger.Infrastructure.Ledger;
using MedLedger.Ledger.Storage;

namespace MedLedger.Functions.LedgerLogs;

/// <summary>Keeps every log in the ledger table (<see cref="TableLogStore"/>: one partition per log).</summary>
internal sealed class TableLogStoreFactory(LedgerStorage storage) : ILogStoreFactory
{
    public ILogStore Create(string logName) => new TableLogStore(storage.Ledger, logName);
}
