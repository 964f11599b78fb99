using System.CommandLine;
using MedLedger.Cli.Inputs;
using MedLedger.Cli.Reporting;
using MedLedger.Ledger.Entries;
using MedLedger.Ledger.Verification;

namespace MedLedger.Cli.Commands;

/// <summary><c>medledger verify</c>: re-verifies a whole log, from an export file or from live Table Storage.</summary>
internal static class VerifyCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var file = CommonOptions.OptionalFile("--file", "export.jsonl", "A log export in JSON Lines (docs/export-format.md), streamed in constant memory.");
        var checkpoints = CommonOptions.Repeatable("--checkpoint", "file", "A signed checkpoint file to check the export against. Repeat, or give several after one flag.", required: false);
        var keys = CommonOptions.Keys(required: false);
        var log = CommonOptions.Log();
        var progress = CommonOptions.Progress();
        var command = new Command(
            "verify",
            "Verify every entry of a log: canonical form, sequence, prev links, Merkle root at every checkpoint, checkpoint signatures, truncation and forks. "
            + "Exit 0 valid, 2 invalid (the first stdout line names the first bad index and the fault), 1 usage or I/O error.")
        {
            Options = { file, checkpoints, keys, log, progress },
        };
        command.Validators.Add(result =>
        {
            // Presence, not values: reading a value that failed to parse would throw here.
            if (result.GetResult(file) is null)
            {
                result.AddError("Give the log to verify with --file <export.jsonl>.");
            }
            else if (result.GetResult(checkpoints) is not null && result.GetResult(keys) is null)
            {
                result.AddError("--checkpoint needs at least one --key to check its signature.");
            }
        });
        command.SetAction((parsed, cancellationToken) => VerifyFileAsync(
            parsed,
            environment,
            parsed.GetValue(file) ?? throw new CommandLineException("Give the log to verify with --file <export.jsonl>."),
            parsed.GetValue(checkpoints) ?? [],
            parsed.GetValue(keys) ?? [],
            parsed.GetValue(log),
            parsed.GetValue(progress),
            cancellationToken));
        return command;
    }

    private static async Task<int> VerifyFileAsync(
        ParseResult parsed,
        CliEnvironment environment,
        string file,
        string[] checkpointFiles,
        string[] keyValues,
        string? log,
        bool forceProgress,
        CancellationToken cancellationToken)
    {
        var output = parsed.InvocationConfiguration.Output;
        var notes = new List<string>(checkpointFiles.Length);
        foreach (var path in checkpointFiles)
        {
            var (text, problem) = await CheckpointFiles.ReadAsync(path, cancellationToken).ConfigureAwait(false);
            if (text is null)
            {
                return Verdict.Invalid(output, "checkpoints", FaultNames.Of(VerificationFault.MalformedCheckpoint), problem!);
            }

            notes.Add(text);
        }

        using var trusted = await TrustedKeys.LoadAsync(keyValues, cancellationToken).ConfigureAwait(false);
        var verifier = new LogVerifier(trusted.For(notes), new LogVerifierOptions { LogName = log, MaxDegreeOfParallelism = environment.MaxDegreeOfParallelism });
        var stream = InputFiles.OpenRead(file, "export file");
        await using (stream.ConfigureAwait(false))
        {
            var progress = forceProgress || environment.IsErrorInteractive
                ? new VerificationProgress(parsed.InvocationConfiguration.Error, environment.TimeProvider, () => (stream.Position, stream.Length))
                : null;
            VerificationResult result;
            try
            {
                result = await verifier.VerifyAsync(EntryLines.ReadAsync(stream, cancellationToken), notes, progress, cancellationToken).ConfigureAwait(false);
            }
            catch (IOException exception)
            {
                throw InputFiles.Explain(file, "export file", exception);
            }

            return VerificationReport.Write(output, result, checkpointFiles);
        }
    }
}
