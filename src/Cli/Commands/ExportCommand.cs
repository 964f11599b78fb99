using System.CommandLine;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using MedLedger.Cli.Inputs;
using MedLedger.Cli.Reporting;
using MedLedger.Infrastructure.Ledger;
using MedLedger.Ledger.Entries;
using MedLedger.Ledger.Storage;

namespace MedLedger.Cli.Commands;

/// <summary>
/// <c>medledger export</c>: writes a live log as JSON Lines (the stored bytes, verbatim) and, optionally, its stored
/// checkpoints as files, so that <c>verify --file</c> reaches the verdict <c>verify --connection</c> would.
/// </summary>
internal static class ExportCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var connection = CommonOptions.Connection();
        connection.Required = true;
        var table = CommonOptions.Table();
        var log = new Option<string>("--log") { HelpName = "name", Description = "The log to export (its name, which is also its checkpoint origin).", Required = true };
        var output = CommonOptions.RequiredFile("--out", "file.jsonl", "The export file to create (never overwritten).");
        var checkpointsOut = CommonOptions.OptionalFile(
            "--checkpoints-out", "dir", "Also write every stored checkpoint to <dir>/checkpoint-<size>.note (existing files are never overwritten).");
        var command = new Command(
            "export",
            "Export a live log from Table Storage as JSON Lines (docs/export-format.md): each entry's stored bytes and a newline, in index order. "
            + "Exit 0 done, 1 usage, I/O or storage error.")
        {
            Options = { connection, table, log, output, checkpointsOut },
        };
        command.SetAction((parsed, cancellationToken) => ExportAsync(
            parsed.InvocationConfiguration.Output,
            parsed.InvocationConfiguration.Error,
            LiveLog.Open(parsed.GetRequiredValue(connection), parsed.GetRequiredValue(table), parsed.GetRequiredValue(log), environment),
            parsed.GetRequiredValue(output),
            parsed.GetValue(checkpointsOut),
            cancellationToken));
        return command;
    }

    private static async Task<int> ExportAsync(
        TextWriter output, TextWriter error, TableLogStore store, string path, string? checkpointDirectory, CancellationToken cancellationToken)
    {
        try
        {
            return await ExportCoreAsync(output, error, store, path, checkpointDirectory, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException exception)
        {
            throw new CommandLineException($"The stored log is damaged ({exception.Message}); nothing was exported. Run 'medledger verify --connection' on it.", exception);
        }
    }

    private static async Task<int> ExportCoreAsync(
        TextWriter output, TextWriter error, TableLogStore store, string path, string? checkpointDirectory, CancellationToken cancellationToken)
    {
        var fullPath = Path.GetFullPath(path);
        if (File.Exists(fullPath) || Directory.Exists(fullPath))
        {
            throw new CommandLineException($"'{fullPath}' already exists; an export never overwrites a file.");
        }

        // Checkpoints first, then the head: every checkpoint read is then covered by the entries exported.
        var checkpoints = await LiveLog.ReadCheckpointsOfExistingLogAsync(store, cancellationToken).ConfigureAwait(false);
        var head = await store.ReadHeadAsync(cancellationToken).ConfigureAwait(false);
        var checkpointFiles = checkpointDirectory is null ? [] : PlanCheckpointFiles(checkpointDirectory, checkpoints);

        var count = new EntryCount();
        await WriteNewFileAsync(fullPath, stream => EntryLines.WriteAsync(stream, BytesOf(store.ReadEntriesAsync(0, head.Size, cancellationToken), count), cancellationToken), cancellationToken)
            .ConfigureAwait(false);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"exported: {count.Value} entries of log '{store.LogName}' to {fullPath}"));
        if (count.Value != head.Size)
        {
            error.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"warning: the log's head says {head.Size} entries but the store returned {count.Value}; run 'medledger verify --connection' on it."));
        }

        foreach (var (file, checkpoint) in checkpointFiles)
        {
            var bytes = Encoding.UTF8.GetBytes(checkpoint.SignedNote);
            await WriteNewFileAsync(file, stream => stream.WriteAsync(bytes, cancellationToken).AsTask(), cancellationToken).ConfigureAwait(false);
        }

        if (checkpointDirectory is not null)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"exported: {checkpointFiles.Count} checkpoints to {Path.GetFullPath(checkpointDirectory)}"));
        }

        return ExitCodes.Success;
    }

    private static List<(string File, StoredCheckpoint Checkpoint)> PlanCheckpointFiles(string directory, List<StoredCheckpoint> checkpoints)
    {
        var fullDirectory = Path.GetFullPath(directory);
        if (File.Exists(fullDirectory))
        {
            throw new CommandLineException($"--checkpoints-out '{fullDirectory}' is a file, not a directory.");
        }

        var plan = checkpoints
            .Select(c => (Path.Combine(fullDirectory, string.Create(CultureInfo.InvariantCulture, $"checkpoint-{c.TreeSize}.note")), c))
            .ToList();
        var existing = plan.Find(p => File.Exists(p.Item1));
        if (existing.Item1 is not null)
        {
            throw new CommandLineException($"'{existing.Item1}' already exists; an export never overwrites a file. Nothing was written.");
        }

        try
        {
            Directory.CreateDirectory(fullDirectory);
        }
        catch (Exception exception) when (InputFiles.IsFileProblem(exception))
        {
            throw new CommandLineException($"Cannot create the directory '{fullDirectory}': {exception.Message}", exception);
        }

        return plan;
    }

    // Written under a temporary name and moved into place without overwriting: a failed export leaves no partial file.
    private static async Task WriteNewFileAsync(string path, Func<Stream, Task> write, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(path)!;
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}.tmp");
        try
        {
            var stream = new FileStream(temporary, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                Share = FileShare.None,
                Options = FileOptions.Asynchronous,
                BufferSize = 1024 * 1024,
            });
            await using (stream.ConfigureAwait(false))
            {
                await write(stream).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: false);
        }
        catch (Exception exception) when (InputFiles.IsFileProblem(exception) && exception is not ArgumentException)
        {
            throw new CommandLineException($"Cannot write '{path}': {exception.Message}", exception);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static async IAsyncEnumerable<ReadOnlyMemory<byte>> BytesOf(IAsyncEnumerable<StoredEntry> entries, EntryCount count, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var entry in entries.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (entry.Bytes.Span.Contains((byte)'\n'))
            {
                // Canonical entries never hold a raw newline; this one cannot be one line of an export.
                throw new CommandLineException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"Entry {count.Value} holds a newline byte, so it is not a valid entry and cannot be exported as one line; nothing was written. Run 'medledger verify --connection' on the log."));
            }

            count.Value++;
            yield return entry.Bytes;
        }
    }

    private sealed class EntryCount
    {
        public long Value { get; set; }
    }
}
