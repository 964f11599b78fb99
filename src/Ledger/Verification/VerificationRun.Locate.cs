using MedLedger.Ledger.Hashing;

namespace MedLedger.Ledger.Verification;

/// <summary>Locating the first fault precisely, from the entry where the chain breaks and the one after it.</summary>
/// <remarks>
/// <para>The verifier notices a fault at the first position p whose entry does not carry <c>seq = p</c> and
/// <c>prev = leaf(p−1)</c>. Which entry is bad, and how, follows from how p and p+1 link (h(x) is a leaf hash, s its
/// <c>seq</c>, r its <c>prev</c>):</para>
/// <list type="bullet">
/// <item>r(p) = h(p−1) but s(p) ≠ p: the entry links correctly, so its <c>seq</c> was changed → <see cref="VerificationFault.ChangedEntry"/> at p.</item>
/// <item>s(p) = p−1 and r(p) = h(p−2): the chain skips position p−1. Equal bytes at p−1 and p → <see cref="VerificationFault.Duplicate"/> at p;
/// otherwise the entry at p−1 does not belong → <see cref="VerificationFault.Inserted"/> at p−1.</item>
/// <item>s(p) = p: if entry p+1 links to entry p, then entry p is original and recorded the original h(p−1) → <see cref="VerificationFault.ChangedEntry"/> at p−1;
/// otherwise entry p itself was altered (its prev) → <see cref="VerificationFault.BrokenLink"/> at p. For the last entry the signed
/// root of size p+1 decides, by recomputing it with r(p) in place of h(p−1).</item>
/// <item>s(p) &gt; p: if the entry after it is the expected entry p, the two are swapped (<see cref="VerificationFault.Reordered"/>) or p is
/// extra (<see cref="VerificationFault.Inserted"/>); if the chain continues from it, entries p … s(p)−1 are missing
/// (<see cref="VerificationFault.Gap"/>); if the sequence resumes at p+1, the entry is out of place (<see cref="VerificationFault.Reordered"/>).</item>
/// <item>s(p) &lt; p: an earlier entry appears again → <see cref="VerificationFault.Duplicate"/> at p.</item>
/// </list>
/// <para>Each rule assumes a single change; with several, the index is still that of a bad entry at or before which
/// nothing bad precedes, but the fault's name may describe only part of what happened.</para>
/// </remarks>
internal sealed partial class VerificationRun
{
    /// <summary>Names the fault at position <paramref name="p"/>, given the leaf hashes of the two entries before it.</summary>
    private async ValueTask<VerificationResult> LocateAsync(long p, EntryCheck entry, LedgerHash leaf, LedgerHash previous, LedgerHash beforePrevious)
    {
        var s = entry.Sequence;
        if (entry.Prev == previous)
        {
            return Fail(
                VerificationFault.ChangedEntry,
                p,
                Invariant($"Entry {p} links correctly to the entry before it but its seq says {s}: its content was changed."));
        }

        if (p >= 1 && s == p - 1 && entry.Prev == beforePrevious)
        {
            return leaf == previous
                ? Fail(VerificationFault.Duplicate, p, Invariant($"The entry at position {p} repeats entry {p - 1} byte for byte."))
                : Fail(
                    VerificationFault.Inserted,
                    p - 1,
                    Invariant($"The entry at position {p - 1} is not part of the log: the entry after it says it is number {p - 1} and links to entry {p - 2}."));
        }

        var next = await PeekAsync(p + 1).ConfigureAwait(false);
        var wellFormedNext = next is { Check.IsWellFormed: true } ? next.Value : ((EntryCheck Check, LedgerHash Leaf)?)null;
        if (s == p)
        {
            return LocateBrokenLink(p, entry, leaf, previous, next.HasValue, wellFormedNext);
        }

        if (s > p)
        {
            if (wellFormedNext is { } expected && expected.Check.Sequence == p && expected.Check.Prev == previous)
            {
                return entry.Prev == expected.Leaf
                    ? Fail(VerificationFault.Reordered, p, Invariant($"Entries {p} and {p + 1} are swapped."))
                    : Fail(
                        VerificationFault.Inserted,
                        p,
                        Invariant($"The entry at position {p} (seq {s}) is not part of the log: the entry after it continues the chain from entry {p - 1}."));
            }

            if (wellFormedNext is { } resumed && resumed.Check.Sequence == p + 1 && resumed.Check.Prev != leaf)
            {
                return Fail(
                    VerificationFault.Reordered,
                    p,
                    Invariant($"The entry at position {p} says it is number {s}: it belongs elsewhere, and the sequence resumes at {p + 1}."));
            }

            var missing = s - 1 == p ? Invariant($"Entry {p} is missing") : Invariant($"Entries {p} to {s - 1} are missing");
            return Fail(VerificationFault.Gap, p, Invariant($"{missing}: the entry at position {p} says it is number {s}."));
        }

        return Fail(
            VerificationFault.Duplicate,
            p,
            Invariant($"The entry at position {p} says it is number {s}: an earlier entry appears again."));
    }

