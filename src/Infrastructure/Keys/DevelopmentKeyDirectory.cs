using System.Security.Cryptography;
using System.Text;
using MedLedger.Ledger.Checkpoints;

namespace MedLedger.Infrastructure.Keys;

/// <summary>
/// The local development key directory (shared/design.md §3): an RSA 3072 wrapping key and an ECDSA P-256 checkpoint
/// signing key as PEM files, created once with owner-only permissions and never overwritten.
/// </summary>
/// <remarks>
/// Files: <c>wrapping-key.pem</c> (PKCS#8), <c>signing-key.pem</c> (PKCS#8) and <c>signing-key.pub.pem</c>
/// (SubjectPublicKeyInfo, safe to share with verifiers). The default directory, <c>.medledger/keys</c>, is git-ignored.
/// Each file is written to a temporary name with mode 0600 and moved into place without overwriting, so a crash never
/// leaves a half-written key under a real name. Loading refuses key files that other users can read (like ssh).
/// </remarks>
public static class DevelopmentKeyDirectory
{
    /// <summary>The default key directory, relative to the working directory.</summary>
    public const string DefaultPath = ".medledger/keys";

    /// <summary>The RSA wrapping key file name.</summary>
    public const string WrappingKeyFileName = "wrapping-key.pem";

    /// <summary>The ECDSA signing key file name.</summary>
    public const string SigningKeyFileName = "signing-key.pem";

    /// <summary>The ECDSA signing public key file name.</summary>
    public const string SigningPublicKeyFileName = "signing-key.pub.pem";

    private const int WrappingKeySize = 3072;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode GroupOrOther = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    private static readonly string[] FileNames = [WrappingKeyFileName, SigningKeyFileName, SigningPublicKeyFileName];

    /// <summary>Creates new keys in <paramref name="directory"/>, unless any key file already exists there.</summary>
    /// <param name="directory">The key directory; created (owner-only) if missing.</param>
    /// <param name="cancellationToken">Cancels the writes.</param>
    /// <returns>The files created, or — with <see cref="DevelopmentKeyCreationResult.Created"/> false — the existing files; nothing is overwritten.</returns>
    public static async Task<DevelopmentKeyCreationResult> CreateAsync(string directory, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var fullPath = Path.GetFullPath(directory);
        var existing = ExistingFiles(fullPath);
        if (existing.Count > 0)
        {
            return new DevelopmentKeyCreationResult(false, fullPath, existing, null, null);
        }

        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(fullPath);
        }
        else
        {
            Directory.CreateDirectory(fullPath, OwnerOnlyDirectory);
        }

        using var wrappingKey = LocalRsaKeyEncryptionKey.Generate(WrappingKeySize);
        using var signingKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var signingPublicKeyInfo = signingKey.ExportSubjectPublicKeyInfo();
        var created = new List<string>();
        try
        {
            await WriteNewAsync(fullPath, WrappingKeyFileName, wrappingKey.ExportPrivateKeyPem(), created, cancellationToken).ConfigureAwait(false);
            await WriteNewAsync(fullPath, SigningKeyFileName, Pem("PRIVATE KEY", signingKey.ExportPkcs8PrivateKey()), created, cancellationToken).ConfigureAwait(false);
            await WriteNewAsync(fullPath, SigningPublicKeyFileName, Pem("PUBLIC KEY", signingPublicKeyInfo), created, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException) when (ExistingFiles(fullPath).Count > created.Count)
        {
            // Another process created a key file between our check and our write: undo ours and report theirs.
            foreach (var path in created)
            {
                File.Delete(path);
            }

            return new DevelopmentKeyCreationResult(false, fullPath, ExistingFiles(fullPath), null, null);
        }
        catch
        {
            foreach (var path in created)
            {
                File.Delete(path);
            }

            throw;
        }

        return new DevelopmentKeyCreationResult(
            true, fullPath, created, wrappingKey.KeyId, LocalRsaKeyEncryptionKey.Fingerprint(signingPublicKeyInfo));
    }

    /// <summary>Loads the keys from <paramref name="directory"/>.</summary>
    /// <param name="directory">The key directory.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <exception cref="FileNotFoundException">A key file is missing (the message says how to create keys).</exception>
    /// <exception cref="InvalidOperationException">A key file is readable by other users, malformed, of the wrong type, or the public key does not match.</exception>
    public static async Task<DevelopmentKeys> LoadAsync(string directory, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var fullPath = Path.GetFullPath(directory);
        var wrappingPem = await ReadKeyFileAsync(fullPath, WrappingKeyFileName, cancellationToken).ConfigureAwait(false);
        var signingPem = await ReadKeyFileAsync(fullPath, SigningKeyFileName, cancellationToken).ConfigureAwait(false);
        var publicPem = await ReadKeyFileAsync(fullPath, SigningPublicKeyFileName, cancellationToken).ConfigureAwait(false);
        LocalRsaKeyEncryptionKey? wrappingKey = null;
        var signingKey = ECDsa.Create();
        try
        {
            wrappingKey = LoadWrappingKey(Path.Combine(fullPath, WrappingKeyFileName), wrappingPem);
            LoadSigningKey(Path.Combine(fullPath, SigningKeyFileName), signingPem, signingKey);
            CheckPublicKeyMatches(Path.Combine(fullPath, SigningPublicKeyFileName), publicPem, signingKey);
            return new DevelopmentKeys(fullPath, wrappingKey, signingKey);
        }
        catch
        {
            wrappingKey?.Dispose();
            signingKey.Dispose();
            throw;
        }
        finally
        {
            Array.Clear(wrappingPem);
            Array.Clear(signingPem);
        }
    }

