namespace MedLedger.Clients.KeyVault;

/// <summary>Every message the Key Vault client produces, in one place. None of them includes key material or tokens.</summary>
internal static class KeyVaultErrors
{
    public const string HttpsRequired = "Key Vault requests must use HTTPS; bearer tokens are never sent over plain HTTP.";

    public const string ContentLoggingForbidden =
        "Content logging cannot be enabled for the Key Vault client: request and response bodies carry key material.";

    public static string VaultUriNotValid(Uri uri) => $"'{uri}' is not a Key Vault URI: an absolute HTTPS URI is required.";

    public static string KeyNameNotValid(string name) =>
        $"'{name}' is not a Key Vault key name: use 1-127 letters, digits or '-'.";

    public static string KeyVersionNotValid(string version) =>
        $"'{version}' is not a Key Vault key version: use letters and digits only.";

    public static string KeyIdNotValid(string keyId) =>
        $"'{keyId}' is not a Key Vault key identifier (https://<vault>/keys/<name>[/<version>]).";

    public static string VersionRequired(KeyVaultKeyIdentifier keyId) =>
        $"Key '{keyId}' has no version; cryptographic operations always name the exact key version.";

    public static string ForeignVault(KeyVaultKeyIdentifier keyId, Uri vaultUri) =>
        $"Key '{keyId}' is not in the vault '{vaultUri}' this client talks to; tokens are never sent to another host.";

    public static string AlgorithmNotValid(string algorithm) => $"'{algorithm}' is not a valid algorithm name.";

    public static string MalformedResponse(string operation, string reason) =>
        $"Key Vault returned a malformed {operation} response: {reason}.";

    public static string ResponseKeyIdMismatch(string operation, KeyVaultKeyIdentifier requested) =>
        $"Key Vault answered the {operation} request for '{requested}' with a different key id.";

    public static string ChallengeResourceMismatch(string requestHost, string resourceHost) =>
        $"The authentication challenge from '{requestHost}' asks for a token for '{resourceHost}', which does not serve that host; no token was sent.";

    public static string NotAnRsaKey(KeyVaultKeyIdentifier keyId, string keyType) => $"Key '{keyId}' is a '{keyType}' key, not an RSA key.";

    public static string NotAnEcKey(KeyVaultKeyIdentifier keyId, string keyType) => $"Key '{keyId}' is a '{keyType}' key, not an EC key.";

    public static string UnsupportedCurve(KeyVaultKeyIdentifier keyId, string? curve) =>
        $"Key '{keyId}' uses curve '{curve}'; only P-256 is supported.";
}
