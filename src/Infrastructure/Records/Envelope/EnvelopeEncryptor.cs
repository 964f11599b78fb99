using System.Security.Cryptography;
using Azure.Core.Cryptography;
using MedLedger.Infrastructure.Keys;

namespace MedLedger.Infrastructure.Records.Envelope;

/// <summary>Encrypts records into envelopes (<see cref="EnvelopeV1"/>): a fresh AES-256 data key and nonce per record, wrapped by a key encryption key.</summary>
/// <remarks>
/// The data key is wrapped with RSA-OAEP-256 by the <see cref="IKeyEncryptionKey"/> (Key Vault or the local development
/// key), whose versioned <see cref="IKeyEncryptionKey.KeyId"/> is recorded in the envelope. When a
/// <see cref="DataKeyCache"/> is given, the new data key is cached so a read-back within its time to live skips the
/// unwrap. The plaintext data key is cleared as soon as the envelope is sealed.
/// </remarks>
/// <threadsafety>Safe for concurrent use when the key encryption key is.</threadsafety>
public sealed class EnvelopeEncryptor
{
    private readonly IKeyEncryptionKey _keyEncryptionKey;
    private readonly DataKeyCache? _dataKeyCache;

    /// <summary>Creates an encryptor.</summary>
    /// <param name="keyEncryptionKey">Wraps each record's data key.</param>
    /// <param name="dataKeyCache">Optional cache shared with the <see cref="EnvelopeDecryptor"/>.</param>
    public EnvelopeEncryptor(IKeyEncryptionKey keyEncryptionKey, DataKeyCache? dataKeyCache = null)
    {
        ArgumentNullException.ThrowIfNull(keyEncryptionKey);
        _keyEncryptionKey = keyEncryptionKey;
        _dataKeyCache = dataKeyCache;
    }

    /// <summary>Encrypts <paramref name="plaintext"/> for the record named by <paramref name="context"/>.</summary>
    /// <param name="plaintext">The record, at most <see cref="EnvelopeV1.MaxPlaintextLength"/> bytes.</param>
    /// <param name="context">The record's log, id and patient pseudonym, bound into the AAD.</param>
    /// <param name="cancellationToken">Cancels the key wrap.</param>
    /// <returns>The envelope bytes.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="plaintext"/> is larger than <see cref="EnvelopeV1.MaxPlaintextLength"/>.</exception>
    /// <exception cref="Azure.RequestFailedException">Key Vault refused to wrap the key.</exception>
    public async Task<byte[]> EncryptAsync(ReadOnlyMemory<byte> plaintext, EnvelopeContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(plaintext.Length, EnvelopeV1.MaxPlaintextLength, nameof(plaintext));

        // Pinned, so the GC never copies the key somewhere it cannot be cleared.
        var dataKey = GC.AllocateArray<byte>(EnvelopeV1.DataKeyLength, pinned: true);
        try
        {
            RandomNumberGenerator.Fill(dataKey);
            var keyId = _keyEncryptionKey.KeyId;
            var wrappedKey = await _keyEncryptionKey.WrapKeyAsync(EnvelopeV1.WrapAlgorithmName, dataKey, cancellationToken).ConfigureAwait(false);
            // A fresh random key per record makes a random 96-bit nonce safe (SP 800-38D §8.2.2 limits apply per key).
            Span<byte> nonce = stackalloc byte[EnvelopeV1.NonceLength];
            RandomNumberGenerator.Fill(nonce);
            var envelope = EnvelopeV1.Seal(keyId, wrappedKey, dataKey, nonce, plaintext.Span, context);
            _dataKeyCache?.Add(keyId, EnvelopeV1.WrapAlgorithmName, wrappedKey, dataKey);
            return envelope;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataKey);
        }
    }
}
