using System.CommandLine;
using System.Globalization;
using MedLedger.Cli.Inputs;
using MedLedger.Cli.Records;
using MedLedger.Cli.Reporting;
using MedLedger.Infrastructure.Ledger;
using MedLedger.Ledger.Entries;
using MedLedger.Ledger.Verification;

namespace MedLedger.Cli.Commands;

/// <summary><c>medledger verify</c>: re-verifies a whole log, from an export file or from live Table Storage.</summary>
internal static class VerifyCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var file = CommonOptions.OptionalFile("--file", "export.jsonl", "A log export in JSON Lines (docs/export-format.md), streamed in constant memory.");
        var connection = CommonOptions.Connection();
        var table = CommonOptions.Table();
        var checkpoints = CommonOptions.Repeatable(
            "--checkpoint", "file", "With --file: a signed checkpoint file to check the export against. Repeat, or give several after one flag.", required: false);
        var keys = CommonOptions.Keys(required: false);
        var log = CommonOptions.Log("The log name (checkpoint origin). With --file: expected, default from the checkpoints, else entry 0. Required with --connection.");
        var progress = CommonOptions.Progress();
        var blobs = new BlobOptions();
        var command = new Command(
            "verify",
            "Verify a whole log, from an export (--file) or live Table Storage (--connection): every entry, prev link and Merkle root, and every checkpoint. "
            + "With --connection also the record blobs: each record.created entry's blob must exist and match its SHA-256, and blobs no entry names are listed "
            + "(orphan, or pending within the grace period). "
            + "Exit 0 valid, 2 invalid (the first stdout line names the first bad index, or the first bad blob, and the fault), "
            + "3 valid but orphan blobs found (--connection), 1 usage or I/O error.")
        {
            Options = { file, connection, table, checkpoints, keys, log, progress, blobs.Container, blobs.GraceMinutes, blobs.LogNumber, blobs.Skip },
        };
        command.Validators.Add(result =>
        {
            // Presence, not values: reading a value that failed to parse would throw here.
            var fromFile = result.GetResult(file) is not null;
            var fromStorage = result.GetResult(connection) is not null;
            if (fromFile == fromStorage)
            {
                result.AddError("Give the log to verify with either --file <export.jsonl> or --connection <connection string>.");
            }
            else if (fromFile && result.GetResult(checkpoints) is not null && result.GetResult(keys) is null)
            {
                result.AddError("--checkpoint needs at least one --key to check its signature.");
            }
            else if (fromFile && result.GetResult(table) is { Implicit: false })
            {
                result.AddError("--table goes with --connection.");
            }
            else if (fromFile && blobs.Given(result) is { } blobOption)
            {
                result.AddError($"{blobOption} goes with --connection: an export holds no blobs.");
            }
            else if (fromStorage && result.GetResult(blobs.Skip) is not null && blobs.Given(result, exceptSkip: true) is { } ignored)
            {
                result.AddError($"{ignored} has no effect with --no-blobs.");
            }
            else if (fromStorage && result.GetResult(checkpoints) is not null)
            {
                result.AddError("--checkpoint goes with --file; with --connection every checkpoint stored with the log is checked.");
            }
            else if (fromStorage && (result.GetResult(keys) is null || result.GetResult(log) is null))
            {
                result.AddError("--connection needs --log <name> and at least one --key for the log's stored checkpoints.");
            }
        });
        command.SetAction((parsed, cancellationToken) =>
        {
            var request = new Request(
                parsed,
                environment,
                parsed.GetValue(checkpoints) ?? [],
                parsed.GetValue(keys) ?? [],
                parsed.GetValue(log),
                parsed.GetValue(progress) || environment.IsErrorInteractive);
            return parsed.GetValue(file) is { } path
                ? VerifyFileAsync(request, path, cancellationToken)
                : VerifyStorageAsync(request, parsed.GetRequiredValue(connection), parsed.GetRequiredValue(table), blobs.Read(parsed), cancellationToken);
        });
        return command;
    }

    private static async Task<int> VerifyFileAsync(Request request, string file, CancellationToken cancellationToken)
    {
        var notes = new List<string>(request.CheckpointFiles.Length);
        foreach (var path in request.CheckpointFiles)
        {
            var (text, problem) = await CheckpointFiles.ReadAsync(path, cancellationToken).ConfigureAwait(false);
            if (text is null)
            {
                return Verdict.Invalid(request.Output, "checkpoints", FaultNames.Of(VerificationFault.MalformedCheckpoint), problem!);
            }

            notes.Add(text);
        }

        using var trusted = await TrustedKeys.LoadAsync(request.KeyValues, cancellationToken).ConfigureAwait(false);
        var verifier = request.CreateVerifier(trusted.For(notes));
        var stream = InputFiles.OpenRead(file, "export file");
        await using (stream.ConfigureAwait(false))
        {
            var progress = request.ShowProgress
                ? new VerificationProgress(request.Error, request.Environment.TimeProvider, () => (stream.Position, stream.Length))
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

            return VerificationReport.Write(request.Output, result, request.CheckpointFiles);
        }
    }

    private static async Task<int> VerifyStorageAsync(Request request, string connection, string table, BlobAuditSettings? blobs, CancellationToken cancellationToken)
    {
        var store = LiveLog.Open(connection, table, request.Log!, request.Environment);
        var blobContainer = blobs is null ? null : LiveLog.OpenRecords(connection, blobs.Container, request.Environment);
        var collector = new RecordCreationCollector(store);
        using var trusted = await TrustedKeys.LoadAsync(request.KeyValues, cancellationToken).ConfigureAwait(false);
        VerificationResult result;
        List<string> sources;
        try
        {
            // Read here only to name the PEM keys and the checkpoints in messages; the verifier reads the store itself.
            var stored = await LiveLog.ReadCheckpointsOfExistingLogAsync(store, cancellationToken).ConfigureAwait(false);
            sources = [.. stored.Select(c => string.Create(CultureInfo.InvariantCulture, $"stored checkpoint for tree size {c.TreeSize}"))];
            var head = await store.ReadHeadAsync(cancellationToken).ConfigureAwait(false);
            var progress = request.ShowProgress
                ? new VerificationProgress(request.Error, request.Environment.TimeProvider, totalEntries: head.Size)
                : null;
            result = await request.CreateVerifier(trusted.For(stored.Select(c => c.SignedNote)))
                .VerifyStoreAsync(collector, progress, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (InvalidDataException exception)
        {
            // A row that is not even a row of the layout: the stored data was altered (or written by something else).
            return Verdict.Invalid(request.Output, "storage", "malformed-row", exception.Message);
        }

        if (!result.IsValid || blobs is null || blobContainer is null)
        {
            // Blobs are audited only against a log that verified: an altered log cannot say which blobs should exist.
            return VerificationReport.Write(request.Output, result, sources);
        }

        var logNumber = blobs.LogNumber ?? RecordIdPrefix.LogNumberOf(store.LogName);
        var prefix = RecordIdPrefix.Of(logNumber);
        var audit = await new RecordBlobAudit(blobContainer, request.Environment.TimeProvider, blobs.Grace)
            .RunAsync(collector.Creations, prefix, cancellationToken)
            .ConfigureAwait(false);
        return BlobAuditReport.Write(request.Output, result, audit, blobContainer.Name, prefix, blobs.Grace);
    }

    private sealed record Request(ParseResult Parsed, CliEnvironment Environment, string[] CheckpointFiles, string[] KeyValues, string? Log, bool ShowProgress)
    {
        public TextWriter Output => Parsed.InvocationConfiguration.Output;

        public TextWriter Error => Parsed.InvocationConfiguration.Error;

        public LogVerifier CreateVerifier(IReadOnlyList<Ledger.Checkpoints.CheckpointVerifierKey> keys) =>
            new(keys, new LogVerifierOptions { LogName = Log, MaxDegreeOfParallelism = Environment.MaxDegreeOfParallelism });
    }
}
