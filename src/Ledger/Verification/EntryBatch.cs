using System.Buffers;
using MedLedger.Ledger.Entries;
using MedLedger.Ledger.Hashing;
using MedLedger.Ledger.Tiles;

namespace MedLedger.Ledger.Verification;

/// <summary>
/// A reusable block of consecutive entries: their bytes in one pooled arena, and what checking them found — per entry
/// its links and leaf hash, per aligned chunk of 256 entries the chunk's Merkle root.
/// </summary>
/// <remarks>
/// Each entry is stored right after a 0x00 byte, so its RFC 9162 leaf hash SHA-256(0x00 ‖ entry) is computed over the
/// arena in place. The arena grows up to <see cref="MaxArenaBytes"/> (plus room for one largest entry), so memory
/// stays bounded however long the log is.
/// </remarks>
internal sealed class EntryBatch : IDisposable
{
    public const int MaxArenaBytes = 4 * 1024 * 1024;

    /// <summary>Leaves per chunk: one level-0 tile, whose root the parallel stage computes.</summary>
    public const int ChunkSize = TileLayout.Width;

    /// <summary>The height of a chunk's perfect subtree (2^8 = 256 leaves).</summary>
    public const int ChunkHeight = TileLayout.Height;

    private static readonly int[] NodeStarts = Enumerable.Range(0, ChunkSize / 2).Select(i => i * NodeInputSize).ToArray();
    private static readonly int[] NodeLengths = Enumerable.Repeat(NodeInputSize, ChunkSize / 2).ToArray();

    private const int NodeInputSize = 1 + (2 * LedgerHash.Size);

    private readonly int _capacity;
    private readonly int[] _hashStarts;
    private readonly int[] _hashLengths;
    private readonly LedgerHash[] _chunkRoots;
    private byte[] _arena;
    private int _used;

    public EntryBatch(int capacity)
    {
        _capacity = capacity;
        _arena = ArrayPool<byte>.Shared.Rent(64 * 1024);
        _hashStarts = new int[capacity];
        _hashLengths = new int[capacity];
        Checks = new EntryCheck[capacity];
        Leaves = new LedgerHash[capacity];
        _chunkRoots = new LedgerHash[(capacity / ChunkSize) + 2];
    }

    public long FirstIndex { get; private set; }

    public int Count { get; private set; }

    public EntryCheck[] Checks { get; }

    public LedgerHash[] Leaves { get; }

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
        _hashStarts[Count] = _used;
        _hashLengths[Count] = entry.Length + 1;
        _used = needed;
        Count++;
        return true;
    }

    public ReadOnlySpan<byte> Entry(int i) => _arena.AsSpan(_hashStarts[i] + 1, _hashLengths[i] - 1);

    /// <summary>
    /// Splits the batch into segments that never straddle a chunk boundary (absolute indexes multiple of 256), so each
    /// segment can be checked independently and every whole chunk gets its root.
    /// </summary>
    public List<(int From, int To)> Segments()
    {
        var segments = new List<(int, int)>();
        var from = 0;
        while (from < Count)
        {
            var toBoundary = ChunkSize - (int)((FirstIndex + from) % ChunkSize);
            var to = Math.Min(Count, from + toBoundary);
            segments.Add((from, to));
            from = to;
        }

        return segments;
    }

    /// <summary>Gets the root of the whole chunk starting at <paramref name="offset"/>, or null when it is not whole in this batch.</summary>
    public LedgerHash? ChunkRootAt(int offset) =>
        (FirstIndex + offset) % ChunkSize == 0 && offset + ChunkSize <= Count ? _chunkRoots[ChunkSlot(offset)] : null;

    /// <summary>Parses and hashes the entries of one segment; safe to run on different segments in parallel.</summary>
    public void Check(int from, int to, byte[]? expectedLog)
    {
        for (var i = from; i < to; i++)
        {
            ref var check = ref Checks[i];
            var entry = Entry(i);
            if (!EntryScanner.TryScan(entry, out var scanned))
            {
                check = default;
                continue;
            }

            check.IsWellFormed = true;
            check.Sequence = scanned.Sequence;
            check.Prev = scanned.Prev;
            check.LogMatches = expectedLog is null || entry[scanned.Log].SequenceEqual(expectedLog);
        }

        Sha256Lanes.Hash(_arena, _hashStarts.AsSpan(from, to - from), _hashLengths.AsSpan(from, to - from), Leaves.AsSpan(from, to - from));
        if (to - from == ChunkSize && (FirstIndex + from) % ChunkSize == 0)
        {
            _chunkRoots[ChunkSlot(from)] = PerfectRoot(Leaves.AsSpan(from, ChunkSize));
        }
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_arena);
        _arena = [];
    }

    private static int ChunkSlot(int offset) => (offset + ChunkSize - 1) / ChunkSize;

    // The root of 256 leaves, one tree level at a time so each level's nodes are hashed eight at once.
    private static LedgerHash PerfectRoot(ReadOnlySpan<LedgerHash> leaves)
    {
        Span<LedgerHash> level = stackalloc LedgerHash[ChunkSize];
        leaves.CopyTo(level);
        Span<byte> inputs = stackalloc byte[(ChunkSize / 2) * NodeInputSize];
        for (var width = ChunkSize; width > 1; width /= 2)
        {
            var nodes = width / 2;
            for (var i = 0; i < nodes; i++)
            {
                var input = inputs.Slice(i * NodeInputSize, NodeInputSize);
                input[0] = 0x01;
                level[2 * i].CopyTo(input[1..]);
                level[(2 * i) + 1].CopyTo(input[(1 + LedgerHash.Size)..]);
            }

            Sha256Lanes.Hash(inputs, NodeStarts.AsSpan(0, nodes), NodeLengths.AsSpan(0, nodes), level[..nodes]);
        }

        return level[0];
    }
}
