using MedLedger.Cli.Tests.Support;
using MedLedger.Clients.Tables;
using MedLedger.Ledger.Checkpoints;
using MedLedger.Testing.Azurite;

namespace MedLedger.Cli.Tests.Commands;

public sealed class VerifyCommandConnectionTests(AzuriteFixture azurite)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task VerifyConnection_IntactLog_ExitsZeroCoveringEveryEntry()
    {
        using var log = await LiveTestLog.CreateAsync(azurite, 120, 50, 120);

        var run = await Medledger.RunAsync(log.VerifyArguments());

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("valid: 120 entries verified (root ", run.FirstLine, StringComparison.Ordinal);
        Assert.EndsWith("all of them are covered by a signed checkpoint.", run.FirstLine, StringComparison.Ordinal);
        Assert.Empty(run.Error);
    }

    [Fact]
    public async Task VerifyConnection_EntryChangedInTheTable_NamesThatIndex()
    {
        using var log = await LiveTestLog.CreateAsync(azurite, 120, 120);
        await log.TamperEntryAsync(41, text => text.Replace("\"actor\":\"clinic:", "\"actor\":\"clinix:", StringComparison.Ordinal));

        var run = await Medledger.RunAsync(log.VerifyArguments());

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("invalid: entry 41: changed-entry: Entry 41 was changed", run.FirstLine, StringComparison.Ordinal);
        Assert.Equal("intact: entries 0 to 40 (41 entries, 0 of them covered by a signed checkpoint)", run.Lines[1]);
    }

    [Fact]
    public async Task VerifyConnection_LastEntryChangedBeyondTheCheckpoint_IsCaughtByTheHeadRoot()
    {
        // Entry 119 is the last one and no checkpoint covers it; only the head's root can tell.
        using var log = await LiveTestLog.CreateAsync(azurite, 120, 100);
        await log.TamperEntryAsync(119, text => text.Replace("\"actor\":\"clinic:", "\"actor\":\"clinix:", StringComparison.Ordinal));

        var run = await Medledger.RunAsync(log.VerifyArguments());

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("invalid: entry 119: ", run.FirstLine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyConnection_EntryRowDeleted_ReportsTheGap()
    {
        using var log = await LiveTestLog.CreateAsync(azurite, 80, 80);
        await log.Table.DeleteEntityAsync(log.Store.PartitionKey, LiveTestLog.EntryRowKey(30), cancellationToken: Token);

        var run = await Medledger.RunAsync(log.VerifyArguments());

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("invalid: entry 30: gap: Entry 30 is missing", run.FirstLine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyConnection_StoredCheckpointFromAnotherKey_ReportsUnknownKeyNamingIt()
    {
        using var log = await LiveTestLog.CreateAsync(azurite, 60, 30);
        using var stranger = LocalCheckpointSigner.Generate(log.LogName);
        await log.SaveCheckpointAsync(60, stranger);

        var run = await Medledger.RunAsync(log.VerifyArguments());

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("invalid: checkpoints: unknown-key: Checkpoint 2: ", run.FirstLine, StringComparison.Ordinal);
        Assert.Equal(["checkpoint 1: stored checkpoint for tree size 30", "checkpoint 2: stored checkpoint for tree size 60"], run.Lines[1..]);
    }

    [Fact]
    public async Task VerifyConnection_HeadRowRewritten_ReportsTheMismatch()
    {
        using var log = await LiveTestLog.CreateAsync(azurite, 40, 40);
        var head = await log.Table.GetEntityAsync(log.Store.PartitionKey, "head", Token);
        head["Size"] = TableValue.FromInt64(45);
        await log.Table.UpdateEntityAsync(head, head.ETag, TableUpdateMode.Replace, Token);

        var run = await Medledger.RunAsync(log.VerifyArguments());

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("invalid: entry 40: truncated: The store's head says 45 entries but it returned 40.", run.FirstLine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyConnection_RowNotOfTheLayout_ReportsMalformedRow()
    {
        using var log = await LiveTestLog.CreateAsync(azurite, 20, 20);
        var row = await log.Table.GetEntityAsync(log.Store.PartitionKey, LiveTestLog.EntryRowKey(7), Token);
        row["FormatVersion"] = TableValue.FromInt32(99);
        await log.Table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, Token);

        var run = await Medledger.RunAsync(log.VerifyArguments());

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("invalid: storage: malformed-row: ", run.FirstLine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyConnection_UnknownLog_ExitsOneSuggestingTheName()
    {
        using var log = await LiveTestLog.CreateAsync(azurite, 1);

        var run = await Medledger.RunAsync("verify", "--connection", log.ConnectionString, "--table", log.TableName, "--log", "medledger.test/typo", "--key", log.PublicKeyPath);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"error: The log 'medledger.test/typo' has no entries and no checkpoints in the table '{log.TableName}': check --log and --connection.\n", run.Error);
    }

    [Fact]
    public async Task VerifyConnection_MissingTable_ExitsOne()
    {
        using var log = await LiveTestLog.CreateAsync(azurite, 1);

        var run = await Medledger.RunAsync("verify", "--connection", log.ConnectionString, "--table", "nosuchtable1", "--log", log.LogName, "--key", log.PublicKeyPath);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("error: The table 'nosuchtable1' does not exist in this storage account.\n", run.Error);
    }

    [Theory]
    [InlineData("AccountName=x;AccountKey=not*base64", "The connection string is not usable: ")]
    [InlineData("", "The connection string is not usable: ")]
    public async Task VerifyConnection_BadConnectionString_ExitsOneWithoutEchoingIt(string connection, string message)
    {
        var key = Path.GetTempFileName();
        try
        {
            var run = await Medledger.RunAsync("verify", "--connection", connection, "--log", "medledger.test/x", "--key", key);

            Assert.Equal(1, run.ExitCode);
            Assert.StartsWith("error: ", run.Error, StringComparison.Ordinal);
            Assert.Single(run.Error.TrimEnd('\n').Split('\n'));
            if (connection.Length > 0)
            {
                Assert.DoesNotContain("not*base64", run.Error, StringComparison.Ordinal);
                Assert.Contains(message, run.Error, StringComparison.Ordinal);
            }
        }
        finally
        {
            File.Delete(key);
        }
    }

    [Theory]
    [InlineData(new[] { "verify", "--connection", "UseDevelopmentStorage=true", "--key", "k.pem" }, "--connection needs --log <name>")]
    [InlineData(new[] { "verify", "--connection", "UseDevelopmentStorage=true", "--log", "l" }, "--connection needs --log <name> and at least one --key")]
    [InlineData(new[] { "verify", "--connection", "UseDevelopmentStorage=true", "--log", "l", "--key", "k", "--checkpoint", "c" }, "--checkpoint goes with --file")]
    [InlineData(new[] { "verify", "--connection", "UseDevelopmentStorage=true", "--file", "x.jsonl" }, "either --file <export.jsonl> or --connection")]
    [InlineData(new[] { "verify", "--file", "x.jsonl", "--table", "t" }, "--table goes with --connection")]
    public async Task VerifyConnection_BadArgumentCombinations_ExitOne(string[] args, string message)
    {
        var run = await Medledger.RunAsync(args);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyConnection_Progress_CountsAgainstTheHead()
    {
        using var log = await LiveTestLog.CreateAsync(azurite, 30, 30);
        var environment = new CliEnvironment { TimeProvider = new TickingTimeProvider(TimeSpan.FromSeconds(2)) };

        var run = await Medledger.RunAsync(environment, [.. log.VerifyArguments(), "--progress"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"^progress: 30 of 30 entries verified \(100%, [\d,]+/s\)$", run.Error.Split('\n')[0]);
    }

    [Fact]
    public async Task VerifyConnection_EntryBytesGainANewline_IsMalformedAtThatIndex()
    {
        using var log = await LiveTestLog.CreateAsync(azurite, 10, 10);
        await log.TamperEntryAsync(4, text => text + "\n");

        var run = await Medledger.RunAsync(log.VerifyArguments());

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("invalid: entry 4: malformed-entry: ", run.FirstLine, StringComparison.Ordinal);
    }
}
