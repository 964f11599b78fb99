namespace MedLedger.Cli.Tests.Support;

/// <summary>What one in-process run of <c>medledger</c> produced.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    public string FirstLine => Output.Split('\n')[0];

    public string[] Lines => Output.TrimEnd('\n').Split('\n');

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}--- stderr\n{Error}";
}
