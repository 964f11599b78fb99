using System.Globalization;
using MedLedger.Ledger.Verification;

namespace MedLedger.Cli.Reporting;

/// <summary>Prints a <see cref="VerificationResult"/> of a whole log in the <c>verify</c> contract.</summary>
/// <remarks>
/// Valid: <c>valid: N entries verified (root …); …coverage…</c>. Invalid: <c>invalid: entry I: fault: detail</c>, where
/// I is the first bad (or, for truncation, first missing) index, then a line saying how much of the log is intact; or
/// <c>invalid: checkpoints: fault: detail</c> when a checkpoint itself is bad, then one line per checkpoint source
/// (the detail numbers checkpoints from 1 in the order given).
/// </remarks>
internal static class VerificationReport
{
    public static int Write(TextWriter output, VerificationResult result, IReadOnlyList<string> checkpointSources)
    {
        if (result.IsValid)
        {
            return Verdict.Valid(output, result.Detail);
        }

        var fault = FaultNames.Of(result.Fault);
        if (result.FirstBadIndex is { } index)
        {
            return Verdict.Invalid(
                output,
                string.Create(CultureInfo.InvariantCulture, $"entry {index}"),
                fault,
                result.Detail,
                string.Create(CultureInfo.InvariantCulture, $"intact: entries 0 to {result.EntriesVerified - 1} ({result.EntriesVerified} entries, {result.CheckpointedSize} of them covered by a signed checkpoint)"));
        }

        return Verdict.Invalid(
            output,
            "checkpoints",
            fault,
            result.Detail,
            checkpointSources.Select((source, i) => string.Create(CultureInfo.InvariantCulture, $"checkpoint {i + 1}: {source}")));
    }
}