    private VerificationResult LocateBrokenLink(
        long p, EntryCheck entry, LedgerHash leaf, LedgerHash previous, bool hasNext, (EntryCheck Check, LedgerHash Leaf)? wellFormedNext)
    {
        if (p > 0 && wellFormedNext is { } next && next.Check.Sequence == p + 1 && next.Check.Prev == leaf)
        {
            return Fail(
                VerificationFault.ChangedEntry,
                p - 1,
                Invariant($"Entry {p - 1} was changed: entry {p} records its leaf hash as {entry.Prev.ToBase64()}, but it hashes to {previous.ToBase64()}."));
        }

        if (hasNext || p == 0)
        {
            return Fail(
                VerificationFault.BrokenLink,
                p,
                p == 0
                    ? "Entry 0 was changed: its prev is not 32 zero bytes."
                    : Invariant($"Entry {p} was changed: its prev is not the leaf hash of entry {p - 1}, and the entry after it does not link to it either."));
        }

        // Entry p is the last one: only a signed root for size p + 1 can tell whether p−1 or p changed.
        var signed = FindCheckpoint(p + 1);
        if (signed is { } checkpoint && _beforeLastLeafKnown && _beforeLastLeaf.Size == p - 1)
        {
            var rootIfPreviousChanged = _beforeLastLeaf.RootWith([entry.Prev, leaf]);
            return rootIfPreviousChanged == checkpoint.Root
                ? Fail(
                    VerificationFault.ChangedEntry,
                    p - 1,
                    Invariant($"Entry {p - 1} was changed: the last entry records its original leaf hash, and the checkpoint signed for size {p + 1} confirms it."))
                : Fail(
                    VerificationFault.BrokenLink,
                    p,
                    Invariant($"Entry {p} (the last) was changed: its prev is not the leaf hash of entry {p - 1}, and the checkpoint signed for size {p + 1} matches neither."));
        }

        return Fail(
            VerificationFault.BrokenLink,
            p - 1,
            Invariant($"The last entry ({p}) does not link to entry {p - 1}: one of the two was changed, and no checkpoint for size {p + 1} tells which."));
    }

    private async ValueTask<VerificationResult> RootMismatchAsync(EntryBatch batch, int committed, TrustedCheckpoint checkpoint, LedgerHash computed)
    {
        var position = batch.FirstIndex + committed - 1;
        // When the entry after this one breaks the chain too, its explanation may name this very entry more precisely.
        var next = await PeekAsync(position + 1).ConfigureAwait(false);
        var last = LeafAt(batch, position);
        if (next is { Check.IsWellFormed: true } following && (following.Check.Sequence != position + 1 || following.Check.Prev != last))
        {
            var located = await LocateAsync(position + 1, following.Check, following.Leaf, last, LeafAt(batch, position - 1)).ConfigureAwait(false);
            if (located.FirstBadIndex <= position)
            {
                return located;
            }
        }

        return Fail(
            VerificationFault.RootMismatch,
            position,
            Invariant($"The Merkle root of the first {checkpoint.Size} entries is {computed.ToBase64()}, but checkpoint {checkpoint.Position} signed {checkpoint.Root.ToBase64()}. Every link up to entry {position} holds, so entry {position} (and possibly entries back to index {_checkpointedSize}) is not what was signed."));
    }

    private TrustedCheckpoint? FindCheckpoint(long size)
    {
        foreach (var checkpoint in _checkpoints)
        {
            if (checkpoint.Size == size)
            {
                return checkpoint;
            }
        }

        return null;
    }
}
