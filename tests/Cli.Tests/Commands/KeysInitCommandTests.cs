using System.Security.Cryptography;
using MedLedger.Cli.Tests.Support;

namespace MedLedger.Cli.Tests.Commands;

public sealed class KeysInitCommandTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "medledger-cli-keys-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)));

    private string KeyDirectory => Path.Combine(_root, "keys");

    [Fact]
    public async Task KeysInit_EmptyDirectory_CreatesKeysAndPrintsThePublicKeyPath()
    {
        var run = await Medledger.RunAsync("keys", "init", "--out", KeyDirectory);

        Assert.Equal(0, run.ExitCode);
        var publicKey = Path.Combine(KeyDirectory, "signing-key.pub.pem");
        Assert.Equal(4, run.Lines.Length);
        Assert.StartsWith($"created: {Path.Combine(KeyDirectory, "wrapping-key.pem")} (RSA key wrapping key local:wrapping-key/", run.Lines[0], StringComparison.Ordinal);
        Assert.StartsWith($"created: {Path.Combine(KeyDirectory, "signing-key.pem")} (ECDSA P-256", run.Lines[1], StringComparison.Ordinal);
        Assert.StartsWith($"created: {publicKey} ", run.Lines[2], StringComparison.Ordinal);
        Assert.Matches($"^public key: {publicKey} \\(signed-note key id [0-9a-f]{{8}}, SHA-256 fingerprint [0-9a-f]{{32}}\\)$", run.Lines[3]);
        Assert.Empty(run.Error);
    }

    [Fact]
    public async Task KeysInit_ThenSignAndVerify_TheCreatedPublicKeyVerifiesTheSigningKeysCheckpoints()
    {
        await Medledger.RunAsync("keys", "init", "--out", KeyDirectory);
        using var keys = await Infrastructure.Keys.DevelopmentKeyDirectory.LoadAsync(KeyDirectory, TestContext.Current.CancellationToken);
        using var signer = keys.CreateCheckpointSigner("medledger.test/log-0");
        var note = await new Ledger.Checkpoints.Checkpoint("medledger.test/log-0", 0, Ledger.Hashing.MerkleHash.EmptyRoot).SignAsync(signer, TestContext.Current.CancellationToken);
        var checkpoint = Path.Combine(_root, "c.note");
        await File.WriteAllTextAsync(checkpoint, note, TestContext.Current.CancellationToken);

        var run = await Medledger.RunAsync("checkpoint", "verify", "--checkpoint", checkpoint, "--key", Path.Combine(KeyDirectory, "signing-key.pub.pem"));

        Assert.Equal(0, run.ExitCode);
    }

    [Fact]
    public async Task KeysInit_KeysExist_RefusesNamingTheFileAndChangesNothing()
    {
        await Medledger.RunAsync("keys", "init", "--out", KeyDirectory);
        var before = Snapshot();

        var run = await Medledger.RunAsync("keys", "init", "--out", KeyDirectory);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
            $"error: The key file '{Path.Combine(KeyDirectory, "wrapping-key.pem")}' already exists; nothing was written (keys are never overwritten; use another --out or remove the old keys).\n",
            run.Error);
        Assert.Empty(run.Output);
        Assert.Equal(before, Snapshot());
    }

    [Fact]
    public async Task KeysInit_OnlyThePublicKeyExists_RefusesAndWritesNothing()
    {
        Directory.CreateDirectory(KeyDirectory);
        var foreign = Path.Combine(KeyDirectory, "signing-key.pub.pem");
        await File.WriteAllTextAsync(foreign, "mine", TestContext.Current.CancellationToken);

        var run = await Medledger.RunAsync("keys", "init", "--out", KeyDirectory);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"'{foreign}' already exists", run.Error, StringComparison.Ordinal);
        Assert.Equal([foreign], Directory.GetFiles(KeyDirectory));
        Assert.Equal("mine", await File.ReadAllTextAsync(foreign, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task KeysInit_OutIsAFile_ExitsOneWithAMessage()
    {
        Directory.CreateDirectory(_root);
        var file = Path.Combine(_root, "plain-file");
        await File.WriteAllTextAsync(file, "x", TestContext.Current.CancellationToken);

        var run = await Medledger.RunAsync("keys", "init", "--out", file);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"error: Cannot create keys in '{file}': ", run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.TrimEnd('\n').Split('\n'));
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private Dictionary<string, string> Snapshot() => Directory.GetFiles(KeyDirectory)
        .ToDictionary(path => path, path => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path))));
}
