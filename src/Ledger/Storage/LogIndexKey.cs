namespace MedLedger.Ledger.Storage;

/// <summary>What a secondary index of the log is keyed by.</summary>
public enum LogIndexKind
{
    /// <summary>The pseudonymous subject (patient pseudonym) an entry is about.</summary>
    Subject = 1,

    /// <summary>The record an entry refers to.</summary>
    Record = 2,
}

/// <summary>A key in one of the log's secondary indexes; the index maps it to entry indexes in log order.</summary>
/// <param name="Kind">Which index.</param>
/// <param name="Value">The key (a pseudonym or a record id; never personal data).</param>
public readonly record struct LogIndexKey(LogIndexKind Kind, string Value);
