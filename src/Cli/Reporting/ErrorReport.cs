namespace MedLedger.Cli.Reporting;

/// <summary>Prints usage and I/O errors: one line on stderr, never a stack trace.</summary>
internal static class ErrorReport
{
    public static int Write(TextWriter error, string message)
    {
        error.WriteLine("error: " + Verdict.OneLine(message));
        return ExitCodes.Failure;
    }
}
