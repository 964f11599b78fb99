using MedLedger.Clients.KeyVault;

namespace MedLedger.Infrastructure.Keys;

/// <summary>Every message the key adapters produce, in one place. None of them includes key material.</summary>
internal static class KeyErrors
{
    public static string UnsupportedWrapAlgorithm(string algorithm) =>
        $"Wrap algorithm '{algorithm}' is not supported; MedLedger wraps data keys with {KeyVaultAlgorithms.RsaOaep256} only.";

    public static string UnknownKeyId(string keyId) => $"No key encryption key is known for id '{keyId}'.";

    public static string NotAWrappingKey(KeyVaultKeyIdentifier keyId) =>
        $"Key Vault key '{keyId}' cannot wrap data keys: an enabled RSA key with the wrapKey and unwrapKey operations is required.";

    public static string NotASigningKey(KeyVaultKeyIdentifier keyId) =>
        $"Key Vault key '{keyId}' cannot sign checkpoints: an enabled EC P-256 key with the sign operation is required.";

    public static string VersionRequired(KeyVaultKeyIdentifier keyId) =>
        $"Key '{keyId}' has no version; a key encryption key always names one exact version.";

    public static string RsaKeyTooSmall(int bits) => $"The RSA wrapping key has {bits} bits; at least 2048 are required (3072 recommended).";

    public static string NotP256(string what) => $"The {what} is not an ECDSA P-256 key.";

    public static string SignatureNotRaw(int length) => $"Key Vault returned a {length}-byte ES256 signature; 64 bytes (r‖s) were expected.";

    public const string SignatureDoesNotVerify = "Key Vault returned an ES256 signature that does not verify under the signing key's public key.";

    public static string KeyFileMissing(string path) =>
        $"Development key file '{path}' does not exist. Create the key directory first (medledger keys init --out <dir>).";

    public static string KeyFileTooOpen(string path, UnixFileMode mode) =>
        $"Development key file '{path}' is accessible by other users (mode {Convert.ToString((int)mode, 8)}); restrict it to the owner (chmod 600).";

    public static string KeyFileNotValid(string path, string reason) => $"Development key file '{path}' is not valid: {reason}.";
}
