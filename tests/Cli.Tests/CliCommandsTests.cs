using System.CommandLine;
using MedLedger.Cli.Tests.Support;

namespace MedLedger.Cli.Tests;

public sealed class CliCommandsTests
{
    public static TheoryData<string> CommandPaths()
    {
        var paths = new TheoryData<string>();
        Walk(CliCommands.CreateRoot(new CliEnvironment()), []);
        return paths;

        void Walk(Command command, List<string> path)
        {
            paths.Add(string.Join(' ', path));
            foreach (var child in command.Subcommands)
            {
                Walk(child, [.. path, child.Name]);
            }
        }
    }

    [Fact]
    public void CreateRoot_HasEveryVerbOfTheContract()
    {
        var paths = CommandPaths().Select(row => row.Data).ToList();

        Assert.Superset(
            new HashSet<string>(["", "verify", "export", "receipt", "receipt verify", "checkpoint", "checkpoint verify", "keys", "keys init"]),
            paths.ToHashSet());
    }

    [Theory]
    [MemberData(nameof(CommandPaths))]
    public async Task Help_EveryCommand_PrintsUsageAndEveryOptionAndExitsZero(string path)
    {
        var command = Find(path);
        string[] words = path.Length == 0 ? [] : path.Split(' ');

        foreach (var flag in new[] { "--help", "-h" })
        {
            var run = await Medledger.RunAsync([.. words, flag]);

            Assert.Equal(0, run.ExitCode);
            Assert.Empty(run.Error);
            Assert.Contains("Usage:\n  medledger" + (path.Length == 0 ? string.Empty : " " + path), run.Output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
            Assert.Contains(command.Description!, run.Output.ReplaceLineEndings(" "), StringComparison.Ordinal);
            foreach (var option in command.Options)
            {
                Assert.Contains(option.Name, run.Output, StringComparison.Ordinal);
            }

            foreach (var child in command.Subcommands)
            {
                Assert.Contains(child.Name, run.Output, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task Help_WithOtherwiseInvalidArguments_StillPrintsHelp()
    {
        var run = await Medledger.RunAsync("verify", "--checkpoint", "x.note", "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("--checkpoint", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoArguments_ExitsOneAskingForACommand()
    {
        var run = await Medledger.RunAsync();

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("error: Required command was not provided. (see 'medledger --help')\n", run.Error);
        Assert.Empty(run.Output);
    }

    [Fact]
    public async Task UnknownVerb_ExitsOne()
    {
        var run = await Medledger.RunAsync("verfiy");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("error: ", run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public async Task Version_PrintsOneLineAndExitsZero()
    {
        var run = await Medledger.RunAsync("--version");

        Assert.Equal(0, run.ExitCode);
        Assert.Single(run.Lines);
        Assert.Matches(@"^\d+\.\d+\.\d+", run.FirstLine);
    }

    private static Command Find(string path)
    {
        var command = CliCommands.CreateRoot(new CliEnvironment());
        foreach (var word in path.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            command = command.Subcommands.Single(c => c.Name == word);
        }

        return command;
    }
}
