namespace MedLedger.Functions.Records;

/// <summary>How a record read ended.</summary>
internal enum RecordReadStatus
{
    /// <summary>The permitting decision is in the log and the plaintext may be released.</summary>
    Released = 1,

    /// <summary>Refused, or no such record (or its creation is not in the log yet): answered alike, and logged either way.</summary>
    NotFound = 2,

    /// <summary>The stored envelope is missing or is not the one the log committed to: nothing is released.</summary>
    IntegrityFailure = 3,

    /// <summary>The envelope matches the log but does not decrypt: nothing is released.</summary>
    DecryptionFailure = 4,
}
