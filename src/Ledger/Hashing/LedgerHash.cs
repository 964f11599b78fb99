using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace MedLedger.Ledger.Hashing;

/// <summary>A SHA-256 value used by the log: a leaf hash, an interior node hash or a tree root.</summary>
/// <remarks>
/// A fixed-size value type rather than a <see cref="byte"/> array, so hashes compare by value and cannot be
/// truncated or resized by accident. The default value is 32 zero bytes.
/// </remarks>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public readonly struct LedgerHash : IEquatable<LedgerHash>
{
    /// <summary>The size of a hash in bytes.</summary>
    public const int Size = 32;

    /// <summary>The length of a hash in canonical base64 (with padding).</summary>
    public const int Base64Length = 44;

    private readonly ulong _part0;
    private readonly ulong _part1;
    private readonly ulong _part2;
    private readonly ulong _part3;

    /// <summary>Creates a hash from exactly <see cref="Size"/> bytes.</summary>
    /// <exception cref="ArgumentException"><paramref name="bytes"/> is not 32 bytes long.</exception>
    public LedgerHash(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size)
        {
            throw new ArgumentException($"A hash is {Size} bytes, not {bytes.Length}.", nameof(bytes));
        }

        _part0 = BinaryPrimitives.ReadUInt64BigEndian(bytes);
        _part1 = BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]);
        _part2 = BinaryPrimitives.ReadUInt64BigEndian(bytes[16..]);
        _part3 = BinaryPrimitives.ReadUInt64BigEndian(bytes[24..]);
    }

    /// <summary>Gets the value whose 32 bytes are all zero (not a hash of anything), used as <c>prev</c> of the first entry.</summary>
    public static LedgerHash Zero => default;

    /// <summary>Computes SHA-256 of <paramref name="data"/> with no prefix.</summary>
    public static LedgerHash Sha256(ReadOnlySpan<byte> data)
    {
        Span<byte> digest = stackalloc byte[Size];
        SHA256.HashData(data, digest);
        return new LedgerHash(digest);
    }

    /// <summary>Copies the 32 bytes into <paramref name="destination"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than 32 bytes.</exception>
    public void CopyTo(Span<byte> destination)
    {
        if (destination.Length < Size)
        {
            throw new ArgumentException($"The destination needs {Size} bytes.", nameof(destination));
        }

        BinaryPrimitives.WriteUInt64BigEndian(destination, _part0);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], _part1);
        BinaryPrimitives.WriteUInt64BigEndian(destination[16..], _part2);
        BinaryPrimitives.WriteUInt64BigEndian(destination[24..], _part3);
    }

    /// <summary>Returns the 32 bytes as a new array.</summary>
    public byte[] ToArray()
    {
        var bytes = new byte[Size];
        CopyTo(bytes);
        return bytes;
    }

    /// <summary>Returns the canonical base64 form (standard alphabet, with padding), as used in checkpoints and receipts.</summary>
    public string ToBase64()
    {
        Span<byte> bytes = stackalloc byte[Size];
        CopyTo(bytes);
        return Convert.ToBase64String(bytes);
    }

    /// <summary>Returns the lowercase hexadecimal form, for messages and logs.</summary>
    public string ToHex()
    {
        Span<byte> bytes = stackalloc byte[Size];
        CopyTo(bytes);
        return Convert.ToHexStringLower(bytes);
    }

    /// <summary>Parses canonical base64 (44 characters, standard alphabet, padded); anything else is rejected.</summary>
    /// <returns><see langword="true"/> when <paramref name="text"/> is the canonical encoding of 32 bytes.</returns>
    public static bool TryParseBase64([NotNullWhen(true)] string? text, out LedgerHash hash)
    {
        hash = default;
        if (text is null || text.Length != Base64Length)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[Size + 2];
        if (!Convert.TryFromBase64String(text, bytes, out var written) || written != Size)
        {
            return false;
        }

        var candidate = new LedgerHash(bytes[..Size]);
        // Reject non-canonical encodings (for example non-zero padding bits) so one hash has one text form.
        if (!string.Equals(candidate.ToBase64(), text, StringComparison.Ordinal))
        {
            return false;
        }

        hash = candidate;
        return true;
    }

    /// <inheritdoc />
    public bool Equals(LedgerHash other) =>
        _part0 == other._part0 && _part1 == other._part1 && _part2 == other._part2 && _part3 == other._part3;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is LedgerHash other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(_part0, _part1, _part2, _part3);

    /// <summary>Returns the hexadecimal form.</summary>
    public override string ToString() => ToHex();

    /// <summary>Compares two hashes by value.</summary>
    public static bool operator ==(LedgerHash left, LedgerHash right) => left.Equals(right);

    /// <summary>Compares two hashes by value.</summary>
    public static bool operator !=(LedgerHash left, LedgerHash right) => !left.Equals(right);
}
