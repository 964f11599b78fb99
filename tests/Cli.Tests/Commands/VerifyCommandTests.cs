using System.Text;
using MedLedger.Cli.Tests.Support;
using MedLedger.Ledger.Checkpoints;
using MedLedger.Testing.Time;

namespace MedLedger.Cli.Tests.Commands;

public sealed class VerifyCommandTests : IAsyncLifetime
{
    private const int Size = 100;
    private TestLedger _ledger = null!;
    private string _export = null!;

    public async ValueTask InitializeAsync()
    {
        _ledger = await TestLedger.CreateAsync(Size);
        _export = await _ledger.ExportAsync();
    }

    public ValueTask DisposeAsync()
    {
        _ledger.Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Verify_IntactExportWithCheckpoints_ExitsZeroAndSaysValid()
    {
        var early = await _ledger.WriteCheckpointAsync(40);
        var full = await _ledger.WriteCheckpointAsync(Size);

        var run = await Medledger.RunAsync("verify", "--file", _export, "--checkpoint", early, full, "--key", _ledger.PublicKeyPath);

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("valid: 100 entries verified (root ", run.FirstLine, StringComparison.Ordinal);
        Assert.EndsWith("all of them are covered by a signed checkpoint.", run.FirstLine, StringComparison.Ordinal);
        Assert.Single(run.Lines);
        Assert.Empty(run.Error);
    }

    [Fact]
    public async Task Verify_CheckpointOlderThanTheExport_SaysHowMuchIsSigned()
    {
        var checkpoint = await _ledger.WriteCheckpointAsync(64);

        var run = await Medledger.RunAsync("verify", "--file", _export, "--checkpoint", checkpoint, "--key", _ledger.PublicKeyPath);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("the first 64 are covered by a signed checkpoint", run.FirstLine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_NoCheckpoint_IsValidButSaysNotAuthenticated()
    {
        var run = await Medledger.RunAsync("verify", "--file", _export);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("not authenticated", run.FirstLine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_ChangedEntry_ExitsTwoNamingTheEntry()
    {
        var checkpoint = await _ledger.WriteCheckpointAsync(Size);
        var lines = TestLedger.ReadLines(_export);
        lines[41] = Replace(lines[41], "\"actor\":\"clinic:", "\"actor\":\"clinix:");
        TestLedger.WriteLines(_export, lines);

        var run = await Medledger.RunAsync("verify", "--file", _export, "--checkpoint", checkpoint, "--key", _ledger.PublicKeyPath);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("invalid: entry 41: changed-entry: Entry 41 was changed", run.FirstLine, StringComparison.Ordinal);
        Assert.Equal("intact: entries 0 to 40 (41 entries, 0 of them covered by a signed checkpoint)", run.Lines[1]);
        Assert.Empty(run.Error);
    }

    [Fact]
    public async Task Verify_OneByteBreaksTheJson_ReportsMalformedEntry()
    {
        var lines = TestLedger.ReadLines(_export);
        lines[7][^1] = (byte)']';
        TestLedger.WriteLines(_export, lines);

        var run = await Medledger.RunAsync("verify", "--file", _export);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("invalid: entry 7: malformed-entry: ", run.FirstLine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_DeletedLine_ReportsGapAtThatIndex()
    {
        var lines = TestLedger.ReadLines(_export);
        lines.RemoveAt(30);
        TestLedger.WriteLines(_export, lines);

        var run = await Medledger.RunAsync("verify", "--file", _export);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("invalid: entry 30: gap: Entry 30 is missing", run.FirstLine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_SwappedLines_ReportsReorderedAtTheFirst()
    {
        var lines = TestLedger.ReadLines(_export);
        (lines[50], lines[51]) = (lines[51], lines[50]);
        TestLedger.WriteLines(_export, lines);

        var run = await Medledger.RunAsync("verify", "--file", _export);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("invalid: entry 50: reordered: ", run.FirstLine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_ExportShorterThanACheckpoint_ReportsTruncatedAtTheFirstMissingIndex()
    {
        var checkpoint = await _ledger.WriteCheckpointAsync(Size);
        var shorter = await _ledger.ExportAsync("short.jsonl", size: 90);

        var run = await Medledger.RunAsync("verify", "--file", shorter, "--checkpoint", checkpoint, "--key", _ledger.PublicKeyPath);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("invalid: entry 90: truncated: The log has 90 entries but checkpoint 1 is signed for 100", run.FirstLine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_CheckpointFromAnotherKey_ReportsUnknownKey()
    {
        using var other = LocalCheckpointSigner.Generate(TestLedger.LogName);
        var checkpoint = await _ledger.WriteCheckpointAsync(Size, signer: other);

        var run = await Medledger.RunAsync("verify", "--file", _export, "--checkpoint", checkpoint, "--key", _ledger.PublicKeyPath);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("invalid: checkpoints: unknown-key: Checkpoint 1: ", run.FirstLine, StringComparison.Ordinal);
        Assert.Equal("checkpoint 1: " + checkpoint, run.Lines[1]);
    }

    [Fact]
    public async Task Verify_AlteredCheckpointSize_ReportsBadSignature()
    {
        var note = await _ledger.SignCheckpointAsync(Size);
        var altered = _ledger.WriteText("altered.note", note.Replace("\n100\n", "\n99\n", StringComparison.Ordinal));

        var run = await Medledger.RunAsync("verify", "--file", _export, "--checkpoint", altered, "--key", _ledger.PublicKeyPath);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("invalid: checkpoints: bad-signature: ", run.FirstLine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_CheckpointNotUtf8_ReportsMalformedCheckpoint()
    {
        var checkpoint = _ledger.WriteBytes("binary.note", [0xff, 0xfe, 0x00, 0x0a]);

        var run = await Medledger.RunAsync("verify", "--file", _export, "--checkpoint", checkpoint, "--key", _ledger.PublicKeyPath);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("invalid: checkpoints: malformed-checkpoint: ", run.FirstLine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_TwoCheckpointsForOneSizeWithDifferentRoots_ReportsFork()
    {
        var genuine = await _ledger.WriteCheckpointAsync(Size);
        using var forkedLedger = await TestLedger.CreateAsync(0);
        var forkedNote = await new Checkpoint(TestLedger.LogName, Size, Ledger.Hashing.MerkleHash.Leaf("forked"u8)).SignAsync(_ledger.Signer, TestContext.Current.CancellationToken);
        var forked = _ledger.WriteText("forked.note", forkedNote);

        var run = await Medledger.RunAsync("verify", "--file", _export, "--checkpoint", genuine, forked, "--key", _ledger.PublicKeyPath);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("invalid: checkpoints: fork: Checkpoints 1 and 2 are both validly signed for size 100", run.FirstLine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_ExpectedLogDiffers_ReportsLogMismatch()
    {
        var run = await Medledger.RunAsync("verify", "--file", _export, "--log", "medledger.test/other");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("invalid: entry 0: log-mismatch: ", run.FirstLine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_KeyAsNoteVerifierString_PinsTheName()
    {
        var checkpoint = await _ledger.WriteCheckpointAsync(Size);
        using var key = _ledger.Signer.CreateVerifierKey();
        using var wrongName = CheckpointVerifierKey.FromPublicKeyInfo("someone-else", key.PublicKeyInfo.Span);

        var right = await Medledger.RunAsync("verify", "--file", _export, "--checkpoint", checkpoint, "--key", key.ToString());
        var wrong = await Medledger.RunAsync("verify", "--file", _export, "--checkpoint", checkpoint, "--key", wrongName.ToString());

        Assert.Equal(0, right.ExitCode);
        Assert.Equal(2, wrong.ExitCode);
        Assert.StartsWith("invalid: checkpoints: unknown-key: ", wrong.FirstLine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_SeveralKeysForRotation_AcceptsCheckpointsFromEither()
    {
        using var next = LocalCheckpointSigner.Generate(TestLedger.LogName);
        var nextKey = _ledger.WriteText("next.pub.pem", next.ExportPublicKeyPem());
        var old = await _ledger.WriteCheckpointAsync(50);
        var current = await _ledger.WriteCheckpointAsync(Size, signer: next);

        var run = await Medledger.RunAsync("verify", "--file", _export, "--checkpoint", old, "--checkpoint", current, "--key", _ledger.PublicKeyPath, "--key", nextKey);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("all of them are covered by a signed checkpoint", run.FirstLine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_MissingExport_ExitsOneWithOneLineOnStderr()
    {
        var missing = _ledger.PathOf("nope.jsonl");

        var run = await Medledger.RunAsync("verify", "--file", missing);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"error: The export file '{missing}' does not exist.\n", run.Error);
        Assert.Empty(run.Output);
    }

    [Fact]
    public async Task Verify_MissingCheckpointFile_ExitsOne()
    {
        var run = await Medledger.RunAsync("verify", "--file", _export, "--checkpoint", _ledger.PathOf("none.note"), "--key", _ledger.PublicKeyPath);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("error: The checkpoint file '", run.Error, StringComparison.Ordinal);
        Assert.EndsWith("' does not exist.\n", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not a pem", "holds no PEM 'PUBLIC KEY' block")]
    [InlineData("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n", "cannot be read")]
    public async Task Verify_MalformedPem_ExitsOneNamingTheFile(string pem, string reason)
    {
        var checkpoint = await _ledger.WriteCheckpointAsync(Size);
        var key = _ledger.WriteText("bad.pem", pem);

        var run = await Medledger.RunAsync("verify", "--file", _export, "--checkpoint", checkpoint, "--key", key);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"error: The key file '{key}' is not an ECDSA P-256 public key PEM: ", run.Error, StringComparison.Ordinal);
        Assert.Contains(reason, run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.TrimEnd('\n').Split('\n'));
        Assert.Empty(run.Output);
    }

    [Fact]
    public async Task Verify_PrivateKeyGivenAsKey_SaysToUseThePublicKey()
    {
        var checkpoint = await _ledger.WriteCheckpointAsync(Size);
        var key = _ledger.WriteText("private.pem", _ledger.Signer.ExportPrivateKeyPem());

        var run = await Medledger.RunAsync("verify", "--file", _export, "--checkpoint", checkpoint, "--key", key);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("It holds a private key: give the public key", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_P384PublicKey_ExitsOne()
    {
        using var p384 = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP384);
        var key = _ledger.WriteText("p384.pem", p384.ExportSubjectPublicKeyInfoPem());
        var checkpoint = await _ledger.WriteCheckpointAsync(Size);

        var run = await Medledger.RunAsync("verify", "--file", _export, "--checkpoint", checkpoint, "--key", key);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("not an ECDSA P-256 key", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "verify" }, "Give the log to verify with either --file <export.jsonl> or --connection <connection string>.")]
    [InlineData(new[] { "verify", "--file" }, "Required argument missing for option: '--file'")]
    [InlineData(new[] { "verify", "--file", "x.jsonl", "--checkpoint", "c.note" }, "--checkpoint needs at least one --key")]
    [InlineData(new[] { "verify", "--file", "x.jsonl", "--bogus" }, "Unrecognized command or argument '--bogus'")]
    [InlineData(new[] { "verify", "--file", "x.jsonl", "--key", "k.pem", "--chekpoint", "c.note" }, "'--chekpoint' is not a value for --key")]
    public async Task Verify_BadArguments_ExitOneWithOneLineNamingTheProblem(string[] args, string message)
    {
        var run = await Medledger.RunAsync(args);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("error: ", run.Error, StringComparison.Ordinal);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.EndsWith("(see 'medledger verify --help')\n", run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.TrimEnd('\n').Split('\n'));
        Assert.Empty(run.Output);
    }

    [Fact]
    public async Task Verify_Progress_WritesLinesToStderrOnlyAndKeepsTheVerdictFirst()
    {
        var clock = new TickingTimeProvider(TimeSpan.FromMilliseconds(700));
        var environment = new CliEnvironment { TimeProvider = clock, MaxDegreeOfParallelism = 1 };
        using var large = await TestLedger.CreateAsync(20_000);
        var export = await large.ExportAsync();

        var quiet = await Medledger.RunAsync(environment, "verify", "--file", export);
        var loud = await Medledger.RunAsync(environment, "verify", "--file", export, "--progress");
        var terminal = await Medledger.RunAsync(new CliEnvironment { TimeProvider = clock, IsErrorInteractive = true }, "verify", "--file", export);

        Assert.Empty(quiet.Error);
        Assert.StartsWith("valid: 20000 entries verified", loud.FirstLine, StringComparison.Ordinal);
        var progress = loud.Error.TrimEnd('\n').Split('\n');
        Assert.NotEmpty(progress);
        Assert.All(progress, line => Assert.Matches(@"^progress: [\d,]+ entries verified \([\d,]+/s\), [\d.]+ of [\d.]+ MiB read \(\d+%\)$", line));
        Assert.StartsWith("progress: ", terminal.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_ExportWithoutFinalNewline_IsValid()
    {
        var bytes = await File.ReadAllBytesAsync(_export, TestContext.Current.CancellationToken);
        var trimmed = _ledger.WriteBytes("trimmed.jsonl", bytes[..^1]);

        var run = await Medledger.RunAsync("verify", "--file", trimmed);

        Assert.Equal(0, run.ExitCode);
    }

    [Fact]
    public async Task Verify_HostileControlCharactersInAnEntry_AreNotPrintedRaw()
    {
        var lines = TestLedger.ReadLines(_export);
        lines[3] = Encoding.UTF8.GetBytes("\u001b[2Jvalid: fake\u001b[0m");
        TestLedger.WriteLines(_export, lines);

        var run = await Medledger.RunAsync("verify", "--file", _export);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("invalid: entry 3: malformed-entry: ", run.FirstLine, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', run.Output);
    }

    private static byte[] Replace(byte[] line, string from, string to)
    {
        var text = Encoding.UTF8.GetString(line);
        Assert.Contains(from, text, StringComparison.Ordinal);
        return Encoding.UTF8.GetBytes(text.Replace(from, to, StringComparison.Ordinal));
    }
}
