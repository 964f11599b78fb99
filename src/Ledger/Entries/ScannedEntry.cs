using MedLedger.Ledger.Hashing;

namespace MedLedger.Ledger.Entries;

/// <summary>Where the fields of a canonical entry lie in its bytes, as found by <see cref="EntryScanner"/>.</summary>
/// <remarks>Offsets rather than strings, so the verifier checks millions of entries without allocating.</remarks>
internal struct ScannedEntry
{
    public long Sequence;
    public DateTimeOffset Time;
    public LedgerHash Prev;
    public Range Log;
    public Range Type;
    public Range Actor;
    public Range Subject;
    public Range EventId;
    public Range Data;
}
