using System.CommandLine;
using System.CommandLine.Parsing;

namespace MedLedger.Cli.Commands;

/// <summary>Options shared by several verbs, so they are spelled and explained the same way everywhere.</summary>
internal static class CommonOptions
{
    public static Option<string[]> Keys(bool required) => Repeatable(
        "--key",
        "public.pem",
        "A trusted checkpoint key: a PEM 'PUBLIC KEY' file (ECDSA P-256), or a note verifier key 'name+hhhhhhhh+base64'. Repeat for rotated keys or witnesses.",
        required);

    public static Option<string?> Log(string description = "The expected log name (checkpoint origin). Default: taken from the checkpoints, else from entry 0.") => new("--log")
    {
        HelpName = "name",
        Description = description,
    };

    public static Option<string> Connection() => new("--connection")
    {
        HelpName = "connection string",
        Description = "A storage connection string (UseDevelopmentStorage=true for Azurite) to read the live log from Table Storage.",
    };

    public static Option<string> Table() => new("--table")
    {
        HelpName = "name",
        Description = "The table holding the logs.",
        DefaultValueFactory = _ => Infrastructure.Ledger.TableLogStore.DefaultTableName,
    };

    public static Option<bool> Progress() => new("--progress")
    {
        Description = "Print a progress line to stderr every second even when stderr is redirected (shown by default on a terminal).",
    };

    public static Option<string> RequiredFile(string name, string helpName, string description) => new(name)
    {
        HelpName = helpName,
        Description = description,
        Required = true,
        Validators = { RejectOptionLikeValues },
    };

    public static Option<string?> OptionalFile(string name, string helpName, string description) => new(name)
    {
        HelpName = helpName,
        Description = description,
        Validators = { RejectOptionLikeValues },
    };

    /// <summary>An option that may be repeated and may take several values after one flag (for shell globs).</summary>
    public static Option<string[]> Repeatable(string name, string helpName, string description, bool required) => new(name)
    {
        HelpName = helpName,
        Description = description,
        Required = required,
        Arity = required ? ArgumentArity.OneOrMore : ArgumentArity.ZeroOrMore,
        AllowMultipleArgumentsPerToken = true,
        Validators = { RejectOptionLikeValues },
    };

    // With several values per flag, a mistyped option (--chekpoint) would be taken as a file name; refuse it instead.
    private static void RejectOptionLikeValues(OptionResult result)
    {
        foreach (var token in result.Tokens)
        {
            if (token.Value.StartsWith('-'))
            {
                result.AddError($"'{token.Value}' is not a value for {result.Option.Name}: unknown option? (write ./{token.Value} for a file whose name starts with '-')");
                return;
            }
        }
    }
}
