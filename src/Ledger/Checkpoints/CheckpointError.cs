namespace MedLedger.Ledger.Checkpoints;

/// <summary>Why a signed checkpoint was not accepted.</summary>
public enum CheckpointError
{
    /// <summary>The checkpoint is valid and signed by a trusted key.</summary>
    None = 0,

    /// <summary>The signed-note syntax is wrong (CRLF, no final newline, no blank line, bad signature line, too many signatures…).</summary>
    MalformedNote = 1,

    /// <summary>The note is signed by a trusted key but its text is not a canonical checkpoint (origin, size, root).</summary>
    MalformedCheckpoint = 2,

    /// <summary>No signature line is from a trusted key (matching both key name and key id).</summary>
    UnknownKey = 3,

    /// <summary>A signature line from a trusted key does not verify; the whole note is rejected.</summary>
    BadSignature = 4,

    /// <summary>The checkpoint is valid but belongs to a different log than expected.</summary>
    OriginMismatch = 5,
}
