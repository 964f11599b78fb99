using System.Security.Cryptography;
using MedLedger.Infrastructure.Keys;
using MedLedger.Ledger.Checkpoints;
using MedLedger.Ledger.Hashing;

namespace MedLedger.Infrastructure.Tests.Keys;

public sealed class DevelopmentKeyDirectoryTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "medledger-keys-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(6)));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string KeyDirectory => Path.Combine(_root, "keys");

    [Fact]
    public async Task CreateAsync_EmptyDirectory_WritesThreeOwnerOnlyPemFiles()
    {
        var result = await DevelopmentKeyDirectory.CreateAsync(KeyDirectory, Ct);

        Assert.True(result.Created);
        Assert.Equal(["wrapping-key.pem", "signing-key.pem", "signing-key.pub.pem"], result.Files.Select(Path.GetFileName));
        Assert.Matches("^local:wrapping-key/[0-9a-f]{32}$", result.WrappingKeyId);
        Assert.Equal(["signing-key.pem", "signing-key.pub.pem", "wrapping-key.pem"], Directory.GetFiles(KeyDirectory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", await File.ReadAllTextAsync(result.Files[0], Ct), StringComparison.Ordinal);
        Assert.StartsWith("-----BEGIN PUBLIC KEY-----", await File.ReadAllTextAsync(result.Files[2], Ct), StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            foreach (var file in result.Files)
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            }

            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(KeyDirectory));
        }
    }

    [Fact]
    public async Task LoadAsync_AfterCreate_ReloadsTheSameKeys()
    {
        var created = await DevelopmentKeyDirectory.CreateAsync(KeyDirectory, Ct);

        using var keys = await DevelopmentKeyDirectory.LoadAsync(KeyDirectory, Ct);
        using var again = await DevelopmentKeyDirectory.LoadAsync(KeyDirectory, Ct);

        Assert.Equal(created.WrappingKeyId, keys.WrappingKey.KeyId);
        Assert.Equal(3072, keys.WrappingKey.KeySize);
        Assert.Equal(keys.SigningPublicKeyInfo.ToArray(), again.SigningPublicKeyInfo.ToArray());
        var dek = RandomNumberGenerator.GetBytes(32);
        Assert.Equal(dek, again.WrappingKey.UnwrapKey("RSA-OAEP-256", keys.WrappingKey.WrapKey("RSA-OAEP-256", dek, Ct), Ct));
        using var signer = keys.CreateCheckpointSigner("log");
        using var verifier = ECDsa.Create();
        verifier.ImportSubjectPublicKeyInfo(again.SigningPublicKeyInfo.Span, out _);
        var signature = await signer.SignAsync("note"u8.ToArray(), Ct);
        Assert.True(verifier.VerifyData("note"u8, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
    }

    [Fact]
    public async Task CreateAsync_KeysExist_RefusesAndLeavesFilesUntouched()
    {
        await DevelopmentKeyDirectory.CreateAsync(KeyDirectory, Ct);
        var before = await SnapshotAsync();

        var second = await DevelopmentKeyDirectory.CreateAsync(KeyDirectory, Ct);

        Assert.False(second.Created);
        Assert.Equal(3, second.Files.Count);
        Assert.Null(second.WrappingKeyId);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task CreateAsync_OneForeignFileExists_RefusesAndWritesNothing()
    {
        Directory.CreateDirectory(KeyDirectory);
        var foreign = Path.Combine(KeyDirectory, "signing-key.pub.pem");
        await File.WriteAllTextAsync(foreign, "not mine", Ct);

        var result = await DevelopmentKeyDirectory.CreateAsync(KeyDirectory, Ct);

        Assert.False(result.Created);
        Assert.Equal([foreign], result.Files);
        Assert.Equal([foreign], Directory.GetFiles(KeyDirectory));
        Assert.Equal("not mine", await File.ReadAllTextAsync(foreign, Ct));
    }

    [Fact]
    public async Task LoadOrCreateAsync_FirstUseCreatesThenReuses()
    {
        using var first = await DevelopmentKeyDirectory.LoadOrCreateAsync(KeyDirectory, Ct);
        using var second = await DevelopmentKeyDirectory.LoadOrCreateAsync(KeyDirectory, Ct);

        Assert.Equal(first.WrappingKey.KeyId, second.WrappingKey.KeyId);
    }

    [Fact]
    public async Task LoadAsync_MissingDirectory_ThrowsFileNotFoundSayingHowToCreate()
    {
        var error = await Assert.ThrowsAsync<FileNotFoundException>(() => DevelopmentKeyDirectory.LoadAsync(KeyDirectory, Ct));

        Assert.Contains("medledger keys init", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_KeyFileReadableByOthers_Refuses()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix permissions only.");
        await DevelopmentKeyDirectory.CreateAsync(KeyDirectory, Ct);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Path.Combine(KeyDirectory, "wrapping-key.pem"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        }

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => DevelopmentKeyDirectory.LoadAsync(KeyDirectory, Ct));

        Assert.Contains("chmod 600", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_PublicKeyDoesNotMatch_Refuses()
    {
        await DevelopmentKeyDirectory.CreateAsync(KeyDirectory, Ct);
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var publicPath = Path.Combine(KeyDirectory, "signing-key.pub.pem");
        File.Delete(publicPath);
        await File.WriteAllTextAsync(publicPath, other.ExportSubjectPublicKeyInfoPem(), Ct);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => DevelopmentKeyDirectory.LoadAsync(KeyDirectory, Ct));

        Assert.Contains("does not match", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_WrongKeyTypes_Refuses()
    {
        await DevelopmentKeyDirectory.CreateAsync(KeyDirectory, Ct);
        var wrapping = Path.Combine(KeyDirectory, "wrapping-key.pem");
        var signing = Path.Combine(KeyDirectory, "signing-key.pem");
        var signingPem = await File.ReadAllTextAsync(signing, Ct);
        await File.WriteAllTextAsync(wrapping, signingPem, Ct); // an EC key where the RSA key belongs

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => DevelopmentKeyDirectory.LoadAsync(KeyDirectory, Ct));

        Assert.Contains("wrapping-key.pem", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_SigningKeyNotP256_RefusesNamingTheFile()
    {
        await DevelopmentKeyDirectory.CreateAsync(KeyDirectory, Ct);
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var signing = Path.Combine(KeyDirectory, "signing-key.pem");
        await File.WriteAllTextAsync(signing, p384.ExportPkcs8PrivateKeyPem(), Ct);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => DevelopmentKeyDirectory.LoadAsync(KeyDirectory, Ct));

        Assert.Contains("signing-key.pem", error.Message, StringComparison.Ordinal);
        Assert.Contains("P-256", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateCheckpointSigner_SignsNotesThatVerifyUnderThePublicKeyFile()
    {
        await DevelopmentKeyDirectory.CreateAsync(KeyDirectory, Ct);
        using var keys = await DevelopmentKeyDirectory.LoadAsync(KeyDirectory, Ct);
        using var signer = keys.CreateCheckpointSigner("medledger.local/log-0");
        var publicPem = await File.ReadAllTextAsync(Path.Combine(KeyDirectory, "signing-key.pub.pem"), Ct);
        using var verifierKey = CheckpointVerifierKey.FromPublicKeyPem("medledger.local/log-0", publicPem);

        var note = await new Checkpoint("medledger.local/log-0", 0, MerkleHash.EmptyRoot).SignAsync(signer, Ct);

        Assert.True(CheckpointVerifier.Verify(note, [verifierKey]).IsValid);
        Assert.Throws<ArgumentException>(() => keys.CreateCheckpointSigner("bad name"));
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private async Task<Dictionary<string, string>> SnapshotAsync()
    {
        var snapshot = new Dictionary<string, string>();
        foreach (var file in Directory.GetFiles(KeyDirectory).Order(StringComparer.Ordinal))
        {
            snapshot[file] = Convert.ToHexString(SHA256.HashData(await File.ReadAllBytesAsync(file, Ct)));
        }

        return snapshot;
    }
}
