namespace MedLedger.Ledger.Verification;

/// <summary>The kind of problem a verification found; see <see cref="VerificationResult.FirstBadIndex"/> for where.</summary>
public enum VerificationFault
{
    /// <summary>Nothing is wrong.</summary>
    None = 0,

    /// <summary>An entry's bytes are not a valid, canonical entry.</summary>
    MalformedEntry = 1,

    /// <summary>An entry belongs to another log (its <c>log</c> field), or checkpoints name different logs.</summary>
    LogMismatch = 2,

    /// <summary>An entry's content was changed: the next entry still records its original leaf hash, or its <c>seq</c> is altered while its link is intact.</summary>
    ChangedEntry = 3,

    /// <summary>An entry's <c>prev</c> does not link to the entry before it, and the entry itself was altered (its successor does not link to it either).</summary>
    BrokenLink = 4,

    /// <summary>Entries are missing: the entry at this position carries a later index and the chain continues from it.</summary>
    Gap = 5,

    /// <summary>An earlier entry appears again at this position (a replay).</summary>
    Duplicate = 6,

    /// <summary>An entry that is not part of the log was inserted at this position: the chain continues around it.</summary>
    Inserted = 7,

    /// <summary>Entries are out of order: the entry at this position belongs elsewhere in the log.</summary>
    Reordered = 8,

    /// <summary>The Merkle root of the entries differs from a signed checkpoint's root, although every link holds.</summary>
    RootMismatch = 9,

    /// <summary>The log is shorter than a signed checkpoint says it was; the index is the first missing entry.</summary>
    Truncated = 10,

    /// <summary>Two validly signed checkpoints cannot both be true (same size with different roots, or no valid consistency proof).</summary>
    Fork = 11,

    /// <summary>A checkpoint is not a well-formed signed note or checkpoint.</summary>
    MalformedCheckpoint = 12,

    /// <summary>A trusted key's signature on a checkpoint does not verify.</summary>
    BadSignature = 13,

    /// <summary>A checkpoint carries no signature from a trusted key.</summary>
    UnknownKey = 14,
}
