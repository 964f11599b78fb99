using MedLedger.Ledger.Storage;

namespace MedLedger.Functions.LedgerLogs;

/// <summary>Creates the store of one log: the single place that decides where logs live.</summary>
internal interface ILogStoreFactory
{
    /// <summary>Creates the store for <paramref name="logName"/>; called once per log for the life of the app.</summary>
    ILogStore Create(string logName);
}
