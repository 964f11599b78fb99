using MedLedger.Ledger.Hashing;

namespace MedLedger.Ledger.Tests.Hashing;

public sealed class LedgerHashTests
{
    private static LedgerHash RandomHash(Random random)
    {
        var bytes = new byte[LedgerHash.Size];
        random.NextBytes(bytes);
        return new LedgerHash(bytes);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    [InlineData(33)]
    [InlineData(64)]
    public void Constructor_WrongLength_Throws(int length)
    {
        Assert.Throws<ArgumentException>(() => new LedgerHash(new byte[length]));
    }

    [Fact]
    public void Sha256_Abc_MatchesFips180Vector()
    {
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", LedgerHash.Sha256("abc"u8).ToHex());
    }

    [Fact]
    public void Zero_Always_IsAllZeroBytesAndDefault()
    {
        Assert.Equal(new byte[LedgerHash.Size], LedgerHash.Zero.ToArray());
        Assert.Equal(default, LedgerHash.Zero);
    }

    [Fact]
    public void ToArrayAndCopyTo_RandomHashes_RoundTripBytes()
    {
        var random = new Random(7);
        for (var i = 0; i < 100; i++)
        {
            var bytes = new byte[LedgerHash.Size];
            random.NextBytes(bytes);
            var hash = new LedgerHash(bytes);
            var copy = new byte[LedgerHash.Size + 3];

            hash.CopyTo(copy);

            Assert.Equal(bytes, hash.ToArray());
            Assert.Equal(bytes, copy[..LedgerHash.Size]);
            Assert.Equal(Convert.ToHexStringLower(bytes), hash.ToHex());
            Assert.Equal(hash.ToHex(), hash.ToString());
        }
    }

    [Fact]
    public void CopyTo_ShortDestination_Throws()
    {
        var hash = MerkleHash.Leaf([1]);

        Assert.Throws<ArgumentException>(() => hash.CopyTo(new byte[LedgerHash.Size - 1]));
    }

    [Fact]
    public void TryParseBase64_CanonicalText_RoundTrips()
    {
        var random = new Random(11);
        for (var i = 0; i < 200; i++)
        {
            var hash = RandomHash(random);
            var text = hash.ToBase64();

            Assert.Equal(LedgerHash.Base64Length, text.Length);
            Assert.True(LedgerHash.TryParseBase64(text, out var parsed));
            Assert.Equal(hash, parsed);
        }
    }

    [Fact]
    public void TryParseBase64_Null_ReturnsFalse()
    {
        Assert.False(LedgerHash.TryParseBase64(null, out var hash));
        Assert.Equal(default, hash);
    }

    [Fact]
    public void TryParseBase64_NonZeroPaddingBits_ReturnsFalse()
    {
        // 32 bytes fill 43 base64 digits with 2 bits to spare; the lenient decoder ignores those bits, so 4 texts decode
        // to the same bytes. Only the one with zero spare bits is canonical.
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        var random = new Random(13);
        for (var i = 0; i < 50; i++)
        {
            var hash = RandomHash(random);
            var canonical = hash.ToBase64();
            var lastDigit = Alphabet.IndexOf(canonical[42], StringComparison.Ordinal);
            Assert.Equal(0, lastDigit & 3);
            for (var spare = 1; spare <= 3; spare++)
            {
                var trick = string.Concat(canonical.AsSpan(0, 42), Alphabet[lastDigit | spare].ToString(), "=");

                Assert.Equal(hash.ToArray(), Convert.FromBase64String(trick));
                Assert.False(LedgerHash.TryParseBase64(trick, out _), trick);
            }
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")] // 43 digits: padding missing
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==")] // 45: extra padding
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")] // 30 bytes
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")] // 35 bytes
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")] // 36 bytes
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==")] // 44 chars but 31 bytes
    public void TryParseBase64_WrongLength_ReturnsFalse(string text)
    {
        Assert.False(LedgerHash.TryParseBase64(text, out _));
    }

    [Theory]
    [InlineData(" AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n")]
    [InlineData("AAAAAAAAAAAAAAAAAAAA AAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\tA")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA ")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\r\n")]
    public void TryParseBase64_Whitespace_ReturnsFalse(string text)
    {
        Assert.False(LedgerHash.TryParseBase64(text, out _));
    }

    [Theory]
    [InlineData("-")]
    [InlineData("_")]
    [InlineData("*")]
    [InlineData("=")]
    [InlineData("é")]
    public void TryParseBase64_CharacterOutsideStandardAlphabet_ReturnsFalse(string bad)
    {
        var text = "AAAAAAAAAAAAAAAAAAAA" + bad + "AAAAAAAAAAAAAAAAAAAAAA=";
        Assert.Equal(LedgerHash.Base64Length, text.Length);

        Assert.False(LedgerHash.TryParseBase64(text, out _));
    }

    [Fact]
    public void Equals_SameBytes_AreEqualWithEqualHashCodes()
    {
        var a = MerkleHash.Leaf([1, 2, 3]);
        var b = new LedgerHash(a.ToArray());

        Assert.True(a == b);
        Assert.False(a != b);
        Assert.True(a.Equals(b));
        Assert.True(a.Equals((object)b));
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
    }

    [Fact]
    public void Equals_AnySingleBitDifferent_AreNotEqual()
    {
        var bytes = MerkleHash.Leaf([4, 5, 6]).ToArray();
        var original = new LedgerHash(bytes);
        for (var bit = 0; bit < LedgerHash.Size * 8; bit++)
        {
            var changed = (byte[])bytes.Clone();
            changed[bit / 8] ^= (byte)(1 << (bit % 8));

            Assert.True(original != new LedgerHash(changed), $"bit {bit}");
            Assert.False(original.Equals(new LedgerHash(changed)), $"bit {bit}");
        }
    }

    [Fact]
    public void Equals_OtherTypeOrNull_IsFalse()
    {
        var hash = MerkleHash.Leaf([1]);

        Assert.False(hash.Equals(null));
        Assert.False(hash.Equals(hash.ToArray()));
        Assert.False(hash.Equals(hash.ToHex()));
    }
}
