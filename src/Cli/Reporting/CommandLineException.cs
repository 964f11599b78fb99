namespace MedLedger.Cli.Reporting;

/// <summary>A usage or I/O problem the user can fix; its message is printed as one line on stderr and the exit code is 1.</summary>
/// <remarks>Thrown only inside command handlers and caught in one place, <see cref="MedLedgerCli"/>.</remarks>
internal sealed class CommandLineException : Exception
{
    public CommandLineException(string message)
        : base(message)
    {
    }

    public CommandLineException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
