using System.Security.Cryptography;
using Azure.Core.Cryptography;
using MedLedger.Clients.KeyVault;

namespace MedLedger.Infrastructure.Keys;

/// <summary>A local RSA key encryption key (development): wraps data keys with RSA-OAEP-256 (RFC 8017 §7.1, SHA-256/MGF1-SHA-256).</summary>
/// <remarks>
/// The same algorithm Key Vault uses, so the two are interchangeable behind <see cref="IKeyEncryptionKey"/>.
/// <see cref="KeyId"/> is <c>local:wrapping-key/&lt;fingerprint&gt;</c>, the fingerprint being the first 16 bytes of
/// SHA-256 over the public key's DER SubjectPublicKeyInfo, in lowercase hex: a different key file never claims an id.
/// </remarks>
/// <threadsafety>Safe for concurrent use.</threadsafety>
public sealed class LocalRsaKeyEncryptionKey : IKeyEncryptionKey, IDisposable
{
    /// <summary>The prefix of local wrapping key ids.</summary>
    public const string KeyIdPrefix = "local:wrapping-key/";

    private const int MinimumKeySize = 2048;
    private readonly RSA _rsa;

    private LocalRsaKeyEncryptionKey(RSA rsa)
    {
        if (rsa.KeySize < MinimumKeySize)
        {
            throw new ArgumentException(KeyErrors.RsaKeyTooSmall(rsa.KeySize), nameof(rsa));
        }

        _rsa = rsa;
        KeyId = KeyIdPrefix + Fingerprint(rsa.ExportSubjectPublicKeyInfo());
    }

    /// <summary>Gets the key id, <c>local:wrapping-key/&lt;fingerprint&gt;</c>.</summary>
    public string KeyId { get; }

    /// <summary>Gets the key size in bits.</summary>
    public int KeySize => _rsa.KeySize;

    /// <summary>Loads a key from a PEM private key (<c>PRIVATE KEY</c> or <c>RSA PRIVATE KEY</c>).</summary>
    /// <exception cref="ArgumentException">The PEM holds no RSA private key, or one smaller than 2048 bits.</exception>
    public static LocalRsaKeyEncryptionKey FromPem(ReadOnlySpan<char> pem)
    {
        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(pem);
            // A public-only PEM imports fine but cannot unwrap: refuse it here rather than at the first read.
            _ = rsa.ExportParameters(includePrivateParameters: true).D ?? throw new CryptographicException();
            return new LocalRsaKeyEncryptionKey(rsa);
        }
        catch (CryptographicException exception)
        {
            rsa.Dispose();
            throw new ArgumentException("The PEM does not hold an RSA private key.", nameof(pem), exception);
        }
        catch
        {
            rsa.Dispose();
            throw;
        }
    }

    /// <summary>Generates a new key (for tests and key creation).</summary>
    /// <param name="keySize">The key size in bits; at least 2048.</param>
    public static LocalRsaKeyEncryptionKey Generate(int keySize = 3072) => new(RSA.Create(keySize));

    /// <summary>Exports the private key as PKCS#8 PEM into a buffer the caller must clear.</summary>
    public char[] ExportPrivateKeyPem() => PemEncoding.Write("PRIVATE KEY", _rsa.ExportPkcs8PrivateKey());

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="algorithm"/> is not RSA-OAEP-256.</exception>
    public byte[] WrapKey(string algorithm, ReadOnlyMemory<byte> key, CancellationToken cancellationToken = default)
    {
        CheckAlgorithm(algorithm);
        return _rsa.Encrypt(key.Span, RSAEncryptionPadding.OaepSHA256);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="algorithm"/> is not RSA-OAEP-256.</exception>
    /// <exception cref="CryptographicException">This key did not wrap <paramref name="encryptedKey"/>, or it was changed.</exception>
    public byte[] UnwrapKey(string algorithm, ReadOnlyMemory<byte> encryptedKey, CancellationToken cancellationToken = default)
    {
        CheckAlgorithm(algorithm);
        return _rsa.Decrypt(encryptedKey.Span, RSAEncryptionPadding.OaepSHA256);
    }

    /// <inheritdoc />
    public Task<byte[]> WrapKeyAsync(string algorithm, ReadOnlyMemory<byte> key, CancellationToken cancellationToken = default) =>
        Task.FromResult(WrapKey(algorithm, key, cancellationToken));

    /// <inheritdoc />
    public Task<byte[]> UnwrapKeyAsync(string algorithm, ReadOnlyMemory<byte> encryptedKey, CancellationToken cancellationToken = default) =>
        Task.FromResult(UnwrapKey(algorithm, encryptedKey, cancellationToken));

    /// <inheritdoc />
    public void Dispose() => _rsa.Dispose();

    internal static string Fingerprint(ReadOnlySpan<byte> subjectPublicKeyInfo) =>
        Convert.ToHexStringLower(SHA256.HashData(subjectPublicKeyInfo)[..16]);

    private static void CheckAlgorithm(string algorithm)
    {
        if (!string.Equals(algorithm, KeyVaultAlgorithms.RsaOaep256, StringComparison.Ordinal))
        {
            throw new ArgumentException(KeyErrors.UnsupportedWrapAlgorithm(algorithm), nameof(algorithm));
        }
    }
}
