using System.Text;
using FsCheck;
using FsCheck.Fluent;
using MedLedger.Ledger.Hashing;
using MedLedger.Ledger.Merkle;

namespace MedLedger.Ledger.Tests.Merkle;

public sealed class ConsistencyProofTests
{
    private static readonly LedgerHash A = MerkleHash.Leaf("a"u8);
    private static readonly LedgerHash B = MerkleHash.Leaf("b"u8);

    [Fact]
    public void ToJson_KnownAnswer_IsTheDocumentedForm()
    {
        var json = Encoding.UTF8.GetString(new ConsistencyProof(3, 7, [A, B]).ToJson());

        Assert.Equal($"{{\"format\":\"medledger-consistency-proof/v1\",\"from\":3,\"to\":7,\"proof\":[\"{A.ToBase64()}\",\"{B.ToBase64()}\"]}}", json);
    }

    [Fact]
    public void TryParse_RoundTrip_GivesTheSameProof()
    {
        var original = new ConsistencyProof(long.MaxValue - 1, long.MaxValue, [A]);

        Assert.True(ConsistencyProof.TryParse(original.ToJson(), out var parsed, out var error), error);
        Assert.Equal(original.FromSize, parsed.FromSize);
        Assert.Equal(original.ToSize, parsed.ToSize);
        Assert.Equal(original.Hashes, parsed.Hashes);
    }

    [Fact]
    public void TryParse_EmptyProof_IsAccepted()
    {
        Assert.True(ConsistencyProof.TryParse(new ConsistencyProof(5, 5, []).ToJson(), out var parsed, out _));
        Assert.Empty(parsed.Hashes);
    }

    [Theory]
    [InlineData("{\"from\":1,\"to\":2,\"proof\":[]}", "no \"format\"")]
    [InlineData("{\"format\":\"medledger-consistency-proof/v2\",\"from\":1,\"to\":2,\"proof\":[]}", "format is not")]
    [InlineData("{\"format\":\"medledger-consistency-proof/v1\",\"from\":1,\"to\":2,\"proof\":[],\"extra\":1}", "unknown member \"extra\"")]
    [InlineData("{\"format\":\"medledger-consistency-proof/v1\",\"from\":1,\"from\":1,\"to\":2,\"proof\":[]}", "twice")]
    [InlineData("{\"format\":\"medledger-consistency-proof/v1\",\"to\":2,\"from\":1,\"proof\":[]}", "not in canonical form")]
    [InlineData("{\"format\":\"medledger-consistency-proof/v1\", \"from\":1,\"to\":2,\"proof\":[]}", "not in canonical form")]
    [InlineData("{\"format\":\"medledger-consistency-proof/v1\",\"from\":01,\"to\":2,\"proof\":[]}", "not well-formed JSON")]
    [InlineData("{\"format\":\"medledger-consistency-proof/v1\",\"from\":1.0,\"to\":2,\"proof\":[]}", "non-negative integers")]
    [InlineData("{\"format\":\"medledger-consistency-proof/v1\",\"from\":-1,\"to\":2,\"proof\":[]}", "non-negative integers")]
    [InlineData("{\"format\":\"medledger-consistency-proof/v1\",\"from\":1,\"to\":9223372036854775808,\"proof\":[]}", "non-negative integers")]
    [InlineData("{\"format\":\"medledger-consistency-proof/v1\",\"from\":3,\"to\":2,\"proof\":[]}", "smaller size")]
    [InlineData("{\"format\":\"medledger-consistency-proof/v1\",\"from\":1,\"to\":2,\"proof\":[\"AAAA\"]}", "Hash 0")]
    [InlineData("{\"format\":\"medledger-consistency-proof/v1\",\"from\":1,\"to\":2,\"proof\":[1]}", "Hash 0")]
    [InlineData("{\"format\":\"medledger-consistency-proof/v1\",\"from\":1,\"to\":2,\"proof\":[\"\\ud800\"]}", "Hash 0")]
    [InlineData("{\"format\":\"medledger-consistency-proof/v1\",\"from\":1,\"to\":2,\"proof\":{}}", "not an array")]
    [InlineData("[]", "not a JSON object")]
    [InlineData("", "not well-formed JSON")]
    public void TryParse_NonCanonicalOrMalformed_IsRejectedWithAReason(string json, string reason)
    {
        Assert.False(ConsistencyProof.TryParse(Encoding.UTF8.GetBytes(json), out var proof, out var error));
        Assert.Null(proof);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_TrailingNewlineOrInvalidUtf8OrTooLarge_IsRejected()
    {
        var json = new ConsistencyProof(1, 2, [A]).ToJson();

        Assert.False(ConsistencyProof.TryParse([.. json, (byte)'\n'], out _, out _));
        Assert.False(ConsistencyProof.TryParse([0xff, .. json], out _, out var utf8));
        Assert.Contains("UTF-8", utf8, StringComparison.Ordinal);
        Assert.False(ConsistencyProof.TryParse(new byte[ConsistencyProof.MaxJsonBytes + 1], out _, out var large));
        Assert.Contains("larger", large, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_TooManyHashes_IsRejected()
    {
        var hashes = string.Join(",", Enumerable.Repeat($"\"{A.ToBase64()}\"", ConsistencyProof.MaxProofLength + 1));
        var json = $"{{\"format\":\"medledger-consistency-proof/v1\",\"from\":1,\"to\":2,\"proof\":[{hashes}]}}";

        Assert.False(ConsistencyProof.TryParse(Encoding.UTF8.GetBytes(json), out _, out var error));
        Assert.Contains("at most 128", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_BadSizes_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ConsistencyProof(-1, 2, []));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ConsistencyProof(3, 2, []));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ConsistencyProof(1, 2, Enumerable.Repeat(A, 129).ToList()));
    }

    [Fact]
    public void TryParse_AnySingleByteChange_NeverYieldsADifferentProof()
    {
        // Property (canonical form): a document with any bit flipped is rejected or means something else; no second
        // spelling of the same proof is accepted.
        var original = new ConsistencyProof(12, 345, [A, B, MerkleHash.Node(A, B)]);
        var json = original.ToJson();
        var property = Prop.ForAll(
            Gen.Choose(0, json.Length - 1).Zip(Gen.Choose(0, 7)).ToArbitrary(),
            change =>
            {
                var copy = json.ToArray();
                copy[change.Item1] ^= (byte)(1 << change.Item2);
                return !ConsistencyProof.TryParse(copy, out var parsed, out _)
                    || parsed.FromSize != original.FromSize
                    || parsed.ToSize != original.ToSize
                    || !parsed.Hashes.SequenceEqual(original.Hashes);
            });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(1000), property);
    }
}
