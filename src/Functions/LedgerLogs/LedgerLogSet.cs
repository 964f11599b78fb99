using MedLedger.Ledger.Appending;
using MedLedger.Ledger.Storage;
using MedLedger.Ledger.Tiles;

namespace MedLedger.Functions.LedgerLogs;

/// <summary>Every log of the ledger, by number and by name; one instance for the app.</summary>
/// <threadsafety>Immutable after construction; the logs themselves are safe for concurrent use.</threadsafety>
internal sealed class LedgerLogSet
{
    private readonly LedgerLog[] _logs;

    public LedgerLogSet(LogRouter router, ILogStoreFactory stores, TimeProvider time)
    {
        _logs = [.. router.LogNames.Select((name, number) =>
        {
            var store = stores.Create(name);
            if (!string.Equals(store.LogName, name, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"The store for log {number} holds another log.");
            }

            return new LedgerLog(number, store, new LogAppender(store, time), new TiledMerkleTree(new LogStoreTileReader(store)));
        })];
        Router = router;
    }

    /// <summary>Gets the router that named the logs.</summary>
    public LogRouter Router { get; }

    /// <summary>Gets every log, log 0 first.</summary>
    public IReadOnlyList<LedgerLog> All => _logs;

    /// <summary>Gets log <paramref name="number"/>, or <see langword="null"/> when there is no such log.</summary>
    public LedgerLog? ByNumber(int number) => number >= 0 && number < _logs.Length ? _logs[number] : null;

    /// <summary>Gets the log named <paramref name="name"/>, or <see langword="null"/>.</summary>
    public LedgerLog? ByName(string name) => ByNumber(Router.LogNumberOf(name));

    /// <summary>Gets the log that holds <paramref name="pseudonym"/>'s events.</summary>
    public LedgerLog ForPatient(string pseudonym) => _logs[Router.LogNumberFor(pseudonym)];
}
