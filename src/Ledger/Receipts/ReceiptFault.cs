namespace MedLedger.Ledger.Receipts;

/// <summary>What made a receipt fail verification.</summary>
public enum ReceiptFault
{
    /// <summary>The receipt verifies.</summary>
    None = 0,

    /// <summary>The receipt is not canonical receipt JSON (syntax, unknown, duplicate or missing members, bad base64, order, whitespace).</summary>
    MalformedReceipt = 1,

    /// <summary>The <c>format</c> member names a receipt format this library does not read.</summary>
    UnsupportedFormat = 2,

    /// <summary>The embedded checkpoint is not a well-formed signed checkpoint.</summary>
    MalformedCheckpoint = 3,

    /// <summary>The checkpoint carries no signature from a trusted key.</summary>
    UnknownKey = 4,

    /// <summary>A trusted key's signature on the checkpoint does not verify.</summary>
    BadSignature = 5,

    /// <summary>The receipt's log, the checkpoint's origin and the entry's log field do not all agree (or differ from the expected log).</summary>
    LogMismatch = 6,

    /// <summary>The index is not smaller than the checkpoint's tree size.</summary>
    IndexOutOfRange = 7,

    /// <summary>The entry bytes are not a valid, canonical entry.</summary>
    MalformedEntry = 8,

    /// <summary>The entry's own <c>seq</c> differs from the receipt's index.</summary>
    IndexMismatch = 9,

    /// <summary>The inclusion proof does not lead from the entry's leaf hash to the checkpoint's root.</summary>
    NotIncluded = 10,
}
