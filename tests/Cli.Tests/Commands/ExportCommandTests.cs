using MedLedger.Cli.Tests.Support;
using MedLedger.Testing.Azurite;

namespace MedLedger.Cli.Tests.Commands;

public sealed class ExportCommandTests(AzuriteFixture azurite)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Export_IntactLog_WritesTheStoredBytesAndCheckpointsThatVerifyTheSame()
    {
        using var log = await LiveTestLog.CreateAsync(azurite, 150, 64, 150);
        var export = log.Files.PathOf("log.jsonl");
        var checkpoints = log.Files.PathOf("checkpoints");

        var run = await Medledger.RunAsync(ExportArguments(log, export, checkpoints));

        Assert.Equal(0, run.ExitCode);
        Assert.Equal([$"exported: 150 entries of log '{log.LogName}' to {export}", $"exported: 2 checkpoints to {checkpoints}"], run.Lines);
        Assert.Empty(run.Error);
        var stored = await log.Store.ReadEntriesAsync(0, 150, Token).Select(e => e.Bytes.ToArray()).ToListAsync(Token);
        Assert.Equal(stored, TestLedger.ReadLines(export));
        Assert.Equal(["checkpoint-150.note", "checkpoint-64.note"], Directory.GetFiles(checkpoints).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(await log.Store.ReadLatestCheckpointAsync(Token) is { } latest ? latest.SignedNote : null, await File.ReadAllTextAsync(Path.Combine(checkpoints, "checkpoint-150.note"), Token));

        var fromFile = await Medledger.RunAsync(["verify", "--file", export, "--checkpoint", .. Directory.GetFiles(checkpoints), "--key", log.PublicKeyPath]);
        var fromStorage = await Medledger.RunAsync(log.VerifyArguments());
        Assert.Equal(0, fromFile.ExitCode);
        Assert.Equal(fromStorage.FirstLine, fromFile.FirstLine);
    }

    [Fact]
    public async Task Export_TamperedLog_VerifyFileGivesTheSameVerdictAsVerifyConnection()
    {
        using var log = await LiveTestLog.CreateAsync(azurite, 90, 90);
        await log.TamperEntryAsync(33, text => text.Replace("\"actor\":\"clinic:", "\"actor\":\"clinix:", StringComparison.Ordinal));
        var export = log.Files.PathOf("log.jsonl");
        var checkpoints = log.Files.PathOf("checkpoints");

        var exported = await Medledger.RunAsync(ExportArguments(log, export, checkpoints));
        var fromFile = await Medledger.RunAsync(["verify", "--file", export, "--checkpoint", .. Directory.GetFiles(checkpoints), "--key", log.PublicKeyPath]);
        var fromStorage = await Medledger.RunAsync(log.VerifyArguments());

        Assert.Equal(0, exported.ExitCode);
        Assert.Equal(2, fromFile.ExitCode);
        Assert.StartsWith("invalid: entry 33: changed-entry: ", fromFile.FirstLine, StringComparison.Ordinal);
        Assert.Equal(fromStorage.Output, fromFile.Output.Replace("checkpoint 1: " + Path.Combine(checkpoints, "checkpoint-90.note"), "checkpoint 1: stored checkpoint for tree size 90", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Export_OutExists_RefusesAndLeavesItAlone()
    {
        using var log = await LiveTestLog.CreateAsync(azurite, 5);
        var export = log.Files.WriteText("log.jsonl", "mine");

        var run = await Medledger.RunAsync(ExportArguments(log, export, null));

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"error: '{export}' already exists; an export never overwrites a file.\n", run.Error);
        Assert.Equal("mine", await File.ReadAllTextAsync(export, Token));
    }

    [Fact]
    public async Task Export_CheckpointFileExists_WritesNothingAtAll()
    {
        using var log = await LiveTestLog.CreateAsync(azurite, 12, 12);
        var export = log.Files.PathOf("log.jsonl");
        var checkpoints = log.Files.PathOf("checkpoints");
        Directory.CreateDirectory(checkpoints);
        var existing = Path.Combine(checkpoints, "checkpoint-12.note");
        await File.WriteAllTextAsync(existing, "old", Token);

        var run = await Medledger.RunAsync(ExportArguments(log, export, checkpoints));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"'{existing}' already exists", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(export));
        Assert.Equal([existing], Directory.GetFiles(checkpoints));
    }

    [Fact]
    public async Task Export_EntryWithANewlineByte_FailsWithoutLeavingAFile()
    {
        using var log = await LiveTestLog.CreateAsync(azurite, 10);
        await log.TamperEntryAsync(6, text => text.Insert(10, "\n"));
        var export = log.Files.PathOf("log.jsonl");

        var run = await Medledger.RunAsync(ExportArguments(log, export, null));

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("error: Entry 6 holds a newline byte", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(export));
        Assert.Equal(["live.pub.pem"], Directory.GetFiles(log.Files.Directory).Select(Path.GetFileName).Where(n => n != "log.pub.pem"));
    }

    [Fact]
    public async Task Export_UnknownLog_ExitsOne()
    {
        using var log = await LiveTestLog.CreateAsync(azurite, 1);

        var run = await Medledger.RunAsync("export", "--connection", log.ConnectionString, "--table", log.TableName, "--log", "medledger.test/none", "--out", log.Files.PathOf("x.jsonl"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("has no entries and no checkpoints", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(log.Files.PathOf("x.jsonl")));
    }

    [Theory]
    [InlineData(new[] { "export", "--log", "l", "--out", "x" }, "Option '--connection' is required.")]
    [InlineData(new[] { "export", "--connection", "c", "--out", "x" }, "Option '--log' is required.")]
    [InlineData(new[] { "export", "--connection", "c", "--log", "l" }, "Option '--out' is required.")]
    public async Task Export_MissingOptions_ExitOne(string[] args, string message)
    {
        var run = await Medledger.RunAsync(args);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"error: {message} (see 'medledger export --help')\n", run.Error);
    }

    private static string[] ExportArguments(LiveTestLog log, string export, string? checkpoints) =>
        ["export", "--connection", log.ConnectionString, "--table", log.TableName, "--log", log.LogName, "--out", export, .. checkpoints is null ? Array.Empty<string>() : ["--checkpoints-out", checkpoints]];
}
