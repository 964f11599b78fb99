namespace MedLedger.Functions.LedgerEvents;

/// <summary>The queue that carries ledger events from intake to the appender.</summary>
public static class LedgerEventQueue
{
    /// <summary>The queue name; the <c>LedgerAppend</c> function's trigger reads it.</summary>
    public const string Name = "ledger-events";

    /// <summary>The queue failed messages end in after the last attempt.</summary>
    public const string PoisonName = Name + "-poison";
}
