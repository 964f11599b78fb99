namespace MedLedger.Cli.Records;

/// <summary>The outcome of a blob audit: the findings, tamper evidence first (by entry index), then orphan and pending blobs (by name).</summary>
/// <param name="Findings">Everything found; empty when every entry's blob matches and no blob is unaccounted for.</param>
/// <param name="CreationsChecked">How many <c>record.created</c> entries were checked.</param>
/// <param name="BlobsListed">How many blobs the listing returned.</param>
internal sealed record BlobAuditResult(IReadOnlyList<BlobFinding> Findings, int CreationsChecked, int BlobsListed)
{
    /// <summary>Gets the first finding that is tamper evidence, or null.</summary>
    public BlobFinding? FirstTamperEvidence => Findings.FirstOrDefault(f => f.IsTamperEvidence);

    /// <summary>Gets how many findings are of <paramref name="kind"/>.</summary>
    public int Count(BlobFindingKind kind) => Findings.Count(f => f.Kind == kind);
}
