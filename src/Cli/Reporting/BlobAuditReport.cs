using System.Globalization;
using MedLedger.Cli.Records;
using MedLedger.Ledger.Verification;

namespace MedLedger.Cli.Reporting;

/// <summary>Prints the verdict of <c>verify --connection</c> when the log verified and its record blobs were audited.</summary>
/// <remarks>
/// <para>A missing or changed blob, or a creation that names none, is tamper evidence: <c>invalid: blobs: fault: detail</c>
/// for the first (by entry index), exit 2. Otherwise the first line is the log's <c>valid: …</c> line. Either way the
/// next lines are a <c>log:</c> line (when invalid), a <c>blobs:</c> summary, and one line per finding.</para>
/// <para>Orphans (blobs no entry names, older than the grace period) are not tampering with the log: an intake whose
/// enqueue failed left them. They are a finding an auditor must see, so they get their own exit code,
/// <see cref="ExitCodes.OrphanBlobs"/>, with the first line still <c>valid: …</c>. Pending blobs are listed and change
/// nothing.</para>
/// </remarks>
internal static class BlobAuditReport
{
    public static int Write(TextWriter output, VerificationResult log, BlobAuditResult audit, string container, string prefix, TimeSpan grace)
    {
        var summary = string.Create(
            CultureInfo.InvariantCulture,
            $"blobs: {audit.CreationsChecked} record.created entries checked against container '{container}', {audit.BlobsListed} blobs listed with prefix '{prefix}': "
            + $"{audit.Count(BlobFindingKind.Missing)} missing, {audit.Count(BlobFindingKind.Changed)} changed, {audit.Count(BlobFindingKind.MalformedCreation)} malformed-creation, "
            + $"{audit.Count(BlobFindingKind.Orphan)} orphan, {audit.Count(BlobFindingKind.Pending)} pending (grace {grace.TotalMinutes:0.##} minutes).");
        var lines = audit.Findings.Select(f => f.FaultName + ": " + f.Describe()).Prepend(summary);
        if (audit.FirstTamperEvidence is { } first)
        {
            return Verdict.Invalid(output, "blobs", first.FaultName, first.Describe(), lines.Prepend("log: " + log.Detail));
        }

        var exitCode = Verdict.Valid(output, log.Detail, lines);
        return audit.Count(BlobFindingKind.Orphan) > 0 ? ExitCodes.OrphanBlobs : exitCode;
    }
}
