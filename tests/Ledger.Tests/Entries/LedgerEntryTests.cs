using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using MedLedger.Ledger.Entries;
using MedLedger.Ledger.Hashing;
using MedLedger.Testing.Ledger;

namespace MedLedger.Ledger.Tests.Entries;

public sealed class LedgerEntryTests
{
    private const string ZeroHash = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

    // Written by hand from the format rules: fixed field order, no whitespace, data members sorted, é literal, \n escaped.
    private const string KnownEntry =
        "{\"v\":1,\"log\":\"medledger.local/log-0\",\"seq\":7,\"time\":\"2026-03-04T05:06:07.089Z\",\"type\":\"record.created\","
        + "\"actor\":\"clinic:org-1/user-2\",\"subject\":\"pt:abc\",\"eventId\":\"evt-7\","
        + "\"data\":{\"a\":1,\"b\":[true,false,null],\"z\":\"é\\n\"},\"prev\":\"" + ZeroHash + "\"}";

    private static EntryDraft KnownDraft() => new(
        "record.created",
        "clinic:org-1/user-2",
        "pt:abc",
        "evt-7",
        JsonDocument.Parse("{ \"z\": \"\\u00e9\\n\", \"b\": [true, false, null], \"a\": 1 }").RootElement);

    [Fact]
    public void Create_KnownDraft_WritesTheCanonicalBytes()
    {
        var time = new DateTimeOffset(2026, 3, 4, 6, 6, 7, 89, TimeSpan.FromHours(1)).AddTicks(9999);

        var entry = LedgerEntry.Create("medledger.local/log-0", 7, time, KnownDraft(), LedgerHash.Zero);

        Assert.Equal(KnownEntry, Encoding.UTF8.GetString(entry.Bytes.Span));
        Assert.Equal(SHA256.HashData([0x00, .. Encoding.UTF8.GetBytes(KnownEntry)]), entry.LeafHash.ToArray());
    }

    [Fact]
    public void Parse_KnownEntry_ReadsEveryField()
    {
        var result = LedgerEntry.Parse(Encoding.UTF8.GetBytes(KnownEntry));

        Assert.True(result.IsSuccess, result.ToString());
        var entry = result.Entry;
        Assert.Equal(1, entry.Version);
        Assert.Equal("medledger.local/log-0", entry.Log);
        Assert.Equal(7, entry.Sequence);
        Assert.Equal(new DateTimeOffset(2026, 3, 4, 5, 6, 7, 89, TimeSpan.Zero), entry.Time);
        Assert.Equal("record.created", entry.Type);
        Assert.Equal("clinic:org-1/user-2", entry.Actor);
        Assert.Equal("pt:abc", entry.Subject);
        Assert.Equal("evt-7", entry.EventId);
        Assert.Equal("é\n", entry.Data.GetProperty("z").GetString());
        Assert.Equal(LedgerHash.Zero, entry.Prev);
        Assert.Equal(KnownEntry, Encoding.UTF8.GetString(entry.Bytes.Span));
        Assert.Equal("{\"a\":1,\"b\":[true,false,null],\"z\":\"é\\n\"}", Encoding.UTF8.GetString(entry.CanonicalData.Span));
    }

    [Fact]
    public void CreateThenParse_ManyDrafts_RoundTripBytesAndFields()
    {
        var prev = LedgerHash.Zero;
        for (var i = 0; i < 200; i++)
        {
            var draft = TestDrafts.Create(i);
            var created = LedgerEntry.Create("log", i, DateTimeOffset.UnixEpoch.AddDays(i).AddMilliseconds(i), draft, prev);

            var parsed = LedgerEntry.Parse(created.Bytes.Span);

            Assert.True(parsed.IsSuccess, parsed.ToString());
            Assert.Equal(created.Bytes.ToArray(), parsed.Entry.Bytes.ToArray());
            Assert.Equal(created.LeafHash, parsed.Entry.LeafHash);
            Assert.Equal((draft.Type, draft.Actor, draft.Subject, draft.EventId, prev), (parsed.Entry.Type, parsed.Entry.Actor, parsed.Entry.Subject, parsed.Entry.EventId, parsed.Entry.Prev));
            Assert.Equal(draft.CanonicalData.ToArray(), parsed.Entry.CanonicalData.ToArray());
            prev = created.LeafHash;
        }
    }

