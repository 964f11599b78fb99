using System.Security.Cryptography;
using System.Text;

namespace MedLedger.Clients.Storage;

/// <summary>A storage account name and its shared key, used to sign requests (SharedKey authorization).</summary>
/// <remarks>The key never leaves this object: it is not exposed, not printed by <see cref="ToString"/>, and never
/// appears in an error message.</remarks>
public sealed class StorageSharedKeyCredential
{
    private readonly byte[] _key;

    /// <summary>Creates the credential.</summary>
    /// <param name="accountName">The storage account name.</param>
    /// <param name="accountKey">The base64 account key.</param>
    /// <exception cref="ArgumentException">The name is empty or the key is not base64.</exception>
    public StorageSharedKeyCredential(string accountName, string accountKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountName);
        ArgumentNullException.ThrowIfNull(accountKey);
        AccountName = accountName;
        var buffer = new byte[accountKey.Length];
        if (accountKey.Length == 0 || !Convert.TryFromBase64String(accountKey, buffer, out var written))
        {
            // Deliberately does not echo the value: it is a secret even when malformed.
            throw new ArgumentException("The storage account key is not valid base64.", nameof(accountKey));
        }

        _key = buffer[..written];
    }

    /// <summary>Gets the storage account name.</summary>
    public string AccountName { get; }

    /// <summary>Signs <paramref name="stringToSign"/>: base64(HMAC-SHA256(key, UTF-8(stringToSign))).</summary>
    internal string Sign(string stringToSign) =>
        Convert.ToBase64String(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(stringToSign)));

    /// <inheritdoc />
    public override string ToString() => $"StorageSharedKeyCredential({AccountName})";
}
