namespace MedLedger.Functions.Records;

/// <summary>Where a record's envelope is stored: one create-only blob per record, named by the record id.</summary>
internal static class RecordBlobs
{
    /// <summary>The content type of envelope blobs: opaque bytes (the record's own type is in the ledger entry).</summary>
    public const string EnvelopeContentType = "application/octet-stream";

    /// <summary>Returns the blob name of <paramref name="recordId"/>'s envelope.</summary>
    public static string NameOf(string recordId) => recordId;
}
