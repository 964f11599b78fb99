using System.CommandLine;
using System.CommandLine.Help;
using MedLedger.Cli.Commands;

namespace MedLedger.Cli;

/// <summary>Composes the <c>medledger</c> command tree from the verbs in <c>Commands/</c>, one file per verb.</summary>
/// <remarks>
/// The root is a plain <see cref="Command"/> named <c>medledger</c> with help and version options, rather than a
/// <see cref="RootCommand"/>, whose name is the host executable's (<c>testhost</c> under tests, <c>MedLedger.Cli</c>
/// when run from the build output). The help option is recursive, so every verb has <c>--help</c>.
/// To add a verb: write <c>Commands/XxxCommand.cs</c> with a <c>Create(CliEnvironment)</c> method and add one line here.
/// </remarks>
internal static class CliCommands
{
    public const string Name = "medledger";

    public static Command CreateRoot(CliEnvironment environment)
    {
        var root = new Command(Name, "Verify MedLedger logs, receipts and checkpoints offline; export logs; create development keys.")
        {
            Options = { new HelpOption(), new VersionOption() },
        };
        root.Subcommands.Add(VerifyCommand.Create(environment));
        root.Subcommands.Add(ExportCommand.Create(environment));
        root.Subcommands.Add(Group("receipt", "Work with receipts (proofs that one entry is in the log).", ReceiptVerifyCommand.Create()));
        root.Subcommands.Add(Group("checkpoint", "Work with signed checkpoints (C2SP signed notes).", CheckpointVerifyCommand.Create()));
        root.Subcommands.Add(Group("keys", "Manage local development keys.", KeysInitCommand.Create()));
        return root;
    }

    private static Command Group(string name, string description, params IEnumerable<Command> verbs)
    {
        var group = new Command(name, description);
        foreach (var verb in verbs)
        {
            group.Subcommands.Add(verb);
        }

        return group;
    }
}
