using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace MedLedger.Access.Webhooks;

/// <summary>
/// Standard Webhooks symmetric signatures: <c>v1,</c> + base64(HMAC-SHA256(key, id + "." + timestamp + "." + body)),
/// over the body's raw bytes (Standard Webhooks 1.0.0, "Signature scheme").
/// </summary>
/// <remarks>The verifier uses <see cref="ComputeMac"/>; insurers' test tools and local curl scripts use <see cref="Sign(WebhookSecret, string, long, ReadOnlySpan{byte})"/>.</remarks>
public static class WebhookSigner
{
    /// <summary>The version prefix of symmetric signatures.</summary>
    public const string Version = "v1";

    /// <summary>The size of an HMAC-SHA256 value.</summary>
    public const int MacSize = 32;

    /// <summary>Signs a delivery; returns the <c>webhook-signature</c> entry <c>v1,&lt;base64&gt;</c>.</summary>
    public static string Sign(WebhookSecret secret, string webhookId, long timestamp, ReadOnlySpan<byte> body) =>
        Sign(secret, webhookId, timestamp.ToString(CultureInfo.InvariantCulture), body);

    /// <summary>Signs a delivery whose timestamp header is written as <paramref name="timestamp"/>.</summary>
    public static string Sign(WebhookSecret secret, string webhookId, string timestamp, ReadOnlySpan<byte> body)
    {
        Span<byte> mac = stackalloc byte[MacSize];
        ComputeMac(secret, webhookId, timestamp, body, mac);
        return $"{Version},{Convert.ToBase64String(mac)}";
    }

    /// <summary>Computes the HMAC of <c>id.timestamp.body</c> into <paramref name="destination"/> (32 bytes).</summary>
    internal static void ComputeMac(WebhookSecret secret, string webhookId, string timestamp, ReadOnlySpan<byte> body, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(webhookId);
        ArgumentNullException.ThrowIfNull(timestamp);
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, secret.Key);
        hmac.AppendData(Encoding.UTF8.GetBytes(webhookId));
        hmac.AppendData("."u8);
        hmac.AppendData(Encoding.UTF8.GetBytes(timestamp));
        hmac.AppendData("."u8);
        hmac.AppendData(body);
        hmac.GetHashAndReset(destination);
    }
}
