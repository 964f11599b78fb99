namespace MedLedger.Cli.Reporting;

/// <summary>The exit codes of every <c>medledger</c> verb.</summary>
internal static class ExitCodes
{
    /// <summary>The verification succeeded, or the verb did what it was asked.</summary>
    public const int Success = 0;

    /// <summary>Usage or I/O error: bad arguments, a missing or unreadable file, a malformed key; one line on stderr.</summary>
    public const int Failure = 1;

    /// <summary>Verification ran and failed; the first line of stdout starts with <c>invalid:</c> and names the fault.</summary>
    public const int Invalid = 2;

    /// <summary><c>verify --connection</c> only: the log and every blob it names are intact (the first line is
    /// <c>valid: …</c>), but the records container holds orphan blobs no entry names, older than the grace period.</summary>
    public const int OrphanBlobs = 3;
}