    [Fact]
    public void Create_EmptySubjectAndLargestSequence_RoundTrips()
    {
        var draft = new EntryDraft("subject.erased", "system:appender", "", "evt-x", JsonDocument.Parse("{}").RootElement);

        var entry = LedgerEntry.Create("log", long.MaxValue, DateTimeOffset.MaxValue, draft, LedgerHash.Zero);
        var parsed = LedgerEntry.Parse(entry.Bytes.Span);

        Assert.True(parsed.IsSuccess, parsed.ToString());
        Assert.Equal(long.MaxValue, parsed.Entry.Sequence);
        Assert.Equal("", parsed.Entry.Subject);
        Assert.Equal("9999-12-31T23:59:59.999Z", Encoding.UTF8.GetString(entry.Bytes.Span).Split("\"time\":\"")[1][..24]);
    }

    [Fact]
    public void Create_InvalidArguments_Throw()
    {
        Assert.Throws<ArgumentException>(() => LedgerEntry.Create("bad log", 0, DateTimeOffset.UnixEpoch, KnownDraft(), LedgerHash.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => LedgerEntry.Create("log", -1, DateTimeOffset.UnixEpoch, KnownDraft(), LedgerHash.Zero));
        var huge = JsonSerializer.SerializeToElement(new { blob = new string('x', EntryFormat.MaxEntryBytes) });
        Assert.Throws<ArgumentException>(() => LedgerEntry.Create("log", 0, DateTimeOffset.UnixEpoch, new EntryDraft("record.created", "a", "", "e", huge), LedgerHash.Zero));
    }

    [Theory]
    [InlineData("Record.Created", "a", "", "e", "type")]
    [InlineData("record", "a", "", "e", "type")]
    [InlineData("record.", "a", "", "e", "type")]
    [InlineData("record..created", "a", "", "e", "type")]
    [InlineData("record.créé", "a", "", "e", "type")]
    [InlineData("record.created", "", "", "e", "actor")]
    [InlineData("record.created", "Dr. Jane Doe", "", "e", "actor")]
    [InlineData("record.created", "a", "Jane Doe", "e", "subject")]
    [InlineData("record.created", "a", "", "", "eventId")]
    [InlineData("record.created", "a", "", "e\"", "eventId")]
    public void EntryDraft_InvalidField_Throws(string type, string actor, string subject, string eventId, string parameter)
    {
        var exception = Assert.Throws<ArgumentException>(() => new EntryDraft(type, actor, subject, eventId, JsonDocument.Parse("{}").RootElement));

        Assert.Equal(parameter, exception.ParamName);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("{\"x\":1.5}")]
    [InlineData("{\"x\":9007199254740992}")]
    [InlineData("{\"a\":1,\"a\":2}")]
    public void EntryDraft_DataNotCanonicalObject_Throws(string data)
    {
        Assert.Throws<ArgumentException>(() => new EntryDraft("record.created", "a", "", "e", JsonDocument.Parse(data).RootElement));
    }

    [Fact]
    public void EntryDraft_TooLongIdentifier_Throws()
    {
        Assert.Throws<ArgumentException>(() => new EntryDraft("record.created", new string('a', 129), "", "e", JsonDocument.Parse("{}").RootElement));
        Assert.Throws<ArgumentException>(() => new EntryDraft("record.created", "a", "", "e", JsonDocument.Parse("{}").RootElement)
        {
            IndexKeys = [new MedLedger.Ledger.Storage.LogIndexKey(MedLedger.Ledger.Storage.LogIndexKind.Record, "has space")],
        });
    }

    public static TheoryData<string, EntryParseError, string?> Rejections() => new()
    {
        { "", EntryParseError.Empty, null },
        { "not json", EntryParseError.MalformedJson, null },
        { "[1,2]", EntryParseError.MalformedJson, null },
        { "\"text\"", EntryParseError.MalformedJson, null },
        { KnownEntry[..^1], EntryParseError.MalformedJson, null },
        { KnownEntry + "}", EntryParseError.MalformedJson, null },
        { KnownEntry.Replace("\"v\":1,", "\"v\":2,", StringComparison.Ordinal), EntryParseError.UnsupportedVersion, "v" },
        { KnownEntry.Replace("\"v\":1,", "\"v\":\"1\",", StringComparison.Ordinal), EntryParseError.UnsupportedVersion, "v" },
        { KnownEntry.Replace("\"v\":1,", "\"v\":1.0,", StringComparison.Ordinal), EntryParseError.UnsupportedVersion, "v" },
        { KnownEntry.Replace("\"v\":1,", "", StringComparison.Ordinal), EntryParseError.UnsupportedVersion, "v" },
        { KnownEntry.Replace("\"seq\":7,", "\"seq\":7,\"extra\":7,", StringComparison.Ordinal), EntryParseError.UnknownField, "extra" },
        { KnownEntry.Replace("\"seq\":7,", "\"seq\":7,\"seq\":7,", StringComparison.Ordinal), EntryParseError.DuplicateField, "seq" },
        { KnownEntry.Replace("\"v\":1,", "\"v\":1,\"v\":1,", StringComparison.Ordinal), EntryParseError.DuplicateField, "v" },
        { KnownEntry.Replace(",\"prev\":\"" + ZeroHash + "\"", "", StringComparison.Ordinal), EntryParseError.MissingField, "prev" },
        { KnownEntry.Replace("\"subject\":\"pt:abc\",", "", StringComparison.Ordinal), EntryParseError.MissingField, "subject" },
        { KnownEntry.Replace("\"log\":\"medledger.local/log-0\"", "\"log\":\"\"", StringComparison.Ordinal), EntryParseError.InvalidField, "log" },
        { KnownEntry.Replace("\"log\":\"medledger.local/log-0\"", "\"log\":\"a b\"", StringComparison.Ordinal), EntryParseError.InvalidField, "log" },
        { KnownEntry.Replace("\"seq\":7", "\"seq\":-7", StringComparison.Ordinal), EntryParseError.InvalidField, "seq" },
        { KnownEntry.Replace("\"seq\":7", "\"seq\":7.5", StringComparison.Ordinal), EntryParseError.InvalidField, "seq" },
        { KnownEntry.Replace("\"seq\":7", "\"seq\":\"7\"", StringComparison.Ordinal), EntryParseError.InvalidField, "seq" },
        { KnownEntry.Replace("\"seq\":7", "\"seq\":9223372036854775808", StringComparison.Ordinal), EntryParseError.InvalidField, "seq" },
        { KnownEntry.Replace("05:06:07.089Z", "05:06:07.089+01:00", StringComparison.Ordinal), EntryParseError.InvalidField, "time" },
        { KnownEntry.Replace("05:06:07.089Z", "05:06:07.0890Z", StringComparison.Ordinal), EntryParseError.InvalidField, "time" },
        { KnownEntry.Replace("05:06:07.089Z", "05:06:07Z", StringComparison.Ordinal), EntryParseError.InvalidField, "time" },
        { KnownEntry.Replace("2026-03-04", "2026-02-30", StringComparison.Ordinal), EntryParseError.InvalidField, "time" },
        { KnownEntry.Replace("2026-03-04", "2026-13-04", StringComparison.Ordinal), EntryParseError.InvalidField, "time" },
        { KnownEntry.Replace("T05:", "T24:", StringComparison.Ordinal), EntryParseError.InvalidField, "time" },
        { KnownEntry.Replace("2026-03-04", "2026-0/-04", StringComparison.Ordinal), EntryParseError.InvalidField, "time" },
        { KnownEntry.Replace("2026-03-04", "2026-0é-4", StringComparison.Ordinal), EntryParseError.InvalidField, "time" },
        { KnownEntry.Replace("\"z\":\"é", "\"z\":\"\\ud800", StringComparison.Ordinal), EntryParseError.InvalidField, "data" },
        { KnownEntry.Replace("\"z\":", "\"\\udc00\":", StringComparison.Ordinal), EntryParseError.InvalidField, "data" },
        { KnownEntry.Replace("pt:abc", "\\ud800", StringComparison.Ordinal), EntryParseError.MalformedJson, null },
        { KnownEntry.Replace("record.created", "RECORD.CREATED", StringComparison.Ordinal), EntryParseError.InvalidField, "type" },
        { KnownEntry.Replace("\"actor\":\"clinic:org-1/user-2\"", "\"actor\":\"\"", StringComparison.Ordinal), EntryParseError.InvalidField, "actor" },
        { KnownEntry.Replace("\"actor\":\"clinic:org-1/user-2\"", "\"actor\":7", StringComparison.Ordinal), EntryParseError.InvalidField, "actor" },
        { KnownEntry.Replace("pt:abc", "Jane Doe", StringComparison.Ordinal), EntryParseError.InvalidField, "subject" },
        { KnownEntry.Replace("evt-7", new string('e', 129), StringComparison.Ordinal), EntryParseError.InvalidField, "eventId" },
        { KnownEntry.Replace("{\"a\":1,\"b\":[true,false,null],\"z\":\"é\\n\"}", "[1]", StringComparison.Ordinal), EntryParseError.InvalidField, "data" },
        { KnownEntry.Replace("\"a\":1,", "\"a\":1.5,", StringComparison.Ordinal), EntryParseError.InvalidField, "data" },
        { KnownEntry.Replace("\"a\":1,", "\"a\":1e3,", StringComparison.Ordinal), EntryParseError.InvalidField, "data" },
        { KnownEntry.Replace("\"a\":1,", "\"a\":-9007199254740992,", StringComparison.Ordinal), EntryParseError.InvalidField, "data" },
        { KnownEntry.Replace("\"a\":1,", "\"a\":" + new string('[', 33) + new string(']', 33) + ",", StringComparison.Ordinal), EntryParseError.InvalidField, "data" },
        { KnownEntry.Replace(ZeroHash, ZeroHash[..^2] + "=", StringComparison.Ordinal), EntryParseError.InvalidField, "prev" },
        { KnownEntry.Replace(ZeroHash, ZeroHash[..^2] + "B=", StringComparison.Ordinal), EntryParseError.InvalidField, "prev" },
        { KnownEntry.Replace(ZeroHash, ZeroHash[..^1] + "A", StringComparison.Ordinal), EntryParseError.InvalidField, "prev" },
        { KnownEntry.Replace("\"seq\":7,", "\"seq\": 7,", StringComparison.Ordinal), EntryParseError.NonCanonical, null },
        { " " + KnownEntry, EntryParseError.NonCanonical, null },
        { KnownEntry + "\n", EntryParseError.NonCanonical, null },
        { KnownEntry.Replace("\"seq\":7,\"time\":\"2026-03-04T05:06:07.089Z\",", "\"time\":\"2026-03-04T05:06:07.089Z\",\"seq\":7,", StringComparison.Ordinal), EntryParseError.NonCanonical, null },
        { KnownEntry.Replace("\"seq\":7", "\"seq\":07", StringComparison.Ordinal), EntryParseError.MalformedJson, null },
        { KnownEntry.Replace("\"a\":1,\"b\":[true,false,null],", "\"b\":[true,false,null],\"a\":1,", StringComparison.Ordinal), EntryParseError.NonCanonical, null },
        { KnownEntry.Replace("\"a\":1,", "\"a\":-0,", StringComparison.Ordinal), EntryParseError.NonCanonical, null },
        { KnownEntry.Replace("é", "\\u00e9", StringComparison.Ordinal), EntryParseError.NonCanonical, null },
        { KnownEntry.Replace("\\n", "\\u000a", StringComparison.Ordinal), EntryParseError.NonCanonical, null },
        { KnownEntry.Replace("é", "é\\/", StringComparison.Ordinal), EntryParseError.NonCanonical, null },
        { KnownEntry.Replace("pt:abc", "pt:\\u0061bc", StringComparison.Ordinal), EntryParseError.NonCanonical, null },
        { KnownEntry.Replace("\"a\":1,", "\"a\":{\"y\":1,\"x\":2},", StringComparison.Ordinal), EntryParseError.NonCanonical, null },
    };

    [Theory]
    [MemberData(nameof(Rejections))]
    public void Parse_InvalidEntry_ReturnsTypedError(string text, EntryParseError expected, string? field)
    {
        var result = LedgerEntry.Parse(Encoding.UTF8.GetBytes(text));

        Assert.False(result.IsSuccess);
        Assert.Equal(expected, result.Error);
        Assert.Equal(field, result.Field);
        Assert.Null(result.Entry);
        Assert.NotEmpty(result.Message);
    }

    [Fact]
    public void Parse_TooLarge_IsRejectedBeforeParsing()
    {
        var result = LedgerEntry.Parse(new byte[EntryFormat.MaxEntryBytes + 1]);

        Assert.Equal(EntryParseError.TooLarge, result.Error);
    }

    [Fact]
    public void Parse_InvalidUtf8OrByteOrderMark_IsMalformed()
    {
        var bytes = Encoding.UTF8.GetBytes(KnownEntry);
        var invalid = bytes.ToArray();
        invalid[Array.IndexOf(invalid, (byte)'p', 0)] = 0xFF;

        Assert.Equal(EntryParseError.MalformedJson, LedgerEntry.Parse(invalid).Error);
        Assert.Equal(EntryParseError.MalformedJson, LedgerEntry.Parse([0xEF, 0xBB, 0xBF, .. bytes]).Error);
    }

    [Fact]
    public void Parse_EveryPrefixAndEverySingleByteDeletion_NeverThrowsAndOnlyTheWholeIsValid()
    {
        var bytes = Encoding.UTF8.GetBytes(KnownEntry);
        for (var length = 0; length < bytes.Length; length++)
        {
            Assert.False(LedgerEntry.Parse(bytes.AsSpan(0, length)).IsSuccess);
        }

        for (var i = 0; i < bytes.Length; i++)
        {
            byte[] shorter = [.. bytes[..i], .. bytes[(i + 1)..]];
            var result = LedgerEntry.Parse(shorter);
            // Deleting a digit of seq or a character of an identifier can leave another valid entry; it must then be canonical.
            Assert.True(!result.IsSuccess || result.Entry.Bytes.Span.SequenceEqual(shorter));
        }
    }

    [Fact]
    public void ScannerAndDiagnostics_RandomEdits_AgreeOnValidity()
    {
        var valid = Encoding.UTF8.GetBytes(KnownEntry);
        var edits =
            from kind in Gen.Choose(0, 2)
            from position in Gen.Choose(0, valid.Length - 1)
            from value in Gen.OneOf(Gen.Choose(0, 255), Gen.Elements((int)'"', '\\', ',', ':', '{', '}', '0', '9', ' ', 'A'))
            select (kind, position, value);

        var property = Prop.ForAll(Arb.From(edits), edit =>
        {
            var bytes = edit.kind switch
            {
                0 => [.. valid[..edit.position], (byte)edit.value, .. valid[(edit.position + 1)..]],
                1 => [.. valid[..edit.position], .. valid[(edit.position + 1)..]],
                _ => (byte[])[.. valid[..edit.position], (byte)edit.value, .. valid[edit.position..]],
            };

            // The fast path accepts exactly what the spec-literal path finds valid and canonical, and Parse never throws.
            var fast = EntryScanner.TryScan(bytes, out _);
            var slow = EntryDiagnostics.Diagnose(bytes) is null;
            var parsed = LedgerEntry.Parse(bytes);
            return fast == slow && parsed.IsSuccess == fast && (!fast || parsed.Entry!.Bytes.Span.SequenceEqual(bytes));
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(3000), property);
    }
}
