using System.Diagnostics.CodeAnalysis;

namespace MedLedger.Clients.KeyVault;

/// <summary>A parsed Key Vault key identifier (<c>kid</c>): <c>https://{vault}/keys/{name}[/{version}]</c>.</summary>
/// <remarks>
/// Envelopes record the versioned identifier the service returned; unwrapping always uses that exact version, so
/// rotation (which adds versions) never breaks old records.
/// </remarks>
/// <threadsafety>Immutable; safe for concurrent use.</threadsafety>
public sealed class KeyVaultKeyIdentifier : IEquatable<KeyVaultKeyIdentifier>
{
    private const int MaxNameLength = 127;
    private const int MaxVersionLength = 64;

    private KeyVaultKeyIdentifier(Uri vaultUri, string name, string? version)
    {
        VaultUri = vaultUri;
        Name = name;
        Version = version;
    }

    /// <summary>Gets the vault's base URI (scheme, host and port only).</summary>
    public Uri VaultUri { get; }

    /// <summary>Gets the key name.</summary>
    public string Name { get; }

    /// <summary>Gets the key version, or <see langword="null"/> for "the latest version".</summary>
    public string? Version { get; }

    /// <summary>Gets a value indicating whether this identifier names one exact key version.</summary>
    [MemberNotNullWhen(true, nameof(Version))]
    public bool IsVersioned => Version is not null;

    /// <summary>Creates an identifier from its parts.</summary>
    /// <param name="vaultUri">The vault's base URI; must be HTTPS.</param>
    /// <param name="name">The key name (1–127 characters: letters, digits, '-').</param>
    /// <param name="version">The version (letters and digits), or <see langword="null"/> for the latest.</param>
    /// <exception cref="ArgumentException">A part is not valid.</exception>
    public static KeyVaultKeyIdentifier Create(Uri vaultUri, string name, string? version = null)
    {
        ArgumentNullException.ThrowIfNull(vaultUri);
        ArgumentNullException.ThrowIfNull(name);
        if (!IsValidVaultUri(vaultUri))
        {
            throw new ArgumentException(KeyVaultErrors.VaultUriNotValid(vaultUri), nameof(vaultUri));
        }

        if (!IsValidName(name))
        {
            throw new ArgumentException(KeyVaultErrors.KeyNameNotValid(name), nameof(name));
        }

        if (version is not null && !IsValidVersion(version))
        {
            throw new ArgumentException(KeyVaultErrors.KeyVersionNotValid(version), nameof(version));
        }

        return new KeyVaultKeyIdentifier(NormalizeVaultUri(vaultUri), name, version);
    }

    /// <summary>Parses a key identifier such as <c>https://contoso.vault.azure.net/keys/wrap/0123abcd…</c>.</summary>
    /// <exception cref="FormatException"><paramref name="keyId"/> is not a Key Vault key identifier.</exception>
    public static KeyVaultKeyIdentifier Parse(string keyId)
    {
        ArgumentNullException.ThrowIfNull(keyId);
        return TryParse(keyId, out var identifier)
            ? identifier
            : throw new FormatException(KeyVaultErrors.KeyIdNotValid(keyId));
    }

    /// <summary>Tries to parse a key identifier; see <see cref="Parse"/>.</summary>
    public static bool TryParse([NotNullWhen(true)] string? keyId, [NotNullWhen(true)] out KeyVaultKeyIdentifier? identifier)
    {
        identifier = null;
        if (keyId is null || !Uri.TryCreate(keyId, UriKind.Absolute, out var uri) || !IsValidVaultUri(uri)
            || uri.Query.Length != 0 || uri.Fragment.Length != 0 || !string.IsNullOrEmpty(uri.UserInfo))
        {
            return false;
        }

        var segments = uri.AbsolutePath.Split('/');
        // "/keys/name" → ["", "keys", "name"]; "/keys/name/version" → ["", "keys", "name", "version"].
        if (segments.Length is not (3 or 4) || segments[0].Length != 0 || !string.Equals(segments[1], "keys", StringComparison.Ordinal))
        {
            return false;
        }

        var name = segments[2];
        var version = segments.Length == 4 ? segments[3] : null;
        if (!IsValidName(name) || (version is not null && !IsValidVersion(version)))
        {
            return false;
        }

        identifier = new KeyVaultKeyIdentifier(NormalizeVaultUri(uri), name, version);
        return true;
    }

    /// <summary>Gets a value indicating whether this key lives in the vault <paramref name="vaultUri"/> (same host and port).</summary>
    public bool IsInVault(Uri vaultUri)
    {
        ArgumentNullException.ThrowIfNull(vaultUri);
        return Uri.Compare(VaultUri, vaultUri, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;
    }

    /// <summary>Returns the identifier in its canonical form, <c>https://{vault}/keys/{name}[/{version}]</c>.</summary>
    public override string ToString() =>
        Version is null
            ? $"{VaultUri.GetLeftPart(UriPartial.Authority)}/keys/{Name}"
            : $"{VaultUri.GetLeftPart(UriPartial.Authority)}/keys/{Name}/{Version}";

    /// <inheritdoc />
    public bool Equals(KeyVaultKeyIdentifier? other) =>
        other is not null && string.Equals(ToString(), other.ToString(), StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as KeyVaultKeyIdentifier);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(ToString());

    private static bool IsValidVaultUri(Uri uri) =>
        uri.IsAbsoluteUri && string.Equals(uri.Scheme, Uri.UriSchemeHttps, StringComparison.Ordinal) && uri.Host.Length > 0;

    private static Uri NormalizeVaultUri(Uri uri) => new(uri.GetLeftPart(UriPartial.Authority) + "/", UriKind.Absolute);

    // Key Vault object names: 1-127 characters, letters, digits and dashes.
    private static bool IsValidName(string name) =>
        name.Length is > 0 and <= MaxNameLength && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');

    private static bool IsValidVersion(string version) =>
        version.Length is > 0 and <= MaxVersionLength && version.All(char.IsAsciiLetterOrDigit);
}
