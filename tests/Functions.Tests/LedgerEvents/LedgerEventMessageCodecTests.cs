using System.Text;
using FsCheck;
using FsCheck.Fluent;
using MedLedger.Functions.LedgerEvents;
using MedLedger.Functions.Tests.Support;

namespace MedLedger.Functions.Tests.LedgerEvents;

public sealed class LedgerEventMessageCodecTests
{
    public static TheoryData<string> Samples => ["created", "read", "denied"];

    [Theory]
    [MemberData(nameof(Samples))]
    public void Decode_EncodedMessage_RoundTrips(string sample)
    {
        var message = Sample(sample);
        var result = LedgerEventMessageCodec.Decode(LedgerEventMessageCodec.Encode(message));
        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(message, result.Message);
    }

    [Fact]
    public void Encode_StartsWithTheVersion()
    {
        Assert.StartsWith("{\"v\":1,\"eventId\":", Encoding.UTF8.GetString(LedgerEventMessageCodec.Encode(LedgerEventSamples.RecordCreated())), StringComparison.Ordinal);
    }

    [Fact]
    public void Encode_KnownAnswer()
    {
        Assert.Equal(
            """{"v":1,"eventId":"evt-0003","log":"ledger-0","type":"access.denied","occurredAt":"2026-01-02T03:04:07+00:00","actor":"insurer:org-9:u-3","subject":"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08","recordId":"rec-7f3a","reason":"no-consent"}""",
            LedgerEventSamples.Text(LedgerEventSamples.AccessDenied()));
    }

    [Fact]
    public void Encode_InvalidMessage_Throws()
    {
        Assert.Throws<ArgumentException>(() => LedgerEventMessageCodec.Encode(LedgerEventSamples.RecordCreated() with { CiphertextSha256 = null }));
    }

    [Theory]
    [InlineData("""{"v":2,"eventId":"e"}""", "unsupported message version")]
    [InlineData("""{"v":"1","eventId":"e"}""", "the message does not start with its version")]
    [InlineData("""{"eventId":"e","v":1}""", "the message does not start with its version")]
    [InlineData("""[{"v":1}]""", "the message does not start with its version")]
    [InlineData("""{ message: "Message sent" }""", "the message does not start with its version")]
    [InlineData("", "the message does not start with its version")]
    public void Decode_WithoutVersionOne_IsRefusedByVersion(string text, string error)
    {
        var result = LedgerEventMessageCodec.Decode(text);
        Assert.False(result.Succeeded);
        Assert.Equal(error, result.Error);
    }

    [Fact]
    public void Decode_NonCanonicalSpacing_IsRefused()
    {
        var text = LedgerEventSamples.Text(LedgerEventSamples.RecordRead()).Replace(",", ", ", StringComparison.Ordinal);
        Assert.Equal("the message is not in canonical form (member order, spacing or escaping differ from the encoder's)", LedgerEventMessageCodec.Decode(text).Error);
    }

