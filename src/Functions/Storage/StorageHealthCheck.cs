using Azure;
using MedLedger.Functions.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MedLedger.Functions.Storage;

/// <summary>
/// Checks that Blob, Queue and Table storage answer with the app's credentials: one cheap read each (a blob that does not
/// exist, a peek at the event queue, an entity that does not exist). "Not found" is a healthy answer; a failure, a refused
/// credential or no answer within <see cref="Timeout"/> is not.
/// </summary>
internal sealed class StorageHealthCheck(LedgerStorage storage, StorageProvisioner provisioner) : IHealthCheck
{
    /// <summary>How long the three probes may take together.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    private const string ProbeName = "medledger-health-probe";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            // In development the emulator starts empty: judge it after the app had its chance to create what it needs.
            await provisioner.WaitForFirstAttemptAsync(timeout.Token).ConfigureAwait(false);
            await Task.WhenAll(
                ProbeBlobAsync(timeout.Token),
                storage.Events.PeekMessagesAsync(1, timeout.Token),
                storage.Ledger.GetEntityIfExistsAsync(ProbeName, ProbeName, timeout.Token)).ConfigureAwait(false);
            return HealthCheckResult.Healthy();
        }
        catch (Exception exception) when (DependencyFailure.IsDependencyFailure(exception) ||
            (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // The description is for operators' logs; the endpoint never shows it to callers.
            return HealthCheckResult.Unhealthy("Storage is not reachable: " + ExceptionDescription.Describe(exception));
        }
    }

    private async Task ProbeBlobAsync(CancellationToken cancellationToken)
    {
        try
        {
            await storage.Records.GetPropertiesAsync(ProbeName, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException exception) when (exception.Status == 404 && exception.ErrorCode != "ContainerNotFound")
        {
            // The container answered: the blob simply does not exist.
        }
    }
}
