using MedLedger.Ledger.Hashing;

namespace MedLedger.Ledger.Verification;

/// <summary>What the parallel stage learned about one entry: whether it is well-formed, its links and its leaf hash.</summary>
internal struct EntryCheck
{
    public bool IsWellFormed;
    public bool LogMatches;
    public long Sequence;
    public LedgerHash Prev;
    public LedgerHash Leaf;
}
