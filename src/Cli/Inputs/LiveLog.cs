using Azure;
using MedLedger.Cli.Reporting;
using MedLedger.Clients.Blobs;
using MedLedger.Clients.Storage;
using MedLedger.Infrastructure.Ledger;
using MedLedger.Ledger.Entries;
using MedLedger.Ledger.Storage;

namespace MedLedger.Cli.Inputs;

/// <summary>Opens a live log in Table Storage for <c>--connection</c> verbs, with one-line messages for what the user can fix.</summary>
internal static class LiveLog
{
    /// <summary>Creates the store (no request is sent).</summary>
    /// <exception cref="CommandLineException">The connection string, table name or log name is invalid.</exception>
    public static TableLogStore Open(string connectionString, string table, string log, CliEnvironment environment)
    {
        if (!EntryFormat.IsValidLogName(log))
        {
            throw new CommandLineException($"'{log}' is not a valid log name (1 to 128 of A-Z a-z 0-9 . _ - : /).");
        }

        try
        {
            return TableLogStore.Open(new StorageAccount(connectionString, environment.CreateStorageOptions()), log, tableName: table);
        }
        catch (StorageConnectionException exception)
        {
            // The parser's messages name the faulty setting, never its value, so no account key is ever printed.
            throw new CommandLineException("The connection string is not usable: " + exception.Message, exception);
        }
        catch (ArgumentException exception)
        {
            throw new CommandLineException($"The table name '{table}' is not valid: {exception.Message}", exception);
        }
    }

    /// <summary>Creates a client of the records container (no request is sent).</summary>
    /// <exception cref="CommandLineException">The connection string has no Blob endpoint, or the container name is invalid.</exception>
    public static BlobContainerClient OpenRecords(string connectionString, string container, CliEnvironment environment)
    {
        try
        {
            return new StorageAccount(connectionString, environment.CreateStorageOptions()).GetBlobContainerClient(container);
        }
        catch (StorageConnectionException exception)
        {
            throw new CommandLineException("The connection string is not usable: " + exception.Message, exception);
        }
        catch (ArgumentException exception)
        {
            throw new CommandLineException($"The records container '{container}' cannot be used: {exception.Message}", exception);
        }
    }

    /// <summary>Reads every stored checkpoint, failing clearly when the table or the log does not exist.</summary>
    /// <exception cref="CommandLineException">The table is missing, or the log has neither entries nor checkpoints.</exception>
    public static async Task<List<StoredCheckpoint>> ReadCheckpointsOfExistingLogAsync(TableLogStore store, CancellationToken cancellationToken)
    {
        try
        {
            var checkpoints = await store.ReadCheckpointsAsync(cancellationToken).ToListAsync(cancellationToken).ConfigureAwait(false);
            if (checkpoints.Count == 0 && (await store.ReadHeadAsync(cancellationToken).ConfigureAwait(false)).Size == 0)
            {
                // Almost always a mistyped --log; an empty log has nothing to verify or export either way.
                throw new CommandLineException(
                    $"The log '{store.LogName}' has no entries and no checkpoints in the table '{store.TableName}': check --log and --connection.");
            }

            return checkpoints;
        }
        catch (RequestFailedException exception) when (exception.ErrorCode == "TableNotFound")
        {
            throw new CommandLineException($"The table '{store.TableName}' does not exist in this storage account.", exception);
        }
    }
}
