using System.Buffers;
using System.Security.Cryptography;
using MedLedger.Ledger.Entries;
using MedLedger.Ledger.Hashing;

namespace MedLedger.Ledger.Verification;

/// <summary>A reusable block of consecutive entries: their bytes in one pooled arena, and what checking them found.</summary>
/// <remarks>
/// Each entry is stored right after a 0x00 byte, so its RFC 9162 leaf hash SHA-256(0x00 ‖ entry) is computed over the
/// arena in place, without copying. The arena grows up to <see cref="MaxArenaBytes"/> (plus room for one largest entry),
/// so memory stays bounded however long the log is.
/// </remarks>
internal sealed class EntryBatch : IDisposable
{
    public const int MaxArenaBytes = 4 * 1024 * 1024;

    private readonly int _capacity;
    private byte[] _arena;
    private int _used;
    private readonly int[] _starts;
    private readonly int[] _lengths;

    public EntryBatch(int capacity)
    {
        _capacity = capacity;
        _arena = ArrayPool<byte>.Shared.Rent(64 * 1024);
        _starts = new int[capacity];
        _lengths = new int[capacity];
        Checks = new EntryCheck[capacity];
    }

    public long FirstIndex { get; private set; }

    public int Count { get; private set; }

    public EntryCheck[] Checks { get; }

    public void Reset(long firstIndex)
    {
        FirstIndex = firstIndex;
        Count = 0;
        _used = 0;
    }

    /// <summary>Adds an entry; returns false when the batch is full (it never refuses the first entry).</summary>
    public bool TryAdd(ReadOnlySpan<byte> entry)
    {
        if (Count == _capacity)
        {
            return false;
        }

        // An oversized entry is kept only far enough to be recognised as too large.
        if (entry.Length > EntryFormat.MaxEntryBytes)
        {
            entry = entry[..(EntryFormat.MaxEntryBytes + 1)];
        }

        var needed = _used + 1 + entry.Length;
        if (Count > 0 && needed > MaxArenaBytes)
        {
            return false;
        }

        if (needed > _arena.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, Math.Min(_arena.Length * 2, MaxArenaBytes + EntryFormat.MaxEntryBytes + 2)));
            _arena.AsSpan(0, _used).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_arena);
            _arena = larger;
        }

        _arena[_used] = 0x00;
        entry.CopyTo(_arena.AsSpan(_used + 1));
        _starts[Count] = _used + 1;
        _lengths[Count] = entry.Length;
        _used = needed;
        Count++;
        return true;
    }

    public ReadOnlySpan<byte> Entry(int i) => _arena.AsSpan(_starts[i], _lengths[i]);

    /// <summary>Parses and hashes entries [<paramref name="from"/>, <paramref name="to"/>); safe to run on disjoint ranges in parallel.</summary>
    public void Check(int from, int to, byte[]? expectedLog)
    {
        Span<byte> digest = stackalloc byte[LedgerHash.Size];
        for (var i = from; i < to; i++)
        {
            ref var check = ref Checks[i];
            var entry = Entry(i);
            if (!EntryScanner.TryScan(entry, out var scanned))
            {
                check = default;
                continue;
            }

            SHA256.HashData(_arena.AsSpan(_starts[i] - 1, _lengths[i] + 1), digest);
            check.IsWellFormed = true;
            check.Sequence = scanned.Sequence;
            check.Prev = scanned.Prev;
            check.Leaf = new LedgerHash(digest);
            check.LogMatches = expectedLog is null || entry[scanned.Log].SequenceEqual(expectedLog);
        }
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_arena);
        _arena = [];
    }
}
