using System.Security.Cryptography;
using FsCheck;
using FsCheck.Fluent;
using MedLedger.Ledger.Hashing;

namespace MedLedger.Ledger.Tests.Hashing;

public sealed class Sha256LanesTests
{
    [Fact]
    public void Hash_EveryLengthUpTo300_MatchesPlatformSha256()
    {
        // Every padding case: tails of 0..63 bytes, one or two padding blocks, and messages of many blocks.
        var source = RandomNumberGenerator.GetBytes(400);
        var starts = Enumerable.Range(0, 301).Select(i => i % 97).ToArray();
        var lengths = Enumerable.Range(0, 301).ToArray();
        var digests = new LedgerHash[301];

        Sha256Lanes.Hash(source, starts, lengths, digests);

        for (var i = 0; i < 301; i++)
        {
            Assert.Equal(LedgerHash.Sha256(source.AsSpan(starts[i], lengths[i])), digests[i]);
        }
    }

    [Fact]
    public void Hash_KnownAnswers_MatchFips180Examples()
    {
        var source = "abcabcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"u8.ToArray();

        var digests = new LedgerHash[3];
        Sha256Lanes.Hash(source, [0, 3, 0], [3, 56, 0], digests);

        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", digests[0].ToHex());
        Assert.Equal("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1", digests[1].ToHex());
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", digests[2].ToHex());
    }

    [Fact]
    public void Hash_RandomGroupsOfMixedLengths_MatchPlatformSha256()
    {
        var source = RandomNumberGenerator.GetBytes(70_000);
        var groups =
            from count in Gen.Choose(0, 20)
            from lengths in Gen.ArrayOf(Gen.OneOf(Gen.Choose(0, 130), Gen.Choose(0, 65_000)), count)
            from seed in Gen.Choose(0, int.MaxValue)
            select (lengths, seed);

        var property = Prop.ForAll(Arb.From(groups), group =>
        {
            var random = new Random(group.seed);
            var starts = group.lengths.Select(l => random.Next(0, source.Length - l + 1)).ToArray();
            var digests = new LedgerHash[group.lengths.Length];

            Sha256Lanes.Hash(source, starts, group.lengths, digests);

            return group.lengths.Select((l, i) => LedgerHash.Sha256(source.AsSpan(starts[i], l)) == digests[i]).All(ok => ok);
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), property);
    }
}
