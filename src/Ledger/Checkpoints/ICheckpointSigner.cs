namespace MedLedger.Ledger.Checkpoints;

/// <summary>Signs checkpoint notes with an ECDSA P-256 key (C2SP signed-note signature type 0x02).</summary>
/// <remarks>
/// Implementations: a local <see cref="System.Security.Cryptography.ECDsa"/> key for development, and Key Vault's
/// ES256 <c>sign</c> operation in Azure. Key Vault returns the raw r‖s form; implementations convert it to the
/// ASN.1 DER form this interface promises.
/// </remarks>
/// <threadsafety>Implementations are safe for concurrent use.</threadsafety>
public interface ICheckpointSigner
{
    /// <summary>Gets the signed-note key name written on signature lines (for example the log origin).</summary>
    string KeyName { get; }

    /// <summary>Gets the public key as a DER-encoded SubjectPublicKeyInfo; the key id is derived from it.</summary>
    ReadOnlyMemory<byte> PublicKeyInfo { get; }

    /// <summary>Signs <paramref name="message"/>: an ECDSA P-256 signature over SHA-256(<paramref name="message"/>), ASN.1 DER encoded.</summary>
    Task<byte[]> SignAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken = default);
}
