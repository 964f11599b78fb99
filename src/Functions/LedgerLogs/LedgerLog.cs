using MedLedger.Ledger.Appending;
using MedLedger.Ledger.Storage;
using MedLedger.Ledger.Tiles;

namespace MedLedger.Functions.LedgerLogs;

/// <summary>One log of the ledger: its store, the appender that shares commits between concurrent callers, and its Merkle tree.</summary>
/// <param name="Number">The log's number (see <see cref="LogRouter"/>).</param>
/// <param name="Store">Where the log lives.</param>
/// <param name="Appender">The one appender of this log in this process (group commit needs exactly one).</param>
/// <param name="Tree">Proofs and roots computed from the store's tiles.</param>
internal sealed record LedgerLog(int Number, ILogStore Store, LogAppender Appender, TiledMerkleTree Tree)
{
    /// <summary>Gets the log's name, also the origin of its checkpoints.</summary>
    public string Name => Store.LogName;
}
