using System.Globalization;
using MedLedger.Ledger.Hashing;

namespace MedLedger.Ledger.Verification;

/// <summary>The outcome of verifying a log: how far it is good, and the first problem found with its index.</summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed class VerificationResult
{
    private VerificationResult(
        VerificationFault fault, long entriesVerified, long? firstBadIndex, string detail, long checkpointedSize, LedgerHash? rootHash)
    {
        Fault = fault;
        EntriesVerified = entriesVerified;
        FirstBadIndex = firstBadIndex;
        Detail = detail;
        CheckpointedSize = checkpointedSize;
        RootHash = rootHash;
    }

    /// <summary>Gets whether no problem was found.</summary>
    public bool IsValid => Fault == VerificationFault.None;

    /// <summary>Gets the kind of problem (<see cref="VerificationFault.None"/> when valid).</summary>
    public VerificationFault Fault { get; }

    /// <summary>Gets how many leading entries were verified good (all of them when valid).</summary>
    public long EntriesVerified { get; }

    /// <summary>
    /// Gets the index of the first entry that is bad or missing, or <see langword="null"/> when the log is valid or the
    /// problem is in the checkpoints rather than the entries.
    /// </summary>
    public long? FirstBadIndex { get; }

    /// <summary>Gets a human-readable explanation.</summary>
    public string Detail { get; }

    /// <summary>Gets the largest signed checkpoint size whose root matched the entries (0 when none).</summary>
    /// <remarks>Entries past this size are internally consistent but not yet covered by a signature.</remarks>
    public long CheckpointedSize { get; }

    /// <summary>Gets the Merkle root of all entries, when the log is valid.</summary>
    public LedgerHash? RootHash { get; }

    internal static VerificationResult Valid(long entries, long checkpointedSize, LedgerHash rootHash, string detail) =>
        new(VerificationFault.None, entries, null, detail, checkpointedSize, rootHash);

    internal static VerificationResult Invalid(VerificationFault fault, long? firstBadIndex, long entriesVerified, long checkpointedSize, string detail) =>
        new(fault, entriesVerified, firstBadIndex, detail, checkpointedSize, null);

    /// <summary>
    /// Returns one line: "valid: …" or "&lt;fault&gt; at index N: …" — the first bad index and the fault come first so a
    /// command-line tool can print this as its first line.
    /// </summary>
    public override string ToString()
    {
        if (IsValid)
        {
            return "valid: " + Detail;
        }

        return FirstBadIndex is { } index
            ? string.Create(CultureInfo.InvariantCulture, $"{Fault} at index {index}: {Detail}")
            : $"{Fault}: {Detail}";
    }
}
