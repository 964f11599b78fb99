using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MedLedger.Access.Webhooks;
using MedLedger.Testing.Time;

namespace MedLedger.Access.Tests.Webhooks;

/// <summary>D4: webhook authentication. Every refusal happens before anything reads the body as JSON.</summary>
public sealed class WebhookVerifierTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly WebhookSecret Secret = NewSecret();
    private static readonly WebhookSecret OtherSecret = NewSecret();
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"claimId":"c-77","patientId":"p-1","recordId":"r-9","serviceDate":"2026-03-02","purpose":"HPAYMT"}""");

    private readonly FakeTimeProvider _clock = new(Now);

    private static WebhookSecret NewSecret() => WebhookSecret.Parse("whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));

    private static string Seconds(DateTimeOffset time) => time.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    private WebhookVerifier Verifier(IReplayGuard? guard = null, params InsurerWebhookSecrets[] insurers) =>
        new(new WebhookSecretRegistry(insurers.Length > 0 ? insurers : [new InsurerWebhookSecrets("insurer-x", Secret)]), guard ?? new InMemoryReplayGuard(_clock), _clock);

    private static WebhookVerifier VectorVerifier(StandardWebhooksVector vector, DateTimeOffset now)
    {
        var clock = new FakeTimeProvider(now);
        return new WebhookVerifier(
            new WebhookSecretRegistry([new InsurerWebhookSecrets("insurer-x", WebhookSecret.Parse(vector.Secret))]), new InMemoryReplayGuard(clock), clock);
    }

    private static WebhookDelivery Signed(WebhookSecret secret, byte[] body, string id = "msg_1", DateTimeOffset? at = null, string insurer = "insurer-x")
    {
        var timestamp = Seconds(at ?? Now);
        return new WebhookDelivery(insurer, id, timestamp, WebhookSigner.Sign(secret, id, timestamp, body));
    }

    [Fact]
    public void Sign_StandardWebhooksPublishedExample()
    {
        var vector = StandardWebhooksVector.Load();

        var signature = WebhookSigner.Sign(WebhookSecret.Parse(vector.Secret), vector.Id, vector.Timestamp, Encoding.UTF8.GetBytes(vector.Payload));

        Assert.Equal(vector.Signature, signature);
    }

    [Fact]
    public async Task Verify_StandardWebhooksPublishedExample_IsValidAtItsTime()
    {
        var vector = StandardWebhooksVector.Load();
        var verifier = VectorVerifier(vector, DateTimeOffset.FromUnixTimeSeconds(vector.Timestamp + 10));
        var delivery = new WebhookDelivery("insurer-x", vector.Id, vector.Timestamp.ToString(CultureInfo.InvariantCulture), vector.Signature);

        var result = await verifier.VerifyAsync(delivery, Encoding.UTF8.GetBytes(vector.Payload), TestContext.Current.CancellationToken);

        Assert.True(result.IsValid, result.Failure?.ToString());
        Assert.Equal(WebhookSecretUsed.Current, result.SecretUsed);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(vector.Timestamp), result.Timestamp);
    }

    [Fact]
    public async Task Verify_ReSerializedJsonBody_IsRefused()
    {
        // The receiver must check the bytes as sent, never a parse-and-serialize of them.
        var vector = StandardWebhooksVector.Load();
        var verifier = VectorVerifier(vector, DateTimeOffset.FromUnixTimeSeconds(vector.Timestamp));
        var delivery = new WebhookDelivery("insurer-x", vector.Id, vector.Timestamp.ToString(CultureInfo.InvariantCulture), vector.Signature);
        var reserialized = JsonSerializer.SerializeToUtf8Bytes(JsonDocument.Parse(vector.Payload).RootElement);

        Assert.NotEqual(Encoding.UTF8.GetBytes(vector.Payload), reserialized);
        Assert.Equal(WebhookFailure.SignatureMismatch, (await verifier.VerifyAsync(delivery, reserialized, TestContext.Current.CancellationToken)).Failure);
    }

    [Fact]
    public async Task Verify_GenuineDelivery_IsValid()
    {
        var result = await Verifier().VerifyAsync(Signed(Secret, Body), Body, TestContext.Current.CancellationToken);

        Assert.True(result.IsValid);
        Assert.Equal(("insurer-x", "msg_1"), (result.InsurerId, result.WebhookId));
    }

    [Theory]
    [InlineData(nameof(WebhookDelivery.InsurerId), WebhookFailure.MissingInsurer)]
    [InlineData(nameof(WebhookDelivery.Id), WebhookFailure.MissingId)]
    [InlineData(nameof(WebhookDelivery.Timestamp), WebhookFailure.MissingTimestamp)]
    [InlineData(nameof(WebhookDelivery.Signature), WebhookFailure.MissingSignature)]
    public async Task Verify_MissingHeader_IsRefused(string header, WebhookFailure expected)
    {
        var delivery = Signed(Secret, Body);
        foreach (var missing in new[] { null, string.Empty })
        {
            var without = header switch
            {
                nameof(WebhookDelivery.InsurerId) => delivery with { InsurerId = missing },
                nameof(WebhookDelivery.Id) => delivery with { Id = missing },
                nameof(WebhookDelivery.Timestamp) => delivery with { Timestamp = missing },
                _ => delivery with { Signature = missing },
            };

            Assert.Equal(expected, (await Verifier().VerifyAsync(without, Body, TestContext.Current.CancellationToken)).Failure);
        }
    }

    [Fact]
    public async Task Verify_UnknownInsurer_IsRefused()
    {
        var result = await Verifier().VerifyAsync(Signed(Secret, Body, insurer: "insurer-z"), Body, TestContext.Current.CancellationToken);

        Assert.Equal(WebhookFailure.UnknownInsurer, result.Failure);
    }

    [Fact]
    public async Task Verify_WrongSecret_IsRefused()
    {
        var result = await Verifier().VerifyAsync(Signed(OtherSecret, Body), Body, TestContext.Current.CancellationToken);

        Assert.Equal(WebhookFailure.SignatureMismatch, result.Failure);
    }

    [Fact]
    public async Task Verify_AnotherInsurersSecret_IsRefused()
    {
        // insurer-y signs but claims to be insurer-x: secrets are per insurer.
        var verifier = Verifier(null, new InsurerWebhookSecrets("insurer-x", Secret), new InsurerWebhookSecrets("insurer-y", OtherSecret));

        var result = await verifier.VerifyAsync(Signed(OtherSecret, Body, insurer: "insurer-x"), Body, TestContext.Current.CancellationToken);

        Assert.Equal(WebhookFailure.SignatureMismatch, result.Failure);
    }

    [Fact]
    public async Task Verify_AnyOneByteOfTheBodyChanged_IsRefused()
    {
        var delivery = Signed(Secret, Body);
        var verifier = Verifier();
        for (var i = 0; i < Body.Length; i++)
        {
            var changed = (byte[])Body.Clone();
            changed[i] ^= 0x01;

            Assert.Equal(WebhookFailure.SignatureMismatch, (await verifier.VerifyAsync(delivery, changed, TestContext.Current.CancellationToken)).Failure);
        }

        Assert.Equal(WebhookFailure.SignatureMismatch, (await verifier.VerifyAsync(delivery, Body[..^1], TestContext.Current.CancellationToken)).Failure);
        Assert.Equal(WebhookFailure.SignatureMismatch, (await verifier.VerifyAsync(delivery, Body.Append((byte)' ').ToArray(), TestContext.Current.CancellationToken)).Failure);
    }

    [Fact]
    public async Task Verify_SignedIdOrTimestampChanged_IsRefused()
    {
        var delivery = Signed(Secret, Body);

        Assert.Equal(WebhookFailure.SignatureMismatch, (await Verifier().VerifyAsync(delivery with { Id = "msg_2" }, Body, TestContext.Current.CancellationToken)).Failure);
        Assert.Equal(WebhookFailure.SignatureMismatch, (await Verifier().VerifyAsync(delivery with { Timestamp = Seconds(Now.AddSeconds(1)) }, Body, TestContext.Current.CancellationToken)).Failure);
    }

    [Theory]
    [InlineData(-300, null)]
    [InlineData(-301, WebhookFailure.TimestampTooOld)]
    [InlineData(300, null)]
    [InlineData(301, WebhookFailure.TimestampTooNew)]
    [InlineData(-86_400, WebhookFailure.TimestampTooOld)]
    public async Task Verify_TimestampTolerance_FiveMinutesEitherWay(int offsetSeconds, WebhookFailure? expected)
    {
        var result = await Verifier().VerifyAsync(Signed(Secret, Body, at: Now.AddSeconds(offsetSeconds)), Body, TestContext.Current.CancellationToken);

        Assert.Equal(expected, result.Failure);
    }

    [Fact]
    public async Task Verify_Replay_IsRefusedUntilTheWindowCloses_ThenStillRefusedAsStale()
    {
        var verifier = Verifier();
        var delivery = Signed(Secret, Body);

        var first = await verifier.VerifyAsync(delivery, Body, TestContext.Current.CancellationToken);
        var replay = await verifier.VerifyAsync(delivery, Body, TestContext.Current.CancellationToken);
        _clock.Advance(TimeSpan.FromSeconds(300));
        var lastMoment = await verifier.VerifyAsync(delivery, Body, TestContext.Current.CancellationToken);
        _clock.Advance(TimeSpan.FromSeconds(1));
        var afterWindow = await verifier.VerifyAsync(delivery, Body, TestContext.Current.CancellationToken);

        Assert.True(first.IsValid);
        Assert.Equal((WebhookFailure.Replayed, "insurer-x", "msg_1"), (replay.Failure!.Value, replay.InsurerId, replay.WebhookId));
        Assert.Equal(WebhookFailure.Replayed, lastMoment.Failure);
        Assert.Equal(WebhookFailure.TimestampTooOld, afterWindow.Failure);
    }

    [Fact]
    public async Task Verify_SameIdFromAnotherInsurer_IsNotAReplay()
    {
        var verifier = Verifier(null, new InsurerWebhookSecrets("insurer-x", Secret), new InsurerWebhookSecrets("insurer-y", OtherSecret));

        Assert.True((await verifier.VerifyAsync(Signed(Secret, Body, insurer: "insurer-x"), Body, TestContext.Current.CancellationToken)).IsValid);
        Assert.True((await verifier.VerifyAsync(Signed(OtherSecret, Body, insurer: "insurer-y"), Body, TestContext.Current.CancellationToken)).IsValid);
    }

    [Fact]
    public async Task Verify_RotationOverlap_OldAndNewSecretsBothAccepted()
    {
        var old = Secret;
        var current = OtherSecret;
        var during = Verifier(null, new InsurerWebhookSecrets("insurer-x", current, previous: old));
        var after = Verifier(null, new InsurerWebhookSecrets("insurer-x", current));

        var withOld = await during.VerifyAsync(Signed(old, Body, id: "msg_old"), Body, TestContext.Current.CancellationToken);
        var withNew = await during.VerifyAsync(Signed(current, Body, id: "msg_new"), Body, TestContext.Current.CancellationToken);
        var oldAfterRotation = await after.VerifyAsync(Signed(old, Body, id: "msg_late"), Body, TestContext.Current.CancellationToken);

        Assert.Equal(WebhookSecretUsed.Previous, withOld.SecretUsed);
        Assert.Equal(WebhookSecretUsed.Current, withNew.SecretUsed);
        Assert.Equal(WebhookFailure.SignatureMismatch, oldAfterRotation.Failure);
    }

    [Fact]
    public async Task Verify_SenderSigningWithBothSecrets_IsAccepted()
    {
        // Standard Webhooks rotation from the sender's side: both signatures in one header.
        var timestamp = Seconds(Now);
        var header = WebhookSigner.Sign(OtherSecret, "msg_1", timestamp, Body) + " " + WebhookSigner.Sign(Secret, "msg_1", timestamp, Body);

        var result = await Verifier().VerifyAsync(new WebhookDelivery("insurer-x", "msg_1", timestamp, header), Body, TestContext.Current.CancellationToken);

        Assert.True(result.IsValid);
    }

    [Theory]
    [InlineData("v1a,{sig} v2,{sig} v1,!!!! v1,{good}", null)]
    [InlineData("  v1,{good}  ", null)]
    [InlineData("v1a,{good}", WebhookFailure.NoSupportedSignature)]
    [InlineData("{good}", WebhookFailure.NoSupportedSignature)]
    [InlineData("v1,", WebhookFailure.NoSupportedSignature)]
    [InlineData("v1,AAAA", WebhookFailure.NoSupportedSignature)]
    [InlineData("V1,{good}", WebhookFailure.NoSupportedSignature)]
    [InlineData("v1,{sig}", WebhookFailure.SignatureMismatch)]
    public async Task Verify_SignatureHeaderVariants(string template, WebhookFailure? expected)
    {
        var timestamp = Seconds(Now);
        var good = WebhookSigner.Sign(Secret, "msg_1", timestamp, Body)["v1,".Length..];
        var other = WebhookSigner.Sign(OtherSecret, "msg_1", timestamp, Body)["v1,".Length..];
        var header = template.Replace("{good}", good, StringComparison.Ordinal).Replace("{sig}", other, StringComparison.Ordinal);

        var result = await Verifier().VerifyAsync(new WebhookDelivery("insurer-x", "msg_1", timestamp, header), Body, TestContext.Current.CancellationToken);

        Assert.Equal(expected, result.Failure);
    }

    [Fact]
    public async Task Verify_TooManyOrTooLongSignatures_AreNotAllExamined()
    {
        var timestamp = Seconds(Now);
        var good = WebhookSigner.Sign(Secret, "msg_1", timestamp, Body);
        var padding = string.Join(" ", Enumerable.Repeat(WebhookSigner.Sign(OtherSecret, "msg_1", timestamp, Body), WebhookVerifier.MaxSignatures));
        var verifier = Verifier();

        var late = await verifier.VerifyAsync(new WebhookDelivery("insurer-x", "msg_1", timestamp, padding + " " + good), Body, TestContext.Current.CancellationToken);
        var huge = await verifier.VerifyAsync(new WebhookDelivery("insurer-x", "msg_1", timestamp, good + new string(' ', WebhookVerifier.MaxSignatureHeaderLength)), Body, TestContext.Current.CancellationToken);

        Assert.Equal(WebhookFailure.SignatureMismatch, late.Failure);
        Assert.Equal(WebhookFailure.NoSupportedSignature, huge.Failure);
    }

    [Theory]
    [InlineData("msg.1")]
    [InlineData("msg 1")]
    [InlineData("msg\u00e91")]
    [InlineData("msg\n1")]
    public async Task Verify_MalformedId_IsRefused(string id)
    {
        var result = await Verifier().VerifyAsync(Signed(Secret, Body, id: id), Body, TestContext.Current.CancellationToken);

        Assert.Equal(WebhookFailure.MalformedId, result.Failure);
    }

    [Fact]
    public async Task Verify_OverlongId_IsRefused()
    {
        var result = await Verifier().VerifyAsync(Signed(Secret, Body, id: new string('m', WebhookVerifier.MaxIdLength + 1)), Body, TestContext.Current.CancellationToken);

        Assert.Equal(WebhookFailure.MalformedId, result.Failure);
    }

    [Theory]
    [InlineData("-1772366400")]
    [InlineData("+1772366400")]
    [InlineData("1772366400.0")]
    [InlineData("1.7e9")]
    [InlineData(" 1772366400")]
    [InlineData("0x69A3A8C0")]
    [InlineData("9999999999999")]
    [InlineData("999999999999")]
    public async Task Verify_MalformedTimestamp_IsRefused(string timestamp)
    {
        var delivery = new WebhookDelivery("insurer-x", "msg_1", timestamp, WebhookSigner.Sign(Secret, "msg_1", timestamp, Body));

        Assert.Equal(WebhookFailure.MalformedTimestamp, (await Verifier().VerifyAsync(delivery, Body, TestContext.Current.CancellationToken)).Failure);
    }

    [Fact]
    public async Task Verify_ForgedDeliveries_NeverReachTheReplayGuard()
    {
        var guard = new CountingReplayGuard();
        var verifier = Verifier(guard);

        await verifier.VerifyAsync(Signed(OtherSecret, Body), Body, TestContext.Current.CancellationToken);
        await verifier.VerifyAsync(Signed(Secret, Body, at: Now.AddHours(-1)), Body, TestContext.Current.CancellationToken);
        await verifier.VerifyAsync(Signed(Secret, Body, insurer: "insurer-z"), Body, TestContext.Current.CancellationToken);
        Assert.Equal(0, guard.Calls);

        await verifier.VerifyAsync(Signed(Secret, Body), Body, TestContext.Current.CancellationToken);
        Assert.Equal(1, guard.Calls);
        Assert.Equal(Now.AddSeconds(301), guard.LastRememberUntil);
    }

    [Fact]
    public async Task Verify_GuardFull_FailsClosed()
    {
        var verifier = Verifier(new InMemoryReplayGuard(_clock, capacity: 1));

        Assert.True((await verifier.VerifyAsync(Signed(Secret, Body, id: "msg_a"), Body, TestContext.Current.CancellationToken)).IsValid);
        Assert.Equal(WebhookFailure.ReplayGuardFull, (await verifier.VerifyAsync(Signed(Secret, Body, id: "msg_b"), Body, TestContext.Current.CancellationToken)).Failure);
    }

    private sealed class CountingReplayGuard : IReplayGuard
    {
        public int Calls { get; private set; }

        public DateTimeOffset LastRememberUntil { get; private set; }

        public Task<ReplayGuardResult> TryRegisterAsync(string insurerId, string webhookId, DateTimeOffset rememberUntil, CancellationToken cancellationToken = default)
        {
            Calls++;
            LastRememberUntil = rememberUntil;
            return Task.FromResult(ReplayGuardResult.FirstDelivery);
        }
    }
}
