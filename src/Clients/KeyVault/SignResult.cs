namespace MedLedger.Clients.KeyVault;

/// <summary>The result of a Key Vault <c>sign</c> operation.</summary>
/// <param name="KeyId">The versioned key that signed.</param>
/// <param name="Algorithm">The signature algorithm used.</param>
/// <param name="Signature">The signature as the service returns it; for ES256 the raw r‖s form (RFC 7518 §3.4), 64 bytes.</param>
public sealed record SignResult(KeyVaultKeyIdentifier KeyId, string Algorithm, byte[] Signature);
