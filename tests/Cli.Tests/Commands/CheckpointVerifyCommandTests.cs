using MedLedger.Cli.Tests.Support;
using MedLedger.Ledger.Checkpoints;
using MedLedger.Ledger.Hashing;
using MedLedger.Ledger.Merkle;

namespace MedLedger.Cli.Tests.Commands;

public sealed class CheckpointVerifyCommandTests : IAsyncLifetime
{
    private TestLedger _ledger = null!;

    public async ValueTask InitializeAsync() => _ledger = await TestLedger.CreateAsync(1000);

    public ValueTask DisposeAsync()
    {
        _ledger.Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task CheckpointVerify_Valid_ExitsZeroNamingOriginSizeRootAndSigner()
    {
        var checkpoint = await _ledger.WriteCheckpointAsync(1000);

        var head = await _ledger.Store.ReadHeadAsync(TestContext.Current.CancellationToken);

        var run = await Medledger.RunAsync("checkpoint", "verify", "--checkpoint", checkpoint, "--key", _ledger.PublicKeyPath);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            $"valid: checkpoint of '{TestLedger.LogName}' for 1000 entries (root {head.RootHash.ToBase64()}) signed by '{TestLedger.LogName}' ({_ledger.Signer.KeyId:x8})",
            run.FirstLine);
        Assert.Single(run.Lines);
    }

    [Fact]
    public async Task CheckpointVerify_AgainstOlderWithProof_SaysConsistent()
    {
        var older = await _ledger.WriteCheckpointAsync(300);
        var newer = await _ledger.WriteCheckpointAsync(1000);
        var proof = await _ledger.WriteConsistencyProofAsync(300, 1000);

        var run = await Medledger.RunAsync("checkpoint", "verify", "--checkpoint", newer, "--key", _ledger.PublicKeyPath, "--against", older, "--proof", proof);

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("valid: checkpoint of ", run.FirstLine, StringComparison.Ordinal);
        Assert.Matches(@"^consistent: the tree of 300 entries \(root [A-Za-z0-9+/]{43}=\) is a prefix of the tree of 1000 \(proof of \d+ hashes\)$", run.Lines[1]);
    }

