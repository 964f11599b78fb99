using System.Security.Cryptography;
using System.Text;

namespace MedLedger.Ledger.Tests.Reference;

/// <summary>
/// RFC 9162 §2.1 written as literally as possible (recursive MTH, PATH, PROOF/SUBPROOF over byte arrays), to
/// cross-check the real code. Slow on purpose; only MTH results are remembered, so large cross-checks stay affordable.
/// </summary>
/// <remarks>
/// It shares nothing with src/Ledger: its own SHA-256 calls, its own prefixes, its own recursion. The list D[n] is
/// held as the leaf hashes SHA-256(0x00 ‖ d(i)), so trees of synthetic leaf hashes can be checked as well.
/// </remarks>
internal sealed class ReferenceMerkleTree
{
    private readonly List<byte[]> _leafHashes;
    private readonly Dictionary<(long Start, long End), byte[]> _mth = [];

    private ReferenceMerkleTree(List<byte[]> leafHashes) => _leafHashes = leafHashes;

    /// <summary>Gets the number of leaves held (the largest n that D[n] may use).</summary>
    public int Count => _leafHashes.Count;

    /// <summary>A tree over entries d(0), d(1), ….</summary>
    public static ReferenceMerkleTree FromEntries(IEnumerable<byte[]> entries) => new([.. entries.Select(LeafHash)]);

    /// <summary>A tree over already-hashed leaves.</summary>
    public static ReferenceMerkleTree FromLeafHashes(IEnumerable<byte[]> leafHashes) => new([.. leafHashes]);

    /// <summary>MTH({}) = SHA-256().</summary>
    public static byte[] EmptyHash() => SHA256.HashData([]);

    /// <summary>MTH({d(0)}) = SHA-256(0x00 || d(0)).</summary>
    public static byte[] LeafHash(byte[] entry) => SHA256.HashData([0x00, .. entry]);

    /// <summary>SHA-256(0x01 || left || right).</summary>
    public static byte[] NodeHash(byte[] left, byte[] right) => SHA256.HashData([0x01, .. left, .. right]);

    /// <summary>The largest power of two smaller than n: k &lt; n ≤ 2k.</summary>
    public static long K(long n)
    {
        long k = 1;
        while (k < n - k) // k * 2 < n, without overflow near 2^63
        {
            k *= 2;
        }

        return k;
    }

    /// <summary>Gets leaf hash i.</summary>
    public byte[] Leaf(long i) => _leafHashes[(int)i];

    /// <summary>MTH(D[start:end]).</summary>
    public byte[] Mth(long start, long end)
    {
        var n = end - start;
        if (n == 0)
        {
            return EmptyHash();
        }

        if (n == 1)
        {
            return _leafHashes[(int)start];
        }

        if (_mth.TryGetValue((start, end), out var known))
        {
            return known;
        }

        var k = K(n);
        var hash = NodeHash(Mth(start, start + k), Mth(start + k, end));
        _mth[(start, end)] = hash;
        return hash;
    }

    /// <summary>MTH(D[n]).</summary>
    public byte[] Root(long n) => Mth(0, n);

    /// <summary>PATH(m, D[n]).</summary>
    public List<byte[]> Path(long m, long n) => Path(m, 0, n);

    /// <summary>PROOF(m, D[n]) = SUBPROOF(m, D[n], true), for 0 &lt; m &lt; n.</summary>
    public List<byte[]> Proof(long m, long n) => Subproof(m, 0, n, true);

    /// <summary>
    /// The shape of PATH(m, D[n]): for each proof hash, in order, "L" when it is a left sibling (MTH(D[0:k])) and "R"
    /// when it is a right sibling (MTH(D[k:n])). The verifier's hashing depends only on this shape.
    /// </summary>
    public static string InclusionShape(long m, long n)
    {
        if (n < 1 || m < 0 || m >= n)
        {
            throw new ArgumentOutOfRangeException(nameof(m));
        }

        if (n == 1)
        {
            return string.Empty;
        }

        var k = K(n);
        return m < k ? InclusionShape(m, k) + "R" : InclusionShape(m - k, n - k) + "L";
    }

    /// <summary>
    /// The shape of PROOF(m, D[n]): "P" when the first root itself starts the proof (m is a node of the second tree),
    /// "S" when the proof's first hash does; then "L"/"R" for each further hash as in <see cref="InclusionShape"/>.
    /// </summary>
    public static string ConsistencyShape(long m, long n)
    {
        if (m <= 0 || m >= n)
        {
            throw new ArgumentOutOfRangeException(nameof(m));
        }

        return SubproofShape(m, n, true);
    }

    private static string SubproofShape(long m, long n, bool b)
    {
        if (m == n)
        {
            return b ? "P" : "S";
        }

        var k = K(n);
        return m <= k ? SubproofShape(m, k, b) + "R" : SubproofShape(m - k, n - k, false) + "L";
    }

    private List<byte[]> Path(long m, long start, long end)
    {
        var n = end - start;
        if (n == 1)
        {
            return [];
        }

        var k = K(n);
        if (m < k)
        {
            return [.. Path(m, start, start + k), Mth(start + k, end)];
        }

        return [.. Path(m - k, start + k, end), Mth(start, start + k)];
    }

    private List<byte[]> Subproof(long m, long start, long end, bool b)
    {
        var n = end - start;
        if (m == n)
        {
            return b ? [] : [Mth(start, end)];
        }

        var k = K(n);
        if (m <= k)
        {
            return [.. Subproof(m, start, start + k, b), Mth(start + k, end)];
        }

        return [.. Subproof(m - k, start + k, end, false), Mth(start, start + k)];
    }

    /// <summary>Entry i of the synthetic logs used by the cross-checks: distinct, short, deterministic.</summary>
    public static byte[] Entry(long i) => Encoding.UTF8.GetBytes(FormattableString.Invariant($"entry {i}"));
}
