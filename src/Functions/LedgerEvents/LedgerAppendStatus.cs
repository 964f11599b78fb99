namespace MedLedger.Functions.LedgerEvents;

/// <summary>How an append ended.</summary>
public enum LedgerAppendStatus
{
    /// <summary>The event is now in the log.</summary>
    Appended,

    /// <summary>The event id was already in the log; nothing was added.</summary>
    AlreadyAppended,

    /// <summary>The event cannot be appended, now or later (for example the blob's hash differs); nothing was added.</summary>
    Rejected,
}