    [Fact]
    public async Task CheckpointVerify_ForkedNewerCheckpoint_ReportsFork()
    {
        // A log that rewrote history: same signer, same older prefix size, a different tree for 1000.
        using var forked = await TestLedger.CreateAsync(0);
        await forked.AppendAsync(1000);
        var older = await _ledger.WriteCheckpointAsync(300);
        var forkRoot = await new Ledger.Tiles.TiledMerkleTree(new Ledger.Storage.LogStoreTileReader(forked.Store)).ReadRootHashAsync(999, TestContext.Current.CancellationToken);
        var forkedNote = await new Checkpoint(TestLedger.LogName, 1000, MerkleHash.Node(forkRoot, MerkleHash.Leaf("x"u8))).SignAsync(_ledger.Signer, TestContext.Current.CancellationToken);
        var newer = _ledger.WriteText("forked.note", forkedNote);
        var proof = await _ledger.WriteConsistencyProofAsync(300, 1000);

        var run = await Medledger.RunAsync("checkpoint", "verify", "--checkpoint", newer, "--key", _ledger.PublicKeyPath, "--against", older, "--proof", proof);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("invalid: checkpoints: fork: The consistency proof (", run.FirstLine, StringComparison.Ordinal);
        Assert.Contains("does not show that the tree of 300 entries is a prefix of the tree of 1000", run.FirstLine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckpointVerify_SameSizeDifferentRoots_ReportsFork()
    {
        var genuine = await _ledger.WriteCheckpointAsync(1000);
        var other = _ledger.WriteText(
            "other.note",
            await new Checkpoint(TestLedger.LogName, 1000, MerkleHash.Leaf("other"u8)).SignAsync(_ledger.Signer, TestContext.Current.CancellationToken));
        var proof = _ledger.WriteBytes("empty-proof.json", new ConsistencyProof(1000, 1000, []).ToJson());

        var run = await Medledger.RunAsync("checkpoint", "verify", "--checkpoint", other, "--key", _ledger.PublicKeyPath, "--against", genuine, "--proof", proof);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("invalid: checkpoints: fork: Both checkpoints are signed for size 1000 but their roots differ.", run.FirstLine);
    }

    [Fact]
    public async Task CheckpointVerify_ProofForOtherSizes_ReportsProofMismatch()
    {
        var older = await _ledger.WriteCheckpointAsync(300);
        var newer = await _ledger.WriteCheckpointAsync(1000);
        var proof = await _ledger.WriteConsistencyProofAsync(299, 1000);

        var run = await Medledger.RunAsync("checkpoint", "verify", "--checkpoint", newer, "--key", _ledger.PublicKeyPath, "--against", older, "--proof", proof);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("invalid: proof: proof-mismatch: The proof is from size 299 to 1000, but the checkpoints are for sizes 300 and 1000.", run.FirstLine);
    }

    [Fact]
    public async Task CheckpointVerify_MalformedProof_ReportsMalformedProof()
    {
        var older = await _ledger.WriteCheckpointAsync(300);
        var newer = await _ledger.WriteCheckpointAsync(1000);
        var proof = _ledger.WriteText("proof.json", "{\"from\":300,\"to\":1000,\"proof\":[]}");

        var run = await Medledger.RunAsync("checkpoint", "verify", "--checkpoint", newer, "--key", _ledger.PublicKeyPath, "--against", older, "--proof", proof);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("invalid: proof: malformed-proof: ", run.FirstLine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckpointVerify_OlderFromUnknownKey_NamesTheOlderCheckpoint()
    {
        using var stranger = LocalCheckpointSigner.Generate(TestLedger.LogName);
        var older = await _ledger.WriteCheckpointAsync(300, signer: stranger);
        var newer = await _ledger.WriteCheckpointAsync(1000);
        var proof = await _ledger.WriteConsistencyProofAsync(300, 1000);

        var run = await Medledger.RunAsync("checkpoint", "verify", "--checkpoint", newer, "--key", _ledger.PublicKeyPath, "--against", older, "--proof", proof);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("invalid: older checkpoint: unknown-key: ", run.FirstLine, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\n1000\n", "\n1001\n", "bad-signature")]
    [InlineData("medledger.test/log-0\n", "medledger.test/log-0\n\n", "bad-signature")]
    [InlineData("\n", "\r\n", "malformed-checkpoint")]
    [InlineData("\n\u2014 ", "\n-- ", "malformed-checkpoint")]
    public async Task CheckpointVerify_AlteredNote_ExitsTwoWithTheFault(string from, string to, string fault)
    {
        var note = await _ledger.SignCheckpointAsync(1000);
        var index = note.IndexOf(from, StringComparison.Ordinal);
        var altered = _ledger.WriteText("altered.note", note[..index] + to + note[(index + from.Length)..]);

        var run = await Medledger.RunAsync("checkpoint", "verify", "--checkpoint", altered, "--key", _ledger.PublicKeyPath);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"invalid: checkpoint: {fault}: ", run.FirstLine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckpointVerify_SignatureLineRenamed_UnknownForAPinnedNameButAcceptedForAPemKey()
    {
        // The name on a signature line is not signed (c2sp.org/signed-note); a PEM key carries no name, so only a
        // verifier key string pins it.
        var note = await _ledger.SignCheckpointAsync(1000);
        var renamed = _ledger.WriteText("renamed.note", note.Replace("\u2014 " + TestLedger.LogName + " ", "\u2014 impostor ", StringComparison.Ordinal));
        using var pinned = _ledger.Signer.CreateVerifierKey();

        var byPinnedName = await Medledger.RunAsync("checkpoint", "verify", "--checkpoint", renamed, "--key", pinned.ToString());
        var byPem = await Medledger.RunAsync("checkpoint", "verify", "--checkpoint", renamed, "--key", _ledger.PublicKeyPath);

        Assert.Equal(2, byPinnedName.ExitCode);
        Assert.StartsWith("invalid: checkpoint: unknown-key: ", byPinnedName.FirstLine, StringComparison.Ordinal);
        Assert.Equal(0, byPem.ExitCode);
        Assert.EndsWith($"signed by 'impostor' ({_ledger.Signer.KeyId:x8})", byPem.FirstLine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckpointVerify_WrongOrigin_ReportsLogMismatch()
    {
        var checkpoint = await _ledger.WriteCheckpointAsync(10);

        var run = await Medledger.RunAsync("checkpoint", "verify", "--checkpoint", checkpoint, "--key", _ledger.PublicKeyPath, "--log", "medledger.test/log-1");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("invalid: checkpoint: log-mismatch: ", run.FirstLine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckpointVerify_WitnessCosigned_ListsEveryTrustedSigner()
    {
        using var witness = LocalCheckpointSigner.Generate("witness.example/w1");
        var root = await new Ledger.Tiles.TiledMerkleTree(new Ledger.Storage.LogStoreTileReader(_ledger.Store)).ReadRootHashAsync(1000, TestContext.Current.CancellationToken);
        var note = await new Checkpoint(TestLedger.LogName, 1000, root).SignAsync([_ledger.Signer, witness], TestContext.Current.CancellationToken);
        var checkpoint = _ledger.WriteText("cosigned.note", note);
        var witnessKey = _ledger.WriteText("witness.pub.pem", witness.ExportPublicKeyPem());

        var run = await Medledger.RunAsync("checkpoint", "verify", "--checkpoint", checkpoint, "--key", _ledger.PublicKeyPath, witnessKey);

        Assert.Equal(0, run.ExitCode);
        Assert.EndsWith($"signed by '{TestLedger.LogName}' ({_ledger.Signer.KeyId:x8}), 'witness.example/w1' ({witness.KeyId:x8})", run.FirstLine, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "checkpoint", "verify", "--checkpoint", "c.note", "--key", "k.pem", "--against", "o.note" }, "--against and --proof go together")]
    [InlineData(new[] { "checkpoint", "verify", "--checkpoint", "c.note", "--key", "k.pem", "--proof", "p.json" }, "--against and --proof go together")]
    [InlineData(new[] { "checkpoint", "verify", "--key", "k.pem" }, "Option '--checkpoint' is required.")]
    [InlineData(new[] { "checkpoint" }, "Required command was not provided.")]
    public async Task CheckpointVerify_BadArguments_ExitOne(string[] args, string message)
    {
        var run = await Medledger.RunAsync(args);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("error: " + message, run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Output);
    }

    [Fact]
    public async Task CheckpointVerify_MissingCheckpointFile_ExitsOne()
    {
        var run = await Medledger.RunAsync("checkpoint", "verify", "--checkpoint", _ledger.PathOf("x.note"), "--key", _ledger.PublicKeyPath);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"error: The checkpoint file '{_ledger.PathOf("x.note")}' does not exist.\n", run.Error);
    }
}
