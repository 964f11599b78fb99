using FsCheck;
using FsCheck.Fluent;
using MedLedger.Functions.Keys;
using MedLedger.Functions.LedgerLogs;
using MedLedger.Functions.Tests.Support;
using MedLedger.Ledger.Entries;

namespace MedLedger.Functions.Tests.LedgerLogs;

public sealed class LedgerIdentifiersTests
{
    private static readonly LedgerIdentifiers Ids = new(new LedgerSecrets(TestSettings.DevelopmentSecret));

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(63)]
    public void RecordId_RoundTripsItsLogNumber(int log)
    {
        var id = LedgerIdentifiers.NewRecordId(log);

        Assert.True(LedgerIdentifiers.TryReadRecordId(id, out var read));
        Assert.Equal(log, read);
        Assert.Matches($"^r{log}-[A-Za-z0-9_-]{{24}}$", id);
        Assert.True(EntryFormat.IsValidIdentifier(id));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(12)]
    [InlineData(63)]
    public void EventId_RoundTripsItsLogNumber(int log)
    {
        var id = Ids.NewEventId(log);

        Assert.True(Ids.TryReadEventId(id, out var read));
        Assert.Equal(log, read);
        Assert.True(id.Length <= 64 && EntryFormat.IsValidIdentifier(id));
    }

    [Fact]
    public void EventId_AnySingleCharacterChanged_IsNotOurs()
    {
        var id = Ids.NewEventId(3);
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        var property = Prop.ForAll(Gen.Choose(0, id.Length - 1).ToArbitrary(), Gen.Elements(Alphabet.ToCharArray()).ToArbitrary(), (position, replacement) =>
        {
            var changed = id[..position] + replacement + id[(position + 1)..];
            return changed == id || !Ids.TryReadEventId(changed, out _);
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(2000), property);
    }

    [Fact]
    public void EventId_FromAnotherSecret_IsNotOurs()
    {
        var other = new LedgerIdentifiers(new LedgerSecrets("another-secret-of-at-least-32-characters"));

        Assert.False(Ids.TryReadEventId(other.NewEventId(0), out _));
    }

    [Fact]
    public void EventId_MovedToAnotherLog_IsNotOurs()
    {
        var id = Ids.NewEventId(1);

        Assert.False(Ids.TryReadEventId("e2" + id[2..], out _));
    }

    [Theory]
    [InlineData("r0-AAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("r0-AAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("r01-AAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("r64-AAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("r0-AAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("r0-AAAAAAAAAAAAAAAAAAAAAAAA\n")]
    [InlineData("R0-AAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData(null)]
    public void TryReadRecordId_NotARecordId_IsFalse(string? id) => Assert.False(LedgerIdentifiers.TryReadRecordId(id, out _));
}