    /// <summary>Loads the keys from <paramref name="directory"/>, creating them first if the directory holds none.</summary>
    /// <inheritdoc cref="LoadAsync" />
    public static async Task<DevelopmentKeys> LoadOrCreateAsync(string directory, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        if (ExistingFiles(Path.GetFullPath(directory)).Count == 0)
        {
            await CreateAsync(directory, cancellationToken).ConfigureAwait(false);
        }

        return await LoadAsync(directory, cancellationToken).ConfigureAwait(false);
    }

    private static List<string> ExistingFiles(string directory) =>
        [.. FileNames.Select(name => Path.Combine(directory, name)).Where(File.Exists)];

    private static char[] Pem(string label, byte[] der)
    {
        try
        {
            return PemEncoding.Write(label, der);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(der);
        }
    }

    private static async Task WriteNewAsync(string directory, string fileName, char[] pem, List<string> created, CancellationToken cancellationToken)
    {
        var path = Path.Combine(directory, fileName);
        var temporary = Path.Combine(directory, $".{fileName}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}.tmp");
        var bytes = new byte[Encoding.ASCII.GetByteCount(pem) + 1];
        try
        {
            Encoding.ASCII.GetBytes(pem, bytes);
            bytes[^1] = (byte)'\n';
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = OwnerOnlyFile;
            }

            var stream = new FileStream(temporary, options);
            await using (stream.ConfigureAwait(false))
            {
                await stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: false);
            created.Add(path);
        }
        finally
        {
            Array.Clear(pem);
            CryptographicOperations.ZeroMemory(bytes);
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    private static async Task<char[]> ReadKeyFileAsync(string directory, string fileName, CancellationToken cancellationToken)
    {
        var path = Path.Combine(directory, fileName);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(KeyErrors.KeyFileMissing(path), path);
        }

        if (!OperatingSystem.IsWindows() && fileName != SigningPublicKeyFileName)
        {
            var mode = File.GetUnixFileMode(path);
            if ((mode & GroupOrOther) != 0)
            {
                throw new InvalidOperationException(KeyErrors.KeyFileTooOpen(path, mode));
            }
        }

        var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        try
        {
            var chars = new char[bytes.Length];
            for (var i = 0; i < bytes.Length; i++)
            {
                if (bytes[i] > 0x7f)
                {
                    Array.Clear(chars);
                    throw new InvalidOperationException(KeyErrors.KeyFileNotValid(path, "it is not ASCII PEM text"));
                }

                chars[i] = (char)bytes[i];
            }

            return chars;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    private static LocalRsaKeyEncryptionKey LoadWrappingKey(string path, char[] pem)
    {
        try
        {
            return LocalRsaKeyEncryptionKey.FromPem(pem);
        }
        catch (ArgumentException exception)
        {
            throw new InvalidOperationException(KeyErrors.KeyFileNotValid(path, exception.Message), exception);
        }
    }

    private static void LoadSigningKey(string path, char[] pem, ECDsa key)
    {
        try
        {
            key.ImportFromPem(pem);
            _ = key.ExportParameters(includePrivateParameters: true).D ?? throw new CryptographicException();
        }
        catch (Exception exception) when (exception is ArgumentException or CryptographicException)
        {
            throw new InvalidOperationException(KeyErrors.KeyFileNotValid(path, "it does not hold an EC private key"), exception);
        }

        // The public half must be a key checkpoint verifiers accept: canonical P-256 SubjectPublicKeyInfo.
        if (!CheckpointVerifierKey.TryFromPublicKeyInfo("signing-key", key.ExportSubjectPublicKeyInfo(), out var verifierKey, out _))
        {
            throw new InvalidOperationException(KeyErrors.KeyFileNotValid(path, KeyErrors.NotP256("signing key")));
        }

        verifierKey.Dispose();
    }

    private static void CheckPublicKeyMatches(string path, char[] pem, ECDsa signingKey)
    {
        using var publicKey = ECDsa.Create();
        try
        {
            publicKey.ImportFromPem(pem);
        }
        catch (Exception exception) when (exception is ArgumentException or CryptographicException)
        {
            throw new InvalidOperationException(KeyErrors.KeyFileNotValid(path, "it does not hold an EC public key"), exception);
        }

        if (!publicKey.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(signingKey.ExportSubjectPublicKeyInfo()))
        {
            throw new InvalidOperationException(KeyErrors.KeyFileNotValid(path, $"it does not match {SigningKeyFileName}"));
        }
    }
}
