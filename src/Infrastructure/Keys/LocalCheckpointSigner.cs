using System.Security.Cryptography;
using MedLedger.Ledger.Checkpoints;

namespace MedLedger.Infrastructure.Keys;

/// <summary>Signs checkpoints with a local ECDSA P-256 key (development): DER signatures over SHA-256 of the note.</summary>
/// <threadsafety>Safe for concurrent use.</threadsafety>
public sealed class LocalCheckpointSigner : ICheckpointSigner, IDisposable
{
    private readonly ECDsa _key;
    private readonly byte[] _publicKeyInfo;

    /// <summary>Creates a signer that owns <paramref name="key"/> (a P-256 private key) and disposes it.</summary>
    /// <param name="keyName">The signed-note key name (for example the log origin).</param>
    /// <param name="key">The private key.</param>
    /// <exception cref="ArgumentException"><paramref name="key"/> is not a P-256 key.</exception>
    public LocalCheckpointSigner(string keyName, ECDsa key)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(keyName);
        ArgumentNullException.ThrowIfNull(key);
        if (!IsP256(key))
        {
            throw new ArgumentException(KeyErrors.NotP256("checkpoint signing key"), nameof(key));
        }

        KeyName = keyName;
        _key = key;
        _publicKeyInfo = key.ExportSubjectPublicKeyInfo();
    }

    /// <inheritdoc />
    public string KeyName { get; }

    /// <inheritdoc />
    public ReadOnlyMemory<byte> PublicKeyInfo => _publicKeyInfo;

    /// <inheritdoc />
    public Task<byte[]> SignAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken = default) =>
        Task.FromResult(_key.SignData(message.Span, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));

    /// <inheritdoc />
    public void Dispose() => _key.Dispose();

    internal static bool IsP256(ECDsa key)
    {
        var curve = key.ExportParameters(includePrivateParameters: false).Curve;
        return key.KeySize == 256 && curve.IsNamed
            && (curve.Oid.Value == ECCurve.NamedCurves.nistP256.Oid.Value || curve.Oid.FriendlyName == ECCurve.NamedCurves.nistP256.Oid.FriendlyName);
    }
}
