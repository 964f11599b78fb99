using MedLedger.Functions.Configuration;
using MedLedger.Functions.Http;
using Microsoft.Extensions.Options;

namespace MedLedger.Functions.Storage;

/// <summary>
/// Creates the containers, queues and tables the app uses when they are missing — in local development, where the
/// emulator starts empty. In Azure the deployment template creates them and the app's identity only reads and writes
/// data, so nothing is attempted there.
/// </summary>
/// <remarks>
/// It starts in the background when the app starts (<see cref="StorageProvisioningService"/>; the readiness probe
/// answers at once) and retries with back-off until it succeeds. Requests that touch storage first wait for the first
/// attempt, so a fresh emulator never produces a spurious "container not found".
/// </remarks>
/// <threadsafety>Safe for concurrent use.</threadsafety>
internal sealed partial class StorageProvisioner(
    LedgerStorage storage,
    IOptions<MedLedgerOptions> options,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<StorageProvisioner> logger)
{
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(15);
    private readonly TaskCompletionSource _firstAttempt = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private Task? _running;

    /// <summary>Starts provisioning in the background unless it already runs (or there is nothing to do outside development).</summary>
    public void Start()
    {
        lock (_gate)
        {
            if (_running is not null)
            {
                return;
            }

            if (!options.Value.DevelopmentMode)
            {
                _firstAttempt.TrySetResult();
                _running = Task.CompletedTask;
                return;
            }

            _running = Task.Run(() => RunAsync(lifetime.ApplicationStopping));
        }
    }

    /// <summary>Waits until the first provisioning attempt ended, whatever its outcome (starting it if needed).</summary>
    public Task WaitForFirstAttemptAsync(CancellationToken cancellationToken)
    {
        Start();
        return _firstAttempt.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Creates whatever is missing; returns once everything exists.</summary>
    /// <exception cref="Azure.RequestFailedException">Storage refused or could not be reached.</exception>
    public async Task ProvisionAsync(CancellationToken cancellationToken)
    {
        await Task.WhenAll(
            storage.Records.CreateIfNotExistsAsync(cancellationToken),
            storage.Checkpoints.CreateIfNotExistsAsync(cancellationToken),
            storage.Events.CreateIfNotExistsAsync(cancellationToken),
            storage.Account.GetQueueClient(storage.Events.PoisonQueueName).CreateIfNotExistsAsync(cancellationToken),
            storage.Ledger.CreateIfNotExistsAsync(cancellationToken),
            storage.Idempotency.CreateIfNotExistsAsync(cancellationToken),
            storage.Directory.CreateIfNotExistsAsync(cancellationToken),
            storage.Replays.CreateIfNotExistsAsync(cancellationToken)).ConfigureAwait(false);
    }

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        var delay = FirstRetryDelay;
        try
        {
            while (true)
            {
                try
                {
                    await ProvisionAsync(stoppingToken).ConfigureAwait(false);
                    LogProvisioned(logger, storage.Names.RecordsContainer, storage.Names.EventsQueue, storage.Names.LedgerTable);
                    return;
                }
                catch (Exception exception) when (DependencyFailure.IsDependencyFailure(exception))
                {
                    LogRetrying(logger, ExceptionDescription.Describe(exception), delay);
                }
                finally
                {
                    _firstAttempt.TrySetResult();
                }

                await Task.Delay(delay, time, stoppingToken).ConfigureAwait(false);
                delay = delay * 2 < MaxRetryDelay ? delay * 2 : MaxRetryDelay;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Storage ready: container {Container}, queue {Queue}, table {Table} and their companions exist")]
    private static partial void LogProvisioned(ILogger logger, string container, string queue, string table);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Creating the storage containers, queues and tables failed: {Exception}; retrying in {Delay}")]
    private static partial void LogRetrying(ILogger logger, string exception, TimeSpan delay);
}
