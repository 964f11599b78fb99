using MedLedger.Testing.Time;

namespace MedLedger.Cli.Tests.Support;

/// <summary>Runs <c>medledger</c> in-process with captured stdout and stderr, as a script would see them.</summary>
internal static class Medledger
{
    public static Task<CliRun> RunAsync(params string[] args) => RunAsync(new CliEnvironment { TimeProvider = new FakeTimeProvider() }, args);

    public static async Task<CliRun> RunAsync(CliEnvironment environment, params string[] args)
    {
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter { NewLine = "\n" };
        var exitCode = await MedLedgerCli.RunAsync(args, output, error, environment, TestContext.Current.CancellationToken);
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }
}
