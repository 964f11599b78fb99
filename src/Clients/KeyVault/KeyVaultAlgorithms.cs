namespace MedLedger.Clients.KeyVault;

/// <summary>The Key Vault (JOSE) algorithm names MedLedger uses.</summary>
/// <remarks>Names are those of RFC 7518 §3.4 and §4.3, as accepted by the Key Vault keys REST API.</remarks>
public static class KeyVaultAlgorithms
{
    /// <summary>RSAES-OAEP with SHA-256 and MGF1 with SHA-256 (RFC 7518 §4.3); used to wrap data keys.</summary>
    public const string RsaOaep256 = "RSA-OAEP-256";

    /// <summary>ECDSA over P-256 with a SHA-256 digest (RFC 7518 §3.4); used to sign checkpoints.</summary>
    public const string Es256 = "ES256";
}
