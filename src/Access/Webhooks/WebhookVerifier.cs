using System.Security.Cryptography;

namespace MedLedger.Access.Webhooks;

/// <summary>
/// Verifies a signed insurer webhook (Standard Webhooks 1.0.0) on the raw body bytes, before anything parses the body:
/// known insurer, well-formed headers, timestamp within <see cref="Tolerance"/> either way, a <c>v1</c> signature
/// matching the insurer's current or previous secret (constant-time comparison), and a <c>webhook-id</c> not seen
/// before (threats T5, T6, T15).
/// </summary>
/// <remarks>
/// The replay guard is consulted last, so a forged or stale request can never fill it or mark a genuine id as seen.
/// </remarks>
/// <threadsafety>Safe for concurrent use when the replay guard is.</threadsafety>
public sealed class WebhookVerifier
{
    /// <summary>How far a timestamp may lie from now, in either direction (300 s accepted, 301 s refused).</summary>
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    /// <summary>The longest <c>webhook-id</c> accepted.</summary>
    public const int MaxIdLength = 256;

    /// <summary>The longest <c>webhook-signature</c> value accepted.</summary>
    public const int MaxSignatureHeaderLength = 4096;

    /// <summary>The most signatures examined in one header.</summary>
    public const int MaxSignatures = 16;

    private readonly WebhookSecretRegistry _secrets;
    private readonly IReplayGuard _replayGuard;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates a verifier.</summary>
    public WebhookVerifier(WebhookSecretRegistry secrets, IReplayGuard replayGuard, TimeProvider timeProvider)
    {
        _secrets = secrets ?? throw new ArgumentNullException(nameof(secrets));
        _replayGuard = replayGuard ?? throw new ArgumentNullException(nameof(replayGuard));
        _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
    }

    /// <summary>Verifies one delivery.</summary>
    /// <param name="delivery">The header values as received.</param>
    /// <param name="body">The request body exactly as received: never a re-serialization.</param>
    /// <param name="cancellationToken">Cancels the replay-guard call.</param>
    public async Task<WebhookVerificationResult> VerifyAsync(WebhookDelivery delivery, ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default)
    {
        var checkedSignature = VerifySignature(delivery, body.Span);
        if (!checkedSignature.IsValid)
        {
            return checkedSignature;
        }

        var rememberUntil = checkedSignature.Timestamp.Value + Tolerance + TimeSpan.FromSeconds(1);
        var replay = await _replayGuard.TryRegisterAsync(checkedSignature.InsurerId, checkedSignature.WebhookId, rememberUntil, cancellationToken)
            .ConfigureAwait(false);
        return replay switch
        {
            ReplayGuardResult.FirstDelivery => checkedSignature,
            ReplayGuardResult.Replay => WebhookVerificationResult.Refused(WebhookFailure.Replayed, checkedSignature.InsurerId, checkedSignature.WebhookId, checkedSignature.Timestamp),
            ReplayGuardResult.Full => WebhookVerificationResult.Refused(WebhookFailure.ReplayGuardFull, checkedSignature.InsurerId, checkedSignature.WebhookId, checkedSignature.Timestamp),
            _ => throw new InvalidOperationException($"Unknown replay guard result {replay}."),
        };
    }

