namespace MedLedger.Ledger.Storage;

/// <summary>How a store answered an atomic append.</summary>
public enum AppendStatus
{
    /// <summary>Everything in the batch was written.</summary>
    Appended = 1,

    /// <summary>
    /// Nothing was written: the log was no longer at the expected size, or one of the batch's event ids was already
    /// present. The caller re-reads the head and tries again.
    /// </summary>
    Conflict = 2,
}
