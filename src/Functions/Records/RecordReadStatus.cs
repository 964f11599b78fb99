namespace MedLedger.Functions.Records;

/// <summary>How a record read ended.</summary>
internal enum RecordReadStatus
{
    /// <summary>The read is logged (its event durably queued) and the plaintext may be released.</summary>
    Released = 1,

    /// <summary>No such record, or its creation is not in the log yet.</summary>
    NotFound = 2,

    /// <summary>The stored envelope is missing or is not the one the log committed to: nothing is released.</summary>
    IntegrityFailure = 3,

    /// <summary>The envelope matches the log but does not decrypt: nothing is released.</summary>
    DecryptionFailure = 4,
}
