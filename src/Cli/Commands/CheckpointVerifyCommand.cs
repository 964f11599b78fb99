using System.CommandLine;
using System.Globalization;
using System.Text;
using MedLedger.Cli.Inputs;
using MedLedger.Cli.Reporting;
using MedLedger.Ledger.Checkpoints;
using MedLedger.Ledger.Merkle;
using MedLedger.Ledger.Verification;

namespace MedLedger.Cli.Commands;

/// <summary>
/// <c>medledger checkpoint verify</c>: checks a signed checkpoint and, given an older one and a consistency proof, that
/// the older tree is a prefix of the newer (fork detection without the log).
/// </summary>
internal static class CheckpointVerifyCommand
{
    public static Command Create()
    {
        var checkpoint = CommonOptions.RequiredFile("--checkpoint", "file", "The signed checkpoint (a C2SP signed note, exact bytes).");
        var keys = CommonOptions.Keys(required: true);
        var log = CommonOptions.Log();
        var against = CommonOptions.OptionalFile("--against", "older-checkpoint", "An older signed checkpoint of the same log that must be a prefix of --checkpoint.");
        var proof = CommonOptions.OptionalFile(
            "--proof", "file", "The consistency proof between the two (medledger-consistency-proof/v1 JSON, docs/export-format.md).");
        var command = new Command(
            "verify",
            "Verify a signed checkpoint: canonical signed-note and checkpoint form, and a valid signature from a trusted key. "
            + "With --against and --proof, also that the older checkpoint's tree is a prefix of this one (RFC 9162 §2.1.4). "
            + "Exit 0 valid, 2 invalid, 1 usage or I/O error.")
        {
            Options = { checkpoint, keys, log, against, proof },
        };
        command.Validators.Add(result =>
        {
            if ((result.GetResult(against) is null) != (result.GetResult(proof) is null))
            {
                result.AddError("--against and --proof go together: the older checkpoint and the consistency proof from it to --checkpoint.");
            }
        });
        command.SetAction((parsed, cancellationToken) => VerifyAsync(
            parsed.InvocationConfiguration.Output,
            parsed.GetRequiredValue(checkpoint),
            parsed.GetRequiredValue(keys),
            parsed.GetValue(log),
            parsed.GetValue(against),
            parsed.GetValue(proof),
            cancellationToken));
        return command;
    }

    private static async Task<int> VerifyAsync(
        TextWriter output, string path, string[] keyValues, string? log, string? olderPath, string? proofPath, CancellationToken cancellationToken)
    {
        var newerBytes = await InputFiles.ReadAllBytesAsync(path, "checkpoint file", CheckpointFiles.MaxBytes, cancellationToken).ConfigureAwait(false);
        var olderBytes = olderPath is null
            ? null
            : await InputFiles.ReadAllBytesAsync(olderPath, "checkpoint file", CheckpointFiles.MaxBytes, cancellationToken).ConfigureAwait(false);
        var proofBytes = proofPath is null
            ? null
            : await InputFiles.ReadAllBytesAsync(proofPath, "consistency proof", ConsistencyProof.MaxJsonBytes + 1, cancellationToken).ConfigureAwait(false);
        using var trusted = await TrustedKeys.LoadAsync(keyValues, cancellationToken).ConfigureAwait(false);

        // Names for PEM keys come from the notes' own signature lines (see TrustedKeys); lossy decoding is fine for that.
        var keys = trusted.For([Encoding.UTF8.GetString(newerBytes), .. olderBytes is null ? [] : new[] { Encoding.UTF8.GetString(olderBytes) }]);
        var newer = CheckpointVerifier.Verify(newerBytes, keys, log);
        if (!newer.IsValid)
        {
            return Verdict.Invalid(output, "checkpoint", FaultNames.Of(newer.Error), newer.Message);
        }

        var summary = Describe(newer);
        if (olderBytes is null || proofBytes is null)
        {
            return Verdict.Valid(output, summary);
        }

        var older = CheckpointVerifier.Verify(olderBytes, keys, newer.Checkpoint.Origin);
        if (!older.IsValid)
        {
            return Verdict.Invalid(output, "older checkpoint", FaultNames.Of(older.Error), older.Message);
        }

        if (!ConsistencyProof.TryParse(InputFiles.WithoutFinalNewline(proofBytes), out var proof, out var proofError))
        {
            return Verdict.Invalid(output, "proof", "malformed-proof", proofError);
        }

        var (small, large) = older.Checkpoint.TreeSize <= newer.Checkpoint.TreeSize
            ? (older.Checkpoint, newer.Checkpoint)
            : (newer.Checkpoint, older.Checkpoint);
        if (proof.FromSize != small.TreeSize || proof.ToSize != large.TreeSize)
        {
            return Verdict.Invalid(
                output,
                "proof",
                "proof-mismatch",
                string.Create(CultureInfo.InvariantCulture, $"The proof is from size {proof.FromSize} to {proof.ToSize}, but the checkpoints are for sizes {small.TreeSize} and {large.TreeSize}."));
        }

        var consistency = new LogVerifier(keys).VerifyConsistency(Encoding.UTF8.GetString(olderBytes), Encoding.UTF8.GetString(newerBytes), proof.Hashes);
        if (!consistency.IsValid)
        {
            return Verdict.Invalid(output, "checkpoints", FaultNames.Of(consistency.Fault), consistency.Detail);
        }

        return Verdict.Valid(
            output,
            summary,
            string.Create(
                CultureInfo.InvariantCulture,
                $"consistent: the tree of {small.TreeSize} entries (root {small.RootHash.ToBase64()}) is a prefix of the tree of {large.TreeSize} (proof of {proof.Hashes.Count} hashes)"));
    }

    private static string Describe(CheckpointVerificationResult verified)
    {
        var checkpoint = verified.Checkpoint!;
        var signers = string.Join(", ", verified.VerifiedBy.Select(key => string.Create(CultureInfo.InvariantCulture, $"'{key.Name}' ({key.KeyId:x8})")));
        return string.Create(
            CultureInfo.InvariantCulture,
            $"checkpoint of '{checkpoint.Origin}' for {checkpoint.TreeSize} entries (root {checkpoint.RootHash.ToBase64()}) signed by {signers}");
    }
}
