using MedLedger.Ledger.Hashing;

namespace MedLedger.Ledger.Verification;

/// <summary>What the parallel stage learned about one entry: whether it is well-formed, and its links.</summary>
internal struct EntryCheck
{
    public bool IsWellFormed;
    public bool LogMatches;
    public long Sequence;
    public LedgerHash Prev;
}
