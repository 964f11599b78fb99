namespace MedLedger.Functions.Triggers;

/// <summary>The names of the non-HTTP functions (the folders of their <c>function.json</c>).</summary>
internal static class TriggerFunctionNames
{
    /// <summary>The queue trigger that appends ledger events.</summary>
    public const string LedgerAppend = "LedgerAppend";

    /// <summary>The timer trigger that signs checkpoints.</summary>
    public const string Checkpoint = "Checkpoint";
}
