using System.Diagnostics.CodeAnalysis;

namespace MedLedger.Access.Webhooks;

/// <summary>
/// A Standard Webhooks symmetric signing secret: written <c>whsec_</c> followed by the base64 of 24 to 64 random bytes
/// (Standard Webhooks 1.0.0, "Signature scheme": at least 24 bytes, 192 bits; 512 bits at most).
/// </summary>
/// <remarks>The key bytes never leave this type except into the HMAC; <see cref="ToString"/> is redacted.</remarks>
/// <threadsafety>Immutable; safe to share.</threadsafety>
public sealed class WebhookSecret
{
    /// <summary>The prefix that marks a symmetric secret.</summary>
    public const string Prefix = "whsec_";

    /// <summary>The fewest key bytes accepted.</summary>
    public const int MinKeyBytes = 24;

    /// <summary>The most key bytes accepted.</summary>
    public const int MaxKeyBytes = 64;

    private readonly byte[] _key;

    private WebhookSecret(byte[] key) => _key = key;

    /// <summary>Gets the key bytes (for the HMAC only).</summary>
    internal ReadOnlySpan<byte> Key => _key;

    /// <summary>Reads a secret from its <c>whsec_…</c> form.</summary>
    /// <remarks>
    /// An unresolved Key Vault reference (the platform passes the literal <c>@Microsoft.KeyVault(…)</c> text when the
    /// secret does not exist) is refused like any other malformed value, so it can never act as a key.
    /// </remarks>
    public static bool TryParse(string? text, [NotNullWhen(true)] out WebhookSecret? secret, [NotNullWhen(false)] out string? error)
    {
        secret = null;
        if (string.IsNullOrEmpty(text))
        {
            error = "The webhook secret is empty.";
            return false;
        }

        if (!text.StartsWith(Prefix, StringComparison.Ordinal))
        {
            error = text.StartsWith("@Microsoft.KeyVault(", StringComparison.OrdinalIgnoreCase)
                ? "The webhook secret is an unresolved Key Vault reference."
                : $"The webhook secret must start with \"{Prefix}\".";
            return false;
        }

        var encoded = text.AsSpan(Prefix.Length);
        var buffer = new byte[(encoded.Length / 4 * 3) + 3];
        if (!Convert.TryFromBase64Chars(encoded, buffer, out var written) || encoded.ContainsAny(" \t\r\n"))
        {
            error = $"The webhook secret after \"{Prefix}\" is not base64.";
            return false;
        }

        if (written is < MinKeyBytes or > MaxKeyBytes)
        {
            error = $"The webhook secret must hold {MinKeyBytes} to {MaxKeyBytes} bytes.";
            return false;
        }

        secret = new WebhookSecret(buffer[..written]);
        error = null;
        return true;
    }

    /// <summary>Reads a secret, throwing for a malformed value (configuration that must be valid at startup).</summary>
    /// <exception cref="FormatException">The value is not a valid secret.</exception>
    public static WebhookSecret Parse(string text) =>
        TryParse(text, out var secret, out var error) ? secret : throw new FormatException(error);

    /// <summary>Writes the secret in its <c>whsec_…</c> form (to hand to an insurer or to store in Key Vault).</summary>
    public string Export() => Prefix + Convert.ToBase64String(_key);

    /// <inheritdoc />
    public override string ToString() => "whsec_(redacted)";
}
