using System.Security.Cryptography;
using System.Text;
using MedLedger.Functions.Configuration;
using Microsoft.Extensions.Options;

namespace MedLedger.Functions.Keys;

/// <summary>
/// The keys derived from <c>MedLedger:PseudonymSecret</c>: the pseudonym key itself (the secret's UTF-8 bytes, so an
/// auditor holding the secret can recompute a pseudonym with any HMAC tool), and HKDF-SHA256 (RFC 5869) keys for the
/// tags of event ids and for idempotency fingerprints, each under its own label so no two uses share a key.
/// </summary>
/// <remarks>The secret is fixed for the life of the ledger: changing it changes every patient's pseudonym.</remarks>
/// <threadsafety>Immutable; safe for concurrent use.</threadsafety>
internal sealed class LedgerSecrets
{
    private readonly byte[] _pseudonymKey;
    private readonly byte[] _eventIdKey;
    private readonly byte[] _idempotencyKey;

    /// <summary>Derives the keys from the validated settings.</summary>
    public LedgerSecrets(IOptions<MedLedgerOptions> options)
        : this(options.Value.PseudonymSecret ?? throw new InvalidOperationException("The pseudonym secret is not configured."))
    {
    }

    /// <summary>Derives the keys from <paramref name="secret"/>.</summary>
    public LedgerSecrets(string secret)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        _pseudonymKey = Encoding.UTF8.GetBytes(secret);
        _eventIdKey = Derive(_pseudonymKey, "medledger/event-id/v1");
        _idempotencyKey = Derive(_pseudonymKey, "medledger/idempotency/v1");
    }

    /// <summary>Returns HMAC-SHA256 of <paramref name="data"/> under the pseudonym key.</summary>
    public byte[] PseudonymMac(ReadOnlySpan<byte> data) => HMACSHA256.HashData(_pseudonymKey, data);

    /// <summary>Returns HMAC-SHA256 of <paramref name="data"/> under the event-id key.</summary>
    public byte[] EventIdMac(ReadOnlySpan<byte> data) => HMACSHA256.HashData(_eventIdKey, data);

    /// <summary>Returns HMAC-SHA256 of <paramref name="data"/> under the idempotency key.</summary>
    public byte[] IdempotencyMac(ReadOnlySpan<byte> data) => HMACSHA256.HashData(_idempotencyKey, data);

    private static byte[] Derive(byte[] secret, string label) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, 32, salt: [], info: Encoding.ASCII.GetBytes(label));
}
