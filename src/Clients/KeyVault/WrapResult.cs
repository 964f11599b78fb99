namespace MedLedger.Clients.KeyVault;

/// <summary>The result of a Key Vault <c>wrapkey</c> operation.</summary>
/// <param name="KeyId">The versioned key that wrapped the key; store it next to <paramref name="EncryptedKey"/> and unwrap with exactly this version.</param>
/// <param name="Algorithm">The wrap algorithm used.</param>
/// <param name="EncryptedKey">The wrapped key.</param>
public sealed record WrapResult(KeyVaultKeyIdentifier KeyId, string Algorithm, byte[] EncryptedKey);