    [Fact]
    public void Decode_NonCanonicalEscaping_IsRefused()
    {
        var text = LedgerEventSamples.Text(LedgerEventSamples.RecordRead()).Replace("\"log\":\"ledger-0\"", "\"log\":\"ledger\\u002D0\"", StringComparison.Ordinal);
        Assert.Contains("canonical", LedgerEventMessageCodec.Decode(text).Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"purpose\":\"TREAT\"", "\"purpose\":\"TREAT\",\"purpose\":\"TREAT\"")]
    [InlineData("\"purpose\":\"TREAT\"", "\"purpose\":\"TREAT\",\"extra\":1")]
    [InlineData("\"recordId\":\"rec-7f3a\"", "\"recordId\":7")]
    public void Decode_NotStrictJson_IsRefusedWithoutQuotingIt(string from, string to)
    {
        var text = LedgerEventSamples.Text(LedgerEventSamples.RecordRead()).Replace(from, to, StringComparison.Ordinal);
        var result = LedgerEventMessageCodec.Decode(text);
        Assert.False(result.Succeeded);
        Assert.StartsWith("the message is not a valid version 1 event", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("9f86d081", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("eventId", "has space")]
    [InlineData("eventId", "")]
    [InlineData("eventId", "evt-1\n")]
    [InlineData("blobName", "records/a\n")]
    [InlineData("log", "-leading-dash")]
    [InlineData("type", "record.deleted")]
    [InlineData("actor", "Jane Doe")]
    [InlineData("subject", "patient 1234567890")]
    [InlineData("recordId", "rec/7")]
    [InlineData("blobName", "records/../etc")]
    [InlineData("ciphertextSha256", "2C26B46B68FFC68FF99B453C1D30413413422D706483BFA0F98A5E886266E7AE")]
    [InlineData("ciphertextSha256", "2c26b4")]
    [InlineData("keyId", "key id")]
    [InlineData("category", "Mental Health")]
    [InlineData("contentType", " text/plain")]
    [InlineData("contentType", "text/plain\n")]
    [InlineData("log", "localhost/medledger with space")]
    [InlineData("organization", "clinic a")]
    [InlineData("organization", "..")]
    [InlineData("organization", "clinic/a")]
    [InlineData("serviceDate", "2026-2-3")]
    [InlineData("serviceDate", "2026-02-30")]
    [InlineData("serviceDate", "2026-02-03T00:00:00Z")]
    public void Validate_FieldOutOfForm_NamesTheFieldNotTheValue(string field, string value)
    {
        var message = With(LedgerEventSamples.RecordCreated(), field, value);
        var error = LedgerEventMessageCodec.Validate(message);
        Assert.NotNull(error);
        Assert.Contains(field, error, StringComparison.Ordinal);
        if (value.Length > 0)
        {
            Assert.DoesNotContain(value, error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Validate_NonUtcTime_IsRefused()
    {
        var message = LedgerEventSamples.RecordRead() with { OccurredAt = new DateTimeOffset(2026, 1, 2, 4, 4, 6, TimeSpan.FromHours(1)) };
        Assert.Equal("occurredAt must be in UTC", LedgerEventMessageCodec.Validate(message));
    }

    [Theory]
    [InlineData("created", "recordId", "recordId is required for this event type")]
    [InlineData("created", "blobName", "blobName is required for this event type")]
    [InlineData("created", "ciphertextSha256", "ciphertextSha256 is required for this event type")]
    [InlineData("created", "keyId", "keyId is required for this event type")]
    [InlineData("created", "category", "category is required for this event type")]
    [InlineData("created", "contentType", "contentType is required for this event type")]
    [InlineData("read", "recordId", "recordId is required for this event type")]
    [InlineData("denied", "reason", "reason is required for this event type")]
    public void Validate_TypeWithoutItsField_IsRefused(string sample, string field, string error)
    {
        Assert.Equal(error, LedgerEventMessageCodec.Validate(With(Sample(sample), field, null)));
    }

    [Theory]
    [InlineData("created", "purpose", "TREAT")]
    [InlineData("created", "reason", "no-consent")]
    [InlineData("read", "ciphertextSha256", "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae")]
    [InlineData("denied", "keyId", "k")]
    [InlineData("read", "category", "general")]
    [InlineData("denied", "contentType", "text/plain")]
    [InlineData("read", "organization", "clinic-a")]
    [InlineData("denied", "serviceDate", "2026-02-03")]
    public void Validate_FieldOfAnotherType_IsRefused(string sample, string field, string value)
    {
        Assert.Equal($"{field} does not belong to this event type", LedgerEventMessageCodec.Validate(With(Sample(sample), field, value)));
    }

    [Fact]
    public void RecordCreated_WithClinicAndServiceDate_RoundTrips()
    {
        var message = LedgerEventSamples.RecordCreated() with { Organization = "clinic-a", ServiceDate = "2026-02-27" };

        var decoded = LedgerEventMessageCodec.Decode(LedgerEventMessageCodec.Encode(message));

        Assert.True(decoded.Succeeded, decoded.Error);
        Assert.Equal(message, decoded.Message);
    }

    [Fact]
    public void Decode_OversizedText_IsRefusedBeforeParsing()
    {
        var text = "{\"v\":1," + new string(' ', LedgerEventMessageCodec.MaxEncodedBytes) + "}";
        Assert.Equal($"the message is larger than {LedgerEventMessageCodec.MaxEncodedBytes} bytes", LedgerEventMessageCodec.Decode(text).Error);
    }

    [Fact]
    public void Decode_AnySingleByteChange_NeverYieldsTheSameMessage()
    {
        // One event has one encoding: a changed byte is refused, or decodes to a different event.
        var original = LedgerEventSamples.RecordCreated();
        var bytes = LedgerEventMessageCodec.Encode(original);
        var positions = Gen.Choose(0, bytes.Length - 1);
        var values = Gen.Choose(0, 255);
        var property = Prop.ForAll(positions.ToArbitrary(), values.ToArbitrary(), (position, value) =>
        {
            if (bytes[position] == value)
            {
                return true;
            }

            var changed = (byte[])bytes.Clone();
            changed[position] = (byte)value;
            var result = LedgerEventMessageCodec.Decode(changed);
            return !result.Succeeded || result.Message != original;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(2000), property);
    }

    private static LedgerEventMessage Sample(string name) => name switch
    {
        "created" => LedgerEventSamples.RecordCreated(),
        "read" => LedgerEventSamples.RecordRead(),
        "denied" => LedgerEventSamples.AccessDenied(),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    private static LedgerEventMessage With(LedgerEventMessage message, string field, string? value) => field switch
    {
        "eventId" => message with { EventId = value! },
        "log" => message with { Log = value! },
        "type" => message with { Type = value! },
        "actor" => message with { Actor = value! },
        "subject" => message with { Subject = value! },
        "recordId" => message with { RecordId = value },
        "blobName" => message with { BlobName = value },
        "ciphertextSha256" => message with { CiphertextSha256 = value },
        "keyId" => message with { KeyId = value },
        "category" => message with { Category = value },
        "contentType" => message with { ContentType = value },
        "purpose" => message with { Purpose = value },
        "reason" => message with { Reason = value },
        "organization" => message with { Organization = value },
        "serviceDate" => message with { ServiceDate = value },
        _ => throw new ArgumentOutOfRangeException(nameof(field)),
    };
}
