using System.Buffers.Binary;
using MedLedger.Ledger.Hashing;

namespace MedLedger.Ledger.Tests.Support;

/// <summary>
/// Cheap, distinct leaf hashes for large trees (no SHA-256 per leaf). The tree above them is still hashed for real,
/// so roots and proofs are exercised exactly as with real entries.
/// </summary>
internal static class SyntheticLeaves
{
    public static LedgerHash Leaf(long index)
    {
        Span<byte> bytes = stackalloc byte[LedgerHash.Size];
        bytes.Fill(0x5A);
        BinaryPrimitives.WriteInt64BigEndian(bytes, index);
        BinaryPrimitives.WriteInt64LittleEndian(bytes[24..], ~index);
        return new LedgerHash(bytes);
    }

    public static LedgerHash[] Range(long start, int count) => [.. Enumerable.Range(0, count).Select(i => Leaf(start + i))];
}