    /// <summary>Everything but the replay check: headers, freshness, signature.</summary>
    internal WebhookVerificationResult VerifySignature(WebhookDelivery delivery, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        if (string.IsNullOrEmpty(delivery.InsurerId))
        {
            return WebhookVerificationResult.Refused(WebhookFailure.MissingInsurer);
        }

        if (string.IsNullOrEmpty(delivery.Id))
        {
            return WebhookVerificationResult.Refused(WebhookFailure.MissingId);
        }

        if (string.IsNullOrEmpty(delivery.Timestamp))
        {
            return WebhookVerificationResult.Refused(WebhookFailure.MissingTimestamp);
        }

        if (string.IsNullOrEmpty(delivery.Signature))
        {
            return WebhookVerificationResult.Refused(WebhookFailure.MissingSignature);
        }

        if (_secrets.Find(delivery.InsurerId) is not { } insurer)
        {
            return WebhookVerificationResult.Refused(WebhookFailure.UnknownInsurer);
        }

        if (!IsWellFormedId(delivery.Id))
        {
            return WebhookVerificationResult.Refused(WebhookFailure.MalformedId, insurer.InsurerId);
        }

        if (!TryParseTimestamp(delivery.Timestamp, out var seconds))
        {
            return WebhookVerificationResult.Refused(WebhookFailure.MalformedTimestamp, insurer.InsurerId, delivery.Id);
        }

        var timestamp = DateTimeOffset.FromUnixTimeSeconds(seconds);
        var age = _timeProvider.GetUtcNow().ToUnixTimeSeconds() - seconds;
        if (age > (long)Tolerance.TotalSeconds)
        {
            return WebhookVerificationResult.Refused(WebhookFailure.TimestampTooOld, insurer.InsurerId, delivery.Id, timestamp);
        }

        if (age < -(long)Tolerance.TotalSeconds)
        {
            return WebhookVerificationResult.Refused(WebhookFailure.TimestampTooNew, insurer.InsurerId, delivery.Id, timestamp);
        }

        var candidates = ReadSignatures(delivery.Signature);
        if (candidates.Count == 0)
        {
            return WebhookVerificationResult.Refused(WebhookFailure.NoSupportedSignature, insurer.InsurerId, delivery.Id, timestamp);
        }

        Span<byte> expected = stackalloc byte[WebhookSigner.MacSize];
        WebhookSigner.ComputeMac(insurer.Current, delivery.Id, delivery.Timestamp, body, expected);
        if (AnyMatches(candidates, expected))
        {
            return WebhookVerificationResult.Valid(insurer.InsurerId, delivery.Id, timestamp, WebhookSecretUsed.Current);
        }

        if (insurer.Previous is { } previous)
        {
            WebhookSigner.ComputeMac(previous, delivery.Id, delivery.Timestamp, body, expected);
            if (AnyMatches(candidates, expected))
            {
                return WebhookVerificationResult.Valid(insurer.InsurerId, delivery.Id, timestamp, WebhookSecretUsed.Previous);
            }
        }

        return WebhookVerificationResult.Refused(WebhookFailure.SignatureMismatch, insurer.InsurerId, delivery.Id, timestamp);
    }

    // The id is part of the signed text, delimited by '.': an id containing '.' could shift the boundary between id and
    // timestamp (Standard Webhooks, "Signature scheme"). Printable ASCII only keeps it safe in logs and table keys.
    private static bool IsWellFormedId(string id) =>
        id.Length <= MaxIdLength && id.All(c => c is > ' ' and < (char)0x7F and not '.');

    private static bool TryParseTimestamp(string text, out long seconds)
    {
        seconds = 0;
        if (text.Length is 0 or > 12)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }

            seconds = (seconds * 10) + (c - '0');
        }

        // Beyond 9999-12-31T23:59:59Z no instant exists to compare with.
        return seconds <= DateTimeOffset.MaxValue.ToUnixTimeSeconds();
    }

    private static List<byte[]> ReadSignatures(string header)
    {
        var result = new List<byte[]>();
        if (header.Length > MaxSignatureHeaderLength)
        {
            return result;
        }

        foreach (var entry in header.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(MaxSignatures))
        {
            // Other versions (v1a: asymmetric, or future ones) are skipped, as the specification intends.
            if (!entry.StartsWith(WebhookSigner.Version + ",", StringComparison.Ordinal))
            {
                continue;
            }

            var decoded = new byte[WebhookSigner.MacSize + 3];
            if (Convert.TryFromBase64String(entry[(WebhookSigner.Version.Length + 1)..], decoded, out var written) && written == WebhookSigner.MacSize)
            {
                result.Add(decoded[..WebhookSigner.MacSize]);
            }
        }

        return result;
    }

    // Both sides are 32 bytes, so FixedTimeEquals never short-circuits on length (threat T15).
    private static bool AnyMatches(List<byte[]> candidates, ReadOnlySpan<byte> expected)
    {
        var match = false;
        foreach (var candidate in candidates)
        {
            match |= CryptographicOperations.FixedTimeEquals(candidate, expected);
        }

        return match;
    }
}
