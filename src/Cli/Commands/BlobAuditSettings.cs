namespace MedLedger.Cli.Commands;

/// <summary>How <c>verify --connection</c> audits record blobs.</summary>
/// <param name="Container">The records container.</param>
/// <param name="Grace">How long a blob no entry names counts as pending rather than orphan.</param>
/// <param name="LogNumber">The log's number when given; null to derive it from the log name.</param>
internal sealed record BlobAuditSettings(string Container, TimeSpan Grace, int? LogNumber);
