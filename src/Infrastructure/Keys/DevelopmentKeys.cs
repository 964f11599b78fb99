using System.Security.Cryptography;
using MedLedger.Ledger.Checkpoints;

namespace MedLedger.Infrastructure.Keys;

/// <summary>The loaded development keys: the RSA wrapping key and the ECDSA P-256 checkpoint signing key.</summary>
/// <threadsafety>Safe for concurrent use.</threadsafety>
public sealed class DevelopmentKeys : IDisposable
{
    private readonly ECDsa _signingKey;
    private readonly byte[] _signingPublicKeyInfo;

    internal DevelopmentKeys(string directory, LocalRsaKeyEncryptionKey wrappingKey, ECDsa signingKey)
    {
        Directory = directory;
        WrappingKey = wrappingKey;
        _signingKey = signingKey;
        _signingPublicKeyInfo = signingKey.ExportSubjectPublicKeyInfo();
    }

    /// <summary>Gets the directory the keys were loaded from.</summary>
    public string Directory { get; }

    /// <summary>Gets the key encryption key for envelopes.</summary>
    public LocalRsaKeyEncryptionKey WrappingKey { get; }

    /// <summary>Gets the checkpoint signing key's public part as DER SubjectPublicKeyInfo.</summary>
    public ReadOnlyMemory<byte> SigningPublicKeyInfo => _signingPublicKeyInfo;

    /// <summary>Creates a checkpoint signer with its own copy of the signing key.</summary>
    /// <param name="keyName">The signed-note key name (for example the log origin).</param>
    /// <exception cref="ArgumentException">The key name is not a valid signed-note key name.</exception>
    public LocalCheckpointSigner CreateCheckpointSigner(string keyName)
    {
        var parameters = _signingKey.ExportParameters(includePrivateParameters: true);
        var copy = ECDsa.Create(parameters);
        try
        {
            return new LocalCheckpointSigner(keyName, copy);
        }
        catch
        {
            copy.Dispose();
            throw;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(parameters.D);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        WrappingKey.Dispose();
        _signingKey.Dispose();
    }
}
