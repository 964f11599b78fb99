using Azure.Core.Cryptography;
using MedLedger.Infrastructure.Keys;
using MedLedger.Infrastructure.Records.Envelope;
using MedLedger.Ledger.Checkpoints;

namespace MedLedger.Functions.Keys;

/// <summary>The loaded keys: the record wrapping key (with the resolver for reads) and one checkpoint signer per log.</summary>
/// <remarks>Built by <see cref="LedgerKeysProvider"/> from Key Vault or from the local development key directory.</remarks>
/// <threadsafety>Safe for concurrent use.</threadsafety>
internal sealed class LedgerKeys : IDisposable
{
    private readonly IReadOnlyDictionary<string, ICheckpointSigner> _signers;
    private readonly IDisposable? _owned;

    public LedgerKeys(
        string source,
        IKeyEncryptionKey wrappingKey,
        IKeyEncryptionKeyResolver resolver,
        IReadOnlyDictionary<string, ICheckpointSigner> signers,
        ReadOnlyMemory<byte> signingPublicKeyInfo,
        DataKeyCache dataKeyCache,
        IDisposable? owned)
    {
        Source = source;
        WrappingKeyId = wrappingKey.KeyId;
        Encryptor = new EnvelopeEncryptor(wrappingKey, dataKeyCache);
        Decryptor = new EnvelopeDecryptor(resolver, dataKeyCache);
        _signers = signers;
        SigningPublicKeyInfo = signingPublicKeyInfo;
        _owned = owned;
    }

    /// <summary>Gets where the keys come from, for logs (a vault URI or "local development keys"); never key material.</summary>
    public string Source { get; }

    /// <summary>Gets the versioned id of the key that wraps new records' data keys.</summary>
    public string WrappingKeyId { get; }

    /// <summary>Gets the encryptor for new records.</summary>
    public EnvelopeEncryptor Encryptor { get; }

    /// <summary>Gets the decryptor for stored records (any key version the resolver knows).</summary>
    public EnvelopeDecryptor Decryptor { get; }

    /// <summary>Gets the checkpoint signing key's public part (DER SubjectPublicKeyInfo).</summary>
    public ReadOnlyMemory<byte> SigningPublicKeyInfo { get; }

    /// <summary>Gets the signing key as a PEM <c>PUBLIC KEY</c> block: what verifiers need, and all they need.</summary>
    public string SigningPublicKeyPem => new(System.Security.Cryptography.PemEncoding.Write("PUBLIC KEY", SigningPublicKeyInfo.Span));

    /// <summary>Returns the signer whose signed-note key name is <paramref name="logName"/>.</summary>
    /// <exception cref="KeyNotFoundException">The log is not one of the ledger's logs.</exception>
    public ICheckpointSigner SignerFor(string logName) => _signers[logName];

    public void Dispose()
    {
        foreach (var signer in _signers.Values)
        {
            (signer as IDisposable)?.Dispose();
        }

        _owned?.Dispose();
    }
}
