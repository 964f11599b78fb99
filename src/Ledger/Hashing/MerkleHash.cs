using System.Buffers;
using System.Security.Cryptography;

namespace MedLedger.Ledger.Hashing;

/// <summary>The domain-separated hashes of an RFC 9162 Merkle tree.</summary>
/// <remarks>
/// RFC 9162 §2.1.1: a leaf hash is SHA-256(0x00 ‖ entry) and an interior node is SHA-256(0x01 ‖ left ‖ right),
/// so no leaf can be passed off as a node or the other way round. The root of the empty tree is SHA-256 of
/// the empty string.
/// </remarks>
public static class MerkleHash
{
    private const byte LeafPrefix = 0x00;
    private const byte NodePrefix = 0x01;
    private const int StackLimit = 1024;
    private const int StackHashLimit = 256;

    /// <summary>Gets the root hash of the empty tree, SHA-256("").</summary>
    public static LedgerHash EmptyRoot { get; } = LedgerHash.Sha256([]);

    /// <summary>Computes the leaf hash SHA-256(0x00 ‖ <paramref name="entry"/>) of an entry's stored bytes.</summary>
    public static LedgerHash Leaf(ReadOnlySpan<byte> entry)
    {
        var length = entry.Length + 1;
        byte[]? rented = null;
        var buffer = length <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            buffer[0] = LeafPrefix;
            entry.CopyTo(buffer[1..]);
            Span<byte> digest = stackalloc byte[LedgerHash.Size];
            SHA256.HashData(buffer[..length], digest);
            return new LedgerHash(digest);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Computes the interior node hash SHA-256(0x01 ‖ <paramref name="left"/> ‖ <paramref name="right"/>).</summary>
    public static LedgerHash Node(in LedgerHash left, in LedgerHash right)
    {
        Span<byte> buffer = stackalloc byte[1 + (2 * LedgerHash.Size)];
        buffer[0] = NodePrefix;
        left.CopyTo(buffer[1..]);
        right.CopyTo(buffer[(1 + LedgerHash.Size)..]);
        Span<byte> digest = stackalloc byte[LedgerHash.Size];
        SHA256.HashData(buffer, digest);
        return new LedgerHash(digest);
    }

    /// <summary>Computes the root of a perfect subtree whose leaves (or level nodes) are <paramref name="hashes"/>.</summary>
    /// <exception cref="ArgumentException">The count is zero or not a power of two.</exception>
    public static LedgerHash PerfectRoot(ReadOnlySpan<LedgerHash> hashes)
    {
        if (hashes.Length == 0 || (hashes.Length & (hashes.Length - 1)) != 0)
        {
            throw new ArgumentException("A perfect subtree has a power-of-two number of nodes.", nameof(hashes));
        }

        if (hashes.Length == 1)
        {
            return hashes[0];
        }

        // Tile-sized inputs (the common case: at most 256 hashes) are combined on the stack, without allocating.
        var level = hashes.Length <= StackHashLimit ? stackalloc LedgerHash[hashes.Length] : new LedgerHash[hashes.Length];
        hashes.CopyTo(level);
        for (var width = level.Length; width > 1; width /= 2)
        {
            for (var i = 0; i < width / 2; i++)
            {
                level[i] = Node(level[2 * i], level[(2 * i) + 1]);
            }
        }

        return level[0];
    }
}
