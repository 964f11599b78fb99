using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using System.Security.Cryptography;

namespace MedLedger.Ledger.Hashing;

/// <summary>
/// SHA-256 (FIPS 180-4) of up to eight independent messages at once, one per 32-bit lane of a 256-bit vector.
/// </summary>
/// <remarks>
/// <para>Verification hashes millions of short messages (entries of a few hundred bytes, 65-byte tree nodes). The
/// platform's SHA-256 is fast per byte but costs several hundred nanoseconds per call, which dominates at these sizes;
/// computing eight messages per pass of the compression function removes that cost.</para>
/// <para>When 256-bit vectors are not hardware-accelerated every message goes to <see cref="SHA256.HashData(ReadOnlySpan{byte}, Span{byte})"/>.
/// Results are identical either way (tests compare both for every length class).</para>
/// </remarks>
internal static class Sha256Lanes
{
    public const int Lanes = 8;

    private static readonly uint[] RoundConstants =
    [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ];

    private static readonly uint[] InitialState =
        [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

    /// <summary>Gets whether the vectorized path is used on this machine.</summary>
    public static bool IsAccelerated { get; } = Vector256.IsHardwareAccelerated && Avx2.IsSupported;

    /// <summary>Hashes each message <paramref name="source"/>[starts[i] .. starts[i] + lengths[i]) into <paramref name="digests"/>[i].</summary>
    public static void Hash(ReadOnlySpan<byte> source, ReadOnlySpan<int> starts, ReadOnlySpan<int> lengths, Span<LedgerHash> digests)
    {
        Span<byte> digest = stackalloc byte[LedgerHash.Size];
        var i = 0;
        if (IsAccelerated)
        {
            for (; i + 1 < starts.Length; i += Lanes)
            {
                var count = Math.Min(Lanes, starts.Length - i);
                HashGroup(source, starts.Slice(i, count), lengths.Slice(i, count), digests.Slice(i, count));
            }
        }

        // A lone message (or no acceleration): the platform implementation.
        for (; i < starts.Length; i++)
        {
            SHA256.HashData(source.Slice(starts[i], lengths[i]), digest);
            digests[i] = new LedgerHash(digest);
        }
    }

    // Straight to optimized code: short verifications would otherwise run this loop unoptimized (tier 0).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void HashGroup(ReadOnlySpan<byte> source, ReadOnlySpan<int> starts, ReadOnlySpan<int> lengths, Span<LedgerHash> digests)
    {
        var count = starts.Length;
        Span<int> blocks = stackalloc int[Lanes];
        Span<int> fullBlocks = stackalloc int[Lanes];
        // Each lane's padded tail: the bytes after its last full block, 0x80, zeros and the bit length (one or two blocks).
        Span<byte> tails = stackalloc byte[Lanes * 128];
        tails.Clear();
        var maxBlocks = 0;
        for (var lane = 0; lane < Lanes; lane++)
        {
            var length = lane < count ? lengths[lane] : 0;
            var full = length / 64;
            var rest = length - (full * 64);
            var tailBlocks = rest < 56 ? 1 : 2;
            var tail = tails.Slice(lane * 128, 128);
            if (lane < count)
            {
                source.Slice(starts[lane] + (full * 64), rest).CopyTo(tail);
            }

            tail[rest] = 0x80;
            BinaryPrimitives.WriteUInt64BigEndian(tail.Slice((tailBlocks * 64) - 8, 8), (ulong)length * 8);
            fullBlocks[lane] = full;
            blocks[lane] = full + tailBlocks;
            maxBlocks = Math.Max(maxBlocks, blocks[lane]);
        }

        Span<Vector256<uint>> state = stackalloc Vector256<uint>[8];
        for (var i = 0; i < 8; i++)
        {
            state[i] = Vector256.Create(InitialState[i]);
        }

        Span<Vector256<uint>> schedule = stackalloc Vector256<uint>[64];
        Span<Vector256<uint>> rows = stackalloc Vector256<uint>[2 * Lanes];
        Span<uint> active = stackalloc uint[Lanes];
        for (var block = 0; block < maxBlocks; block++)
        {
            for (var lane = 0; lane < Lanes; lane++)
            {
                active[lane] = block < blocks[lane] ? uint.MaxValue : 0;
                var bytes = block < fullBlocks[lane]
                    ? source.Slice(starts[lane] + (block * 64), 64)
                    : block < blocks[lane] ? tails.Slice((lane * 128) + ((block - fullBlocks[lane]) * 64), 64) : tails.Slice(lane * 128, 64);
                rows[lane] = BigEndianWords(bytes[..32]);
                rows[Lanes + lane] = BigEndianWords(bytes[32..]);
            }

            Transpose(rows[..Lanes], schedule[..8]);
            Transpose(rows[Lanes..], schedule[8..16]);
            Compress(state, schedule, Vector256.Create<uint>(active));
        }

        Span<byte> digest = stackalloc byte[LedgerHash.Size];
        for (var lane = 0; lane < count; lane++)
        {
            for (var i = 0; i < 8; i++)
            {
                BinaryPrimitives.WriteUInt32BigEndian(digest[(i * 4)..], state[i].GetElement(lane));
            }

            digests[lane] = new LedgerHash(digest);
        }
    }

    /// <summary>One SHA-256 compression (FIPS 180-4 §6.2.2) in every lane; lanes outside <paramref name="mask"/> keep their state.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Compress(Span<Vector256<uint>> state, Span<Vector256<uint>> schedule, Vector256<uint> mask)
    {
        ref var w = ref MemoryMarshal.GetReference(schedule);
        for (var t = 16; t < 64; t++)
        {
            var w15 = Unsafe.Add(ref w, t - 15);
            var w2 = Unsafe.Add(ref w, t - 2);
            var s0 = RotateRight(w15, 7) ^ RotateRight(w15, 18) ^ Vector256.ShiftRightLogical(w15, 3);
            var s1 = RotateRight(w2, 17) ^ RotateRight(w2, 19) ^ Vector256.ShiftRightLogical(w2, 10);
            Unsafe.Add(ref w, t) = Unsafe.Add(ref w, t - 16) + s0 + Unsafe.Add(ref w, t - 7) + s1;
        }

        var a = state[0];
        var b = state[1];
        var c = state[2];
        var d = state[3];
        var e = state[4];
        var f = state[5];
        var g = state[6];
        var h = state[7];
        ref var k = ref MemoryMarshal.GetArrayDataReference(RoundConstants);
        for (var t = 0; t < 64; t++)
        {
            var sum1 = RotateRight(e, 6) ^ RotateRight(e, 11) ^ RotateRight(e, 25);
            var choose = (e & f) ^ Vector256.AndNot(g, e);
            var temp1 = h + sum1 + choose + Vector256.Create(Unsafe.Add(ref k, t)) + Unsafe.Add(ref w, t);
            var sum0 = RotateRight(a, 2) ^ RotateRight(a, 13) ^ RotateRight(a, 22);
            var majority = (a & b) ^ (c & (a ^ b));
            h = g;
            g = f;
            f = e;
            e = d + temp1;
            d = c;
            c = b;
            b = a;
            a = temp1 + sum0 + majority;
        }

        state[0] = Vector256.ConditionalSelect(mask, state[0] + a, state[0]);
        state[1] = Vector256.ConditionalSelect(mask, state[1] + b, state[1]);
        state[2] = Vector256.ConditionalSelect(mask, state[2] + c, state[2]);
        state[3] = Vector256.ConditionalSelect(mask, state[3] + d, state[3]);
        state[4] = Vector256.ConditionalSelect(mask, state[4] + e, state[4]);
        state[5] = Vector256.ConditionalSelect(mask, state[5] + f, state[5]);
        state[6] = Vector256.ConditionalSelect(mask, state[6] + g, state[6]);
        state[7] = Vector256.ConditionalSelect(mask, state[7] + h, state[7]);
    }

    // Eight big-endian 32-bit words from 32 bytes.
    private static Vector256<uint> BigEndianWords(ReadOnlySpan<byte> bytes) =>
        Avx2.Shuffle(Vector256.Create(bytes), ByteSwapMask).AsUInt32();

    private static Vector256<byte> ByteSwapMask { get; } = Vector256.Create(
        (byte)3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8, 15, 14, 13, 12, 3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8, 15, 14, 13, 12);

    /// <summary>Turns eight rows (lane i: words 0..7) into eight columns (word t: lanes 0..7).</summary>
    private static void Transpose(ReadOnlySpan<Vector256<uint>> rows, Span<Vector256<uint>> columns)
    {
        var t0 = Avx2.UnpackLow(rows[0], rows[1]);
        var t1 = Avx2.UnpackHigh(rows[0], rows[1]);
        var t2 = Avx2.UnpackLow(rows[2], rows[3]);
        var t3 = Avx2.UnpackHigh(rows[2], rows[3]);
        var t4 = Avx2.UnpackLow(rows[4], rows[5]);
        var t5 = Avx2.UnpackHigh(rows[4], rows[5]);
        var t6 = Avx2.UnpackLow(rows[6], rows[7]);
        var t7 = Avx2.UnpackHigh(rows[6], rows[7]);
        var u0 = Avx2.UnpackLow(t0.AsUInt64(), t2.AsUInt64()).AsUInt32();
        var u1 = Avx2.UnpackHigh(t0.AsUInt64(), t2.AsUInt64()).AsUInt32();
        var u2 = Avx2.UnpackLow(t1.AsUInt64(), t3.AsUInt64()).AsUInt32();
        var u3 = Avx2.UnpackHigh(t1.AsUInt64(), t3.AsUInt64()).AsUInt32();
        var u4 = Avx2.UnpackLow(t4.AsUInt64(), t6.AsUInt64()).AsUInt32();
        var u5 = Avx2.UnpackHigh(t4.AsUInt64(), t6.AsUInt64()).AsUInt32();
        var u6 = Avx2.UnpackLow(t5.AsUInt64(), t7.AsUInt64()).AsUInt32();
        var u7 = Avx2.UnpackHigh(t5.AsUInt64(), t7.AsUInt64()).AsUInt32();
        columns[0] = Avx2.Permute2x128(u0, u4, 0x20);
        columns[1] = Avx2.Permute2x128(u1, u5, 0x20);
        columns[2] = Avx2.Permute2x128(u2, u6, 0x20);
        columns[3] = Avx2.Permute2x128(u3, u7, 0x20);
        columns[4] = Avx2.Permute2x128(u0, u4, 0x31);
        columns[5] = Avx2.Permute2x128(u1, u5, 0x31);
        columns[6] = Avx2.Permute2x128(u2, u6, 0x31);
        columns[7] = Avx2.Permute2x128(u3, u7, 0x31);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<uint> RotateRight(Vector256<uint> value, [ConstantExpected] byte count) =>
        Avx512F.VL.IsSupported
            ? Avx512F.VL.RotateRight(value, count)
            : Vector256.ShiftRightLogical(value, count) | Vector256.ShiftLeft(value, 32 - count);
}
