namespace MedLedger.Clients.KeyVault;

/// <summary>The result of a Key Vault <c>unwrapkey</c> operation.</summary>
/// <param name="KeyId">The versioned key that unwrapped the key.</param>
/// <param name="Algorithm">The wrap algorithm used.</param>
/// <param name="Key">The unwrapped key. The caller owns it and should clear it when done; never log it.</param>
public sealed record UnwrapResult(KeyVaultKeyIdentifier KeyId, string Algorithm, byte[] Key);
