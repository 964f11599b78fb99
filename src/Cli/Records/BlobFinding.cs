using System.Globalization;

namespace MedLedger.Cli.Records;

/// <summary>One finding of the blob audit. Names, sizes and times only: never content.</summary>
/// <param name="Kind">What was found.</param>
/// <param name="BlobName">The blob concerned (for a malformed creation, the blob it names, if any).</param>
/// <param name="Creation">The entry concerned; null for orphan and pending blobs.</param>
/// <param name="Size">The blob's size in bytes, when it exists.</param>
/// <param name="LastModified">When the blob last changed, when it exists.</param>
/// <param name="ActualSha256">For a changed blob: the SHA-256 of the bytes stored now.</param>
internal sealed record BlobFinding(
    BlobFindingKind Kind, string? BlobName, RecordCreation? Creation, long? Size = null, DateTimeOffset? LastModified = null, string? ActualSha256 = null)
{
    /// <summary>Gets whether the finding is evidence that stored data does not match the log (exit 2), rather than a
    /// blob the log does not account for.</summary>
    public bool IsTamperEvidence => Kind is BlobFindingKind.Missing or BlobFindingKind.Changed or BlobFindingKind.MalformedCreation;

    /// <summary>Gets the stable name printed for the finding (docs/export-format.md).</summary>
    public string FaultName => Kind switch
    {
        BlobFindingKind.Missing => "blob-missing",
        BlobFindingKind.Changed => "blob-changed",
        BlobFindingKind.MalformedCreation => "malformed-creation",
        BlobFindingKind.Orphan => "orphan",
        BlobFindingKind.Pending => "pending",
        _ => throw new System.Diagnostics.UnreachableException(),
    };

    /// <summary>Gets the one-line description, without the fault name.</summary>
    public string Describe() => Kind switch
    {
        BlobFindingKind.Missing => Invariant($"record {Creation!.RecordId} (entry {Creation.Index}): its blob '{BlobName}' is not in the container."),
        BlobFindingKind.Changed => Invariant(
            $"record {Creation!.RecordId} (entry {Creation.Index}): blob '{BlobName}' ({Size} bytes, last modified {Time(LastModified)}) hashes to {ActualSha256}, but the entry commits to {Creation.CiphertextSha256}."),
        BlobFindingKind.MalformedCreation => Invariant(
            $"entry {Creation!.Index}: the record.created entry lacks a record id, a blob name or a SHA-256 of 64 lowercase hex digits, so no stored blob can be checked against it."),
        BlobFindingKind.Orphan => Invariant($"blob '{BlobName}' ({Size} bytes, last modified {Time(LastModified)}): no entry names it."),
        BlobFindingKind.Pending => Invariant($"blob '{BlobName}' ({Size} bytes, last modified {Time(LastModified)}): no entry names it yet; it is within the grace period, so its event may still be queued."),
        _ => throw new System.Diagnostics.UnreachableException(),
    };

    private static string Time(DateTimeOffset? time) =>
        time is { } value ? value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) : "unknown";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
