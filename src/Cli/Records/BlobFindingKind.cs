namespace MedLedger.Cli.Records;

/// <summary>What the blob audit found wrong with one record blob; the wire names are in <see cref="BlobFinding.FaultName"/>.</summary>
internal enum BlobFindingKind
{
    /// <summary>A <c>record.created</c> entry's blob is not in the container: stored data is gone (tamper evidence).</summary>
    Missing,

    /// <summary>A <c>record.created</c> entry's blob holds other bytes than the entry commits to (tamper evidence).</summary>
    Changed,

    /// <summary>A <c>record.created</c> entry names no blob or no well-formed hash: nothing stored can be checked (tamper evidence).</summary>
    MalformedCreation,

    /// <summary>A blob no entry names, older than the grace period: an intake whose event never reached the log.</summary>
    Orphan,

    /// <summary>A blob no entry names yet, newer than the grace period: its event may still be on the queue.</summary>
    Pending,
}
